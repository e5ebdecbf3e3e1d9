"""The odors detector-dog programs certify today. Programs add new ones as data (UI or API);
these are loaded by a migration and by the demo, which empties the database first."""

ODORS = [
    ("FENTANYL", "Fentanyl", "Fentanilo"),
    ("FENTANYL-PRECURSORS", "Fentanyl precursors", "Precursores de fentanilo"),
    ("XYLAZINE", "Xylazine", "Xilacina"),
    ("KETAMINE", "Ketamine", "Ketamina"),
    ("COCAINE", "Cocaine", "Cocaína"),
    ("METHAMPHETAMINE", "Methamphetamine", "Metanfetamina"),
    ("HEROIN", "Heroin", "Heroína"),
    ("MARIJUANA", "Marijuana", "Marihuana"),
    ("MDMA", "MDMA (ecstasy)", "MDMA (éxtasis)"),
    ("CURRENCY", "Currency", "Divisas"),
    ("FIREARMS", "Firearms and ammunition", "Armas de fuego y municiones"),
    ("EXPLOSIVES", "Explosives", "Explosivos"),
    ("CONCEALED-HUMANS", "Concealed humans", "Personas ocultas"),
    ("AGRICULTURE", "Agricultural products", "Productos agrícolas"),
]


def load_odors(odor_model) -> dict:
    """Create the default odors that are missing (never changing existing ones); {code: odor}."""
    existing = {odor.code: odor for odor in odor_model.objects.all()}
    missing = [odor_model(code=code, name_en=en, name_es=es) for code, en, es in ODORS if code not in existing]
    for odor in odor_model.objects.bulk_create(missing):
        existing[odor.code] = odor
    return existing

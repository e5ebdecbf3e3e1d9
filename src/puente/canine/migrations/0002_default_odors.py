"""The odors detector-dog programs certify today; programs add new ones as data."""
from django.db import migrations

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


def add_odors(apps, schema_editor):
    Odor = apps.get_model("canine", "Odor")
    for code, name_en, name_es in ODORS:
        Odor.objects.get_or_create(code=code, defaults={"name_en": name_en, "name_es": name_es})


class Migration(migrations.Migration):
    dependencies = [("canine", "0001_initial")]

    operations = [migrations.RunPython(add_odors, migrations.RunPython.noop)]

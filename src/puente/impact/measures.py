"""The measures every unit reports (code, English, Spanish, group, unit); seizures are one per item."""
from .estimator.outcomes import COMPLAINTS, INSPECTIONS, SCANNER_HOURS, SCANS, USE_OF_FORCE

MEASURES = [
    (INSPECTIONS, "Inspections", "Inspecciones", "activity", "count"),
    (SCANS, "Scans performed", "Revisiones con escáner realizadas", "activity", "count"),
    (SCANNER_HOURS, "Scanner hours available", "Horas de escáner disponibles", "activity", "hours"),
    ("seizures_fentanyl", "Fentanyl seizures", "Aseguramientos de fentanilo", "seizure", "count"),
    ("seizures_methamphetamine", "Methamphetamine seizures", "Aseguramientos de metanfetamina", "seizure", "count"),
    ("seizures_cocaine", "Cocaine seizures", "Aseguramientos de cocaína", "seizure", "count"),
    ("seizures_heroin", "Heroin seizures", "Aseguramientos de heroína", "seizure", "count"),
    ("seizures_firearms", "Firearm seizures", "Aseguramientos de armas de fuego", "seizure", "count"),
    ("seizures_currency", "Currency seizures", "Aseguramientos de divisas", "seizure", "count"),
    ("seizures_other", "Other seizures", "Otros aseguramientos", "seizure", "count"),
    (COMPLAINTS, "Complaints", "Quejas", "conduct", "count"),
    (USE_OF_FORCE, "Use-of-force incidents", "Incidentes de uso de la fuerza", "conduct", "count"),
]


def ensure_measures(model=None) -> None:
    """Create the standard measures that are missing (the migration and emptied test databases)."""
    if model is None:
        from .models import Measure as model
    for order, (code, en, es, group, unit) in enumerate(MEASURES):
        model.objects.get_or_create(code=code, defaults={"name_en": en, "name_es": es, "group": group, "unit_label": unit, "order": order})

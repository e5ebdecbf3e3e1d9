"""Operational indicators contributed to the metrics registry, by calendar year of the month.

Scan usage rate: scans performed over what the available scanner hours allow (30 scans an
hour, the plausibility ceiling), i.e. the share of scanning capacity actually used.
Seizures per 1,000 inspections: every seizure item (fentanyl, methamphetamine, cocaine,
heroin, firearms, currency, other) over inspections. Both break down by geography only:
units belong to agencies, not to programs. Impact estimates are not additive over groups, so
they are not registry indicators; they are read from their own pages and API.
"""
from django.db.models import Max, Min, Q, Sum

from puente.metrics.indicators.definitions import GEOGRAPHY, Indicator, Value
from puente.metrics.registry import Scope, Source
from puente.metrics.sources import grouped

from .estimator.outcomes import INSPECTIONS, SCANNER_HOURS, SCANS, SCANS_PER_SCANNER_HOUR
from .models import Measure, Observation


def scan_usage(c) -> Value:
    capacity = SCANS_PER_SCANNER_HOUR * c["scanner_hours"]
    return Value(c["scans"] / capacity if capacity else None, c["scans"], capacity)


def per_thousand_inspections(numerator: str):
    def formula(c) -> Value:
        return Value(1000 * c[numerator] / c["inspections"] if c["inspections"] else None, c[numerator], c["inspections"])

    return formula


SCAN_USAGE_RATE = Indicator(
    code="scan_usage_rate",
    name={"en": "Scan usage rate", "es": "Tasa de uso de escáneres"},
    description={
        "en": f"Scans performed over the scans the available scanner hours allow ({SCANS_PER_SCANNER_HOUR} an hour): "
              "the share of non-intrusive inspection capacity actually used.",
        "es": f"Revisiones realizadas entre las que permiten las horas de escáner disponibles ({SCANS_PER_SCANNER_HOUR} por hora): "
              "la parte de la capacidad de inspección no intrusiva que realmente se usa.",
    },
    unit="percent", components=("scans", "scanner_hours"), formula=scan_usage,
    breakdowns=GEOGRAPHY, filters=GEOGRAPHY, default_breakdown="agency", public=True,
    labels={"scans": {"en": "Scans performed", "es": "Revisiones con escáner realizadas"},
            "scanner_hours": {"en": "Scanner hours available", "es": "Horas de escáner disponibles"}},
)

_INSPECTIONS = {"inspections": {"en": "Inspections", "es": "Inspecciones"}}

SEIZURES_PER_1000 = Indicator(
    code="seizures_per_1000_inspections",
    name={"en": "Seizures per 1,000 inspections", "es": "Aseguramientos por cada 1,000 inspecciones"},
    description={
        "en": "Seizures of drugs, firearms, currency and other items over inspections, per 1,000.",
        "es": "Aseguramientos de drogas, armas de fuego, divisas y otros bienes entre inspecciones, por cada 1,000.",
    },
    unit="per_thousand", components=("inspections", "seizures"), formula=per_thousand_inspections("seizures"),
    breakdowns=GEOGRAPHY, filters=GEOGRAPHY, default_breakdown="agency", public=True,
    labels={**_INSPECTIONS, "seizures": {"en": "Seizures", "es": "Aseguramientos"}},
)

USE_OF_FORCE_PER_1000 = Indicator(
    code="use_of_force_per_1000_inspections",
    name={"en": "Use-of-force incidents per 1,000 inspections", "es": "Incidentes de uso de la fuerza por cada 1,000 inspecciones"},
    description={
        "en": "Use-of-force incidents over inspections, per 1,000.",
        "es": "Incidentes de uso de la fuerza entre inspecciones, por cada 1,000.",
    },
    unit="per_thousand", components=("inspections", "use_of_force"), formula=per_thousand_inspections("use_of_force"),
    breakdowns=GEOGRAPHY, filters=GEOGRAPHY, default_breakdown="agency", higher_is_better=False,
    labels={**_INSPECTIONS, "use_of_force": {"en": "Use-of-force incidents", "es": "Incidentes de uso de la fuerza"}},
)


def _of_year(scope: Scope, year: int):
    return scope.rows(Observation).filter(period__year=year)


def _measure(code: str):
    return Sum("value", filter=Q(measure__code=code))


def scans(scope: Scope, year: int, by: tuple) -> dict:
    return grouped(_of_year(scope, year), scope, by, agency="unit__agency", scans=_measure(SCANS), scanner_hours=_measure(SCANNER_HOURS))


def seizures(scope: Scope, year: int, by: tuple) -> dict:
    return grouped(_of_year(scope, year), scope, by, agency="unit__agency", inspections=_measure(INSPECTIONS),
                   seizures=Sum("value", filter=Q(measure__group=Measure.Group.SEIZURE)))


def use_of_force(scope: Scope, year: int, by: tuple) -> dict:
    return grouped(_of_year(scope, year), scope, by, agency="unit__agency", inspections=_measure(INSPECTIONS),
                   use_of_force=_measure("use_of_force"))


def years(scope: Scope) -> list[int]:
    span = scope.rows(Observation).aggregate(first=Min("period"), last=Max("period"))
    return list(range(span["first"].year, span["last"].year + 1)) if span["first"] else []


INDICATORS = [
    Source(SCAN_USAGE_RATE, scans, years),
    Source(SEIZURES_PER_1000, seizures, years),
    Source(USE_OF_FORCE_PER_1000, use_of_force, years),
]

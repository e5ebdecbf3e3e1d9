"""Operational indicators contributed to the metrics registry, by calendar year of the month.

Scan usage rate: scans performed over what the available scanner hours allow (30 scans an
hour, the plausibility ceiling), i.e. the share of scanning capacity actually used.
Seizures per 1,000 inspections: every seizure item (fentanyl, methamphetamine, cocaine,
heroin, firearms, currency, other) over inspections. Both break down by geography only:
units belong to agencies, not to programs.

Training effect: each program's latest impact estimate on one outcome (scan usage unless the
reader picks another), for panels that end in the year, relative to the trained units' level
before training. An estimate is a model fitted over a panel, not a sum over groups: a row is one
program's estimate, and the total is an estimate only where the scope holds exactly one program.
"""
from django.db.models import Max, Min, Q, Sum

from puente.metrics.indicators.definitions import GEOGRAPHY, Indicator, Value
from puente.metrics.registry import Scope, Source
from puente.metrics.sources import grouped

from .estimator.outcomes import INSPECTIONS, SCANNER_HOURS, SCANS, SCANS_PER_SCANNER_HOUR
from .models import Estimate, Measure, Observation


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


def relative_effect(c) -> Value:
    """The estimated change over the trained units' level before training."""
    return Value(c["estimate"] / c["baseline"] if c["baseline"] else None, c["estimate"], c["baseline"])


TRAINING_EFFECT = Indicator(
    code="training_effect",
    name={"en": "Training effect on operations", "es": "Efecto de la capacitación en la operación"},
    description={
        "en": "Each program's latest impact estimate on an operational outcome (scan usage unless another is chosen) "
              "for panels ending in the year: the change in units whose officers completed the program against units "
              "not yet trained (staggered difference in differences), relative to the trained units' level before, "
              "with its 95% interval.",
        "es": "La estimación de impacto más reciente de cada programa en un resultado operativo (el uso de escáneres "
              "salvo que se elija otro) para paneles que terminan en el año: el cambio en las unidades cuyo personal "
              "concluyó el programa frente a las aún no capacitadas (diferencias en diferencias escalonadas), relativo "
              "al nivel previo de las unidades capacitadas, con su intervalo del 95%.",
    },
    unit="percent", components=("estimate", "low", "high", "baseline", "treated_units"), formula=relative_effect,
    breakdowns=("program",), filters=("program", "outcome"), default_breakdown="program", additive=False,
    defaults={"outcome": "scan_usage"},  # the source asks for metrics of actual scanner use
    labels={"estimate": {"en": "Estimated change", "es": "Cambio estimado"},
            "low": {"en": "95% interval, low", "es": "Intervalo del 95%, inferior"},
            "high": {"en": "95% interval, high", "es": "Intervalo del 95%, superior"},
            "baseline": {"en": "Level before training", "es": "Nivel previo a la capacitación"},
            "treated_units": {"en": "Trained units", "es": "Unidades capacitadas"}},
)


def _panel_year(result: dict) -> int | None:
    months = result.get("months") or []
    return int(months[-1][:4]) if months else None


def _effect(result: dict) -> dict | None:
    overall = result.get("overall") or {}
    if overall.get("estimate") is None:
        return None  # too little data to estimate: the estimate's own page says why
    return {"estimate": overall["estimate"], "low": overall.get("low"), "high": overall.get("high"),
            "baseline": result.get("baseline"), "treated_units": (result.get("counts") or {}).get("treated_units")}


def _estimates(scope: Scope):
    """Finished estimates of the scope's outcome (and program), newest first: a few per program."""
    rows = scope.rows(Estimate).filter(status=Estimate.Status.DONE, outcome=TRAINING_EFFECT.chosen(scope.filters, "outcome"))
    if scope.filters.get("program"):
        rows = rows.filter(program__code=scope.filters["program"])
    return rows.order_by("-created", "-id").values_list("program__code", "result")


def effects(scope: Scope, year: int, by: tuple) -> dict:
    """The latest estimate per program whose panel ends in `year`; the total only for one program."""
    latest: dict = {}
    for program, result in _estimates(scope):
        if program not in latest and _panel_year(result) == year:
            latest[program] = _effect(result)
    latest = {program: parts for program, parts in latest.items() if parts}
    if by:
        return {(program,): parts for program, parts in latest.items()}
    return {(): next(iter(latest.values())) if len(latest) == 1 else {}}


def effect_years(scope: Scope) -> list[int]:
    return sorted({year for _program, result in _estimates(scope) if (year := _panel_year(result)) and _effect(result)})


INDICATORS = [
    Source(SCAN_USAGE_RATE, scans, years),
    Source(SEIZURES_PER_1000, seizures, years),
    Source(USE_OF_FORCE_PER_1000, use_of_force, years),
    Source(TRAINING_EFFECT, effects, effect_years),
]

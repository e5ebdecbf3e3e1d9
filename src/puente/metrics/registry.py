"""The indicator registry: every app's indicators, found by name, evaluated for a scope.

An app contributes indicators with a module ``<app>/indicators.py`` exposing
``INDICATORS = [Source(definition, inputs, years), ...]``; this app's own are in `sources`.
`evaluate` is the one way any page, export, report or API reads a figure.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import import_module

from django.apps import apps
from django.utils import timezone
from django.utils.translation import get_language

from .indicators import Indicator, Table, Value, combine, protect


def reference_day(year: int) -> datetime.date:
    """The day a year's on-a-day figures are read: 31 December, or today for the current year."""
    return min(datetime.date(year, 12, 31), timezone.localdate())


@dataclass(frozen=True)
class Scope:
    """Whose figures: a user's (every row through ``restrict(user, "view")``) or the public's
    (every row, for aggregated and suppressed tables only), narrowed by `filters`
    ({dimension: value}, e.g. {"country": "MX", "state": 12, "program": "TMED"}).

    `on` is the reference day of indicators read on one day (certification coverage, canine
    certifications, the accreditation pipeline) in the year it falls in; other years, and
    every year when it is None, read on `reference_day`.
    """

    user: object = None
    filters: Mapping[str, object] = field(default_factory=dict)
    public: bool = False
    on: datetime.date | None = None

    def rows(self, model):
        """The model's rows this scope counts."""
        if self.public:
            return model.objects.all()
        return model.objects.restrict(self.user, "view")

    def narrowed(self, dimensions) -> Scope:
        """Only the filters among `dimensions` (those the indicator allows)."""
        return replace(self, filters={key: value for key, value in self.filters.items() if key in dimensions and value not in (None, "")})

    def day(self, year: int) -> datetime.date:
        """The day `year`'s on-a-day figures are read."""
        return self.on if self.on and self.on.year == year else reference_day(year)


# inputs(scope, year, by) -> {key: {component: number}}, keyed by the values of `by`, () for the total.
Inputs = Callable[[Scope, int, tuple], Mapping[tuple, Mapping[str, float]]]


@dataclass(frozen=True)
class Source:
    """An indicator's definition and the adapters that read its inputs and its years.

    `min_group`, where given, is (component, minimum): the indicator's own pages show no group
    with some but fewer than `minimum` of that component to anyone (survey results and
    ``PUENTE_SURVEY_MIN_RESPONSES``), so the registry blanks such groups, and those that would
    reveal them, for every reader, and the public view never suppresses below that minimum.
    """

    indicator: Indicator
    inputs: Inputs
    years: Callable[[Scope], list[int]]
    min_group: tuple[str, Callable[[], int]] | None = None

    def minimum(self) -> int:
        """The smallest group this indicator shows (0: no minimum of its own)."""
        return self.min_group[1]() if self.min_group else 0


@dataclass(frozen=True)
class Row:
    key: tuple
    parts: Mapping[str, float]
    value: Value


@dataclass(frozen=True)
class Result:
    indicator: Indicator
    year: int
    by: tuple
    rows: list[Row]
    total: Row


@cache
def sources() -> dict[str, Source]:
    """{code: Source} for every contributed indicator, in the order apps and modules list them."""
    from . import sources as own

    found: dict[str, Source] = {}
    modules = [own]
    for config in apps.get_app_configs():
        if config.name.startswith("puente.") and config.name != "puente.metrics":
            try:
                modules.append(import_module(f"{config.name}.indicators"))
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.indicators":
                    raise
    for module in modules:
        for source in getattr(module, "INDICATORS", ()):
            if source.indicator.code in found:
                raise ValueError(f"indicator {source.indicator.code!r} is defined twice")
            found[source.indicator.code] = source
    return found


def get(code: str) -> Source:
    try:
        return sources()[code]
    except KeyError:
        raise ValueError(f"unknown indicator {code!r}") from None


def evaluate(code: str, scope: Scope, year: int, by: tuple = ()) -> Result:
    """The indicator for `year` in `scope`, one row per group of `by` (largest first) and the total.

    An additive indicator's total is the sum of its rows; any other's is read on its own
    (counts of distinct people do not add up).
    """
    source = get(code)
    indicator = source.indicator
    bad = set(by) - set(indicator.breakdowns)
    if bad:
        raise ValueError(f"{code} cannot be broken down by {sorted(bad)}")
    scope = scope.narrowed(indicator.filters)
    rows = []
    if by:
        cells = source.inputs(scope, year, tuple(by))
        values = indicator.evaluate(cells)
        rows = [Row(key, dict(parts), values[key]) for key, parts in cells.items()]
        lead = indicator.components[0]
        rows.sort(key=lambda row: (-(row.parts.get(lead) or 0), str(row.key)))
    if by and indicator.additive:
        total_parts = combine(cells, 0).get((), {name: 0 for name in indicator.components})
    else:
        total_parts = dict(source.inputs(scope, year, ()).get((), {}))
    total = Row((), total_parts, indicator.evaluate({(): total_parts})[()])
    if source.min_group and not scope.public:
        # The public view protects its whole published table itself, with at least this minimum.
        rows, total = _without_small_groups(indicator, rows, total, source.min_group[0], source.minimum())
    return Result(indicator, year, tuple(by), rows, total)


def _without_small_groups(indicator: Indicator, rows: list[Row], total: Row, component: str, minimum: int) -> tuple[list[Row], Row]:
    """Rows and total with every group counting some but fewer than `minimum` of `component`
    blanked, and the groups that would let them be worked out from the total."""
    counts = {row.key: row.parts.get(component) or 0 for row in [*rows, total]}
    equations = [((), [row.key for row in rows])] if rows and indicator.additive else []
    hidden = protect([Table(counts, equations)], minimum, safe_zeros=True)
    blank = {name: None for name in indicator.components}
    rows = [replace(row, parts=blank, value=Value(None)) if row.key in hidden else row for row in rows]
    return rows, replace(total, parts=blank, value=Value(None)) if () in hidden else total


def years(code: str, scope: Scope) -> list[int]:
    return sorted(get(code).years(scope))


def all_years(scope: Scope) -> list[int]:
    found: set[int] = set()
    for source in sources().values():
        found |= set(source.years(scope))
    return sorted(found)


def name(indicator: Indicator) -> str:
    return indicator.text("name", get_language() or "en")


def description(indicator: Indicator) -> str:
    return indicator.text("description", get_language() or "en")

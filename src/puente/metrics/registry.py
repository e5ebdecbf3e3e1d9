"""The indicator registry: every app's indicators, found by name, evaluated for a scope.

An app contributes indicators with a module ``<app>/indicators.py`` exposing
``INDICATORS = [Source(definition, inputs, years), ...]``; this app's own are in `sources`.
`evaluate` is the one way any page, export, report or API reads a figure.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import import_module

from django.apps import apps
from django.utils.translation import get_language

from .indicators import Indicator, Value, combine


@dataclass(frozen=True)
class Scope:
    """Whose figures: a user's (every row through ``restrict(user, "view")``) or the public's
    (every row, for aggregated and suppressed tables only), narrowed by `filters`
    ({dimension: value}, e.g. {"country": "MX", "state": 12, "program": "TMED"})."""

    user: object = None
    filters: Mapping[str, object] = field(default_factory=dict)
    public: bool = False

    def rows(self, model):
        """The model's rows this scope counts."""
        if self.public:
            return model.objects.all()
        return model.objects.restrict(self.user, "view")

    def narrowed(self, dimensions) -> Scope:
        """Only the filters among `dimensions` (those the indicator allows)."""
        return replace(self, filters={key: value for key, value in self.filters.items() if key in dimensions and value not in (None, "")})


# inputs(scope, year, by) -> {key: {component: number}}, keyed by the values of `by`, () for the total.
Inputs = Callable[[Scope, int, tuple], Mapping[tuple, Mapping[str, float]]]


@dataclass(frozen=True)
class Source:
    """An indicator's definition and the adapters that read its inputs and its years."""

    indicator: Indicator
    inputs: Inputs
    years: Callable[[Scope], list[int]]


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
    return Result(indicator, year, tuple(by), rows, total)


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

"""The dashboard's state (all of it in the query string) and the figures it shows.

Every figure comes from `registry.evaluate`, scoped to the reader; this module only decides what
to ask for (which year, which filters, which breakdown) and how each value reads.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils import formats
from django.utils.translation import gettext as _

from . import registry, sources
from .indicators import GEOGRAPHY, TRAINING, Indicator, Value
from .models import STATE_KEYS

TREND_YEARS = 6
# The filters chosen from a list (the geography ones are set by drilling down).
CHOICE_FILTERS = (*TRAINING, "odor", "agency_type", "credential", "outcome")


def display(indicator: Indicator, value: Value | None) -> str:
    """A value as it reads in the reader's locale, with its unit."""
    number = value.value if value else None
    if number is None:
        return "—"
    # Rounded here: number_format cuts the digits it does not show (59.0 % would read 58.9 %).
    if indicator.unit == "percent":
        return f"{formats.number_format(round(100 * number, 1), 1)} %"
    if indicator.unit == "points":
        return _("%(value)s points") % {"value": formats.number_format(round(number, 1), 1)}
    if indicator.unit == "hours":
        return formats.number_format(round(number, 1), 1, force_grouping=True)
    if indicator.unit == "per_thousand":
        return formats.number_format(round(number, 2), 2, force_grouping=True)
    return formats.number_format(round(number), force_grouping=True)


def chart_number(indicator: Indicator, value: Value) -> float | None:
    if value.value is None:
        return None
    return round(100 * value.value, 1) if indicator.unit == "percent" else round(value.value, 2)


def _int(value):
    return int(value) if value and str(value).isdigit() else None


def year(value) -> int | None:
    """A four-digit year from a form or query string, None otherwise."""
    return int(value) if value and str(value).isdigit() and len(str(value)) == 4 else None


def day(value) -> datetime.date | None:
    """An ISO date from a form or query string, None when empty or not a date."""
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass
class State:
    """What the reader asked for: an indicator, a year (and a reference day in it for the
    indicators read on one day), filters and a breakdown."""

    indicator: Indicator
    year: int | None
    filters: dict = field(default_factory=dict)
    by: str | None = None
    on: datetime.date | None = None

    def scope(self, user) -> registry.Scope:
        return registry.Scope(user, self.filters, on=self.on)

    def query(self, **changes) -> str:
        """This state as a query string, with `changes` (None removes a key)."""
        values = {"indicator": self.indicator.code, "year": self.year, "on": self.on, **self.filters, "by": self.by}
        values.update(changes)
        return urlencode([(key, values[key]) for key in STATE_KEYS if values.get(key) not in (None, "")])

    @property
    def drill(self) -> str | None:
        """The next geography level down, among those the indicator may be broken down by."""
        for dimension in GEOGRAPHY:
            if dimension not in self.filters:
                return dimension if dimension in self.indicator.breakdowns else None
        return None

    @property
    def breakdown(self) -> str | None:
        """The reader's choice, else the indicator's default before any drilling, else the drill level."""
        if self.by in self.indicator.breakdowns and self.by not in self.filters:
            return self.by
        if not any(dimension in self.filters for dimension in GEOGRAPHY) and self.indicator.default_breakdown not in self.filters:
            return self.indicator.default_breakdown
        return self.drill


def state_from(params, user) -> State:
    """The state in a request's query string; unknown values fall back to defaults."""
    codes = registry.sources()
    indicator = codes.get(params.get("indicator")) or next(iter(codes.values()))
    filters = {}
    for dimension in ("country", "level", *CHOICE_FILTERS):
        if params.get(dimension):
            filters[dimension] = params[dimension][:40]
    for dimension in ("state", "agency"):
        if _int(params.get(dimension)):
            filters[dimension] = _int(params.get(dimension))
    years = registry.years(indicator.indicator.code, registry.Scope(user))
    year = _int(params.get("year"))
    if year is None or not 1900 < year < 2200:
        year = years[-1] if years else None
    by = params.get("by") if params.get("by") in sources.DIMENSION_LABELS else None
    on = day(params.get("on"))
    return State(indicator.indicator, year, filters, by, on if on and on.year == year else None)


def crumbs(state: State) -> list[dict]:
    """The drill-down path: everything, then each geography filter, each link clearing the finer ones."""
    path = [{"label": _("All"), "query": state.query(**{d: None for d in GEOGRAPHY})}]
    for depth, dimension in enumerate(GEOGRAPHY):
        if dimension not in state.filters:
            break
        key = state.filters[dimension]
        label = sources.names(dimension, [key]).get(key, key)
        path.append({"label": label, "dimension": sources.DIMENSION_LABELS[dimension],
                     "query": state.query(**{d: None for d in GEOGRAPHY[depth + 1:]})})
    return path


def table(user, state: State) -> dict:
    """The selected indicator's rows for the breakdown, with labels and drill links, and its total."""
    indicator = state.indicator
    by = state.breakdown
    result = registry.evaluate(indicator.code, state.scope(user), state.year, (by,) if by else ())
    names = sources.names(by, [row.key[0] for row in result.rows]) if by else {}
    rows = []
    for row in result.rows:
        key = row.key[0]
        link = state.query(**{by: key, "by": None}) if key is not None else None
        rows.append({"key": key, "label": names.get(key, key) if key is not None else "—", "parts": [row.parts.get(c) for c in indicator.components],
                     "value": row.value, "display": display(indicator, row.value), "query": link})
    return {
        "by": by, "by_label": sources.DIMENSION_LABELS[by] if by else None, "rows": rows,
        "total": {"parts": [result.total.parts.get(c) for c in indicator.components], "value": result.total.value,
                  "display": display(indicator, result.total.value)},
    }


def cards(user, state: State) -> list[dict]:
    """Every indicator's total for the year and filters, each a link to its own table."""
    found = []
    for code, source in registry.sources().items():
        indicator = source.indicator
        value = registry.evaluate(code, state.scope(user), state.year).total.value if state.year else None
        found.append({"code": code, "name": registry.name(indicator), "display": display(indicator, value),
                      "query": state.query(indicator=code, by=None), "selected": code == state.indicator.code,
                      "ignored": sorted(str(sources.DIMENSION_LABELS[d]) for d in state.filters if d not in indicator.filters)})
    return found


def trend(user, state: State) -> list[dict]:
    """The indicator's total for each of its recent years, under the same filters."""
    code = state.indicator.code
    points = []
    for year in registry.years(code, registry.Scope(user))[-TREND_YEARS:]:
        value = registry.evaluate(code, state.scope(user), year).total.value
        points.append({"year": year, "value": value, "display": display(state.indicator, value)})
    return points


def charts(state: State, rows: list[dict], points: list[dict]) -> dict:
    """Chart.js specs for the breakdown (top twenty) and the trend."""
    indicator = state.indicator
    name = registry.name(indicator)
    top = [row for row in rows if row["value"].value is not None][:20]
    return {
        "breakdown": {"type": "bar", "horizontal": True, "percent": indicator.unit == "percent",
                      "labels": [str(row["label"]) for row in top],
                      "datasets": [{"label": name, "data": [chart_number(indicator, row["value"]) for row in top]}]},
        "trend": {"type": "line", "percent": indicator.unit == "percent", "labels": [str(p["year"]) for p in points],
                  "datasets": [{"label": name, "data": [chart_number(indicator, p["value"]) for p in points]}]},
    }


def options(user, state: State) -> dict:
    """The list filters the selected indicator allows, with their choices, and the years."""
    shown = [dimension for dimension in CHOICE_FILTERS if dimension in state.indicator.filters]
    return {
        # A filter with a default has no "All": its figures are always of one value.
        "choice_filters": [{"dimension": dimension, "label": sources.DIMENSION_LABELS[dimension], "choices": sources.choices(dimension),
                            "selected": state.indicator.chosen(state.filters, dimension),
                            "everything": dimension not in state.indicator.defaults} for dimension in shown],
        "kept_filters": [(key, value) for key, value in state.filters.items() if key not in shown],
        "years": registry.all_years(registry.Scope(user)),
    }

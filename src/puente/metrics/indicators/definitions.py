"""What an indicator is: a code, a bilingual name and description, a unit, the breakdowns it
allows and a formula over plain aggregated inputs. No Django here.

Inputs arrive as cells: ``{key: {component: number}}`` where the key holds the values of the
breakdowns asked for (``()`` for the total). A formula reads one cell's components and returns a
`Value`; ratios keep their numerator and denominator so a published table can suppress small
cells and readers can recompute totals from the parts.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

# The drill-down path, coarsest first, then the other dimensions an indicator may be cut by:
# those of rows tied to a training program (a program has many threats), then those of one app
# each (a canine odor, an accreditation program type, a credential type, an impact outcome).
GEOGRAPHY = ("country", "level", "state", "agency")
TRAINING = ("program", "domain", "threat")
DIMENSIONS = (*GEOGRAPHY, *TRAINING, "odor", "agency_type", "credential", "outcome")

# How a value reads: a share shown as a percentage, a count of people or seats, hours,
# percentage points, or a rate per 1,000.
UNITS = ("percent", "count", "hours", "points", "per_thousand")


@dataclass(frozen=True)
class Value:
    """One figure and the parts it was computed from (None where it has none)."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None


@dataclass(frozen=True)
class Indicator:
    """One indicator, defined once.

    `components` name the inputs the formula reads; `people` those that count people (or seats,
    one per person), which the public view suppresses when small. `breakdowns` are the
    dimensions rows may be grouped by, `filters` those the figures may be narrowed to.
    `additive` says every component adds up across groups (seats, hours, headcounts), so a
    total is the sum of its rows; distinct people trained in several groups do not.
    `on_a_day` says the figures hold on one reference day of the year (who holds a credential
    on it), which a reader may choose, rather than over the whole year.
    """

    code: str
    name: Mapping[str, str]
    description: Mapping[str, str]
    unit: str
    components: tuple[str, ...]
    formula: Callable[[Mapping[str, float]], Value]
    breakdowns: tuple[str, ...] = GEOGRAPHY
    filters: tuple[str, ...] = (*GEOGRAPHY, *TRAINING)
    default_breakdown: str = "country"
    people: tuple[str, ...] = ()
    additive: bool = True
    higher_is_better: bool = True
    public: bool = False
    on_a_day: bool = False
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # component -> {lang: label}
    #: Filters that always hold one value (figures of two credential types do not add up):
    #: {dimension: the value read when the reader chooses none}.
    defaults: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self):
        if self.unit not in UNITS:
            raise ValueError(f"{self.code}: unknown unit {self.unit!r}")
        unknown = (set(self.breakdowns) | set(self.filters)) - set(DIMENSIONS)
        if unknown:
            raise ValueError(f"{self.code}: unknown dimensions {sorted(unknown)}")
        if self.default_breakdown not in self.breakdowns:
            raise ValueError(f"{self.code}: default breakdown {self.default_breakdown!r} is not allowed")
        if set(self.people) - set(self.components):
            raise ValueError(f"{self.code}: people counts must be components")
        if set(self.defaults) - set(self.filters):
            raise ValueError(f"{self.code}: defaults must be for filters it allows")

    def text(self, attribute: str, language: str) -> str:
        """The name or description in `language` (Spanish for es*, else English)."""
        texts = getattr(self, attribute)
        return texts["es"] if language.startswith("es") else texts["en"]

    def chosen(self, filters: Mapping[str, object], dimension: str):
        """The value of `dimension` the figures are read for: the filter's, else the default."""
        return filters.get(dimension) or self.defaults.get(dimension)

    def component_label(self, component: str, language: str) -> str:
        texts = self.labels.get(component)
        if not texts:
            return component
        return texts["es"] if language.startswith("es") else texts["en"]

    def evaluate(self, cells: Mapping[tuple, Mapping[str, float]]) -> dict[tuple, Value]:
        """The formula applied to every cell; missing components read as zero."""
        return {key: self.formula({name: parts.get(name) or 0 for name in self.components}) for key, parts in cells.items()}


def ratio(numerator: float, denominator: float) -> Value:
    """numerator / denominator as a share, None when the denominator is zero."""
    return Value(numerator / denominator if denominator else None, numerator, denominator)


def combine(cells: Mapping[tuple, Mapping[str, float]], depth: int) -> dict[tuple, dict[str, float]]:
    """Additive components summed up to the first `depth` parts of each key (0: the total)."""
    rolled: dict[tuple, dict[str, float]] = {}
    for key, parts in cells.items():
        target = rolled.setdefault(key[:depth], {})
        for name, number in parts.items():
            target[name] = target.get(name, 0) + (number or 0)
    return rolled

"""The formulas of the indicators this package defines: pure functions of one cell's inputs."""
from __future__ import annotations

from collections.abc import Mapping

from .definitions import Value, ratio


def service_rate(c: Mapping[str, float]) -> Value:
    """Seats filled over seats requested."""
    return ratio(c["filled"], c["requested"])


def unmet_demand(c: Mapping[str, float]) -> Value:
    """Seats requested and not filled."""
    return Value(c["requested"] - c["filled"], c["requested"] - c["filled"], c["requested"])


def critical_gap(c: Mapping[str, float]) -> Value:
    """Service rate of mission-critical programs minus that of the others, in points.

    Negative when mission-critical programs are served worse; None unless both were requested.
    """
    critical = ratio(c["critical_filled"], c["critical_requested"]).value
    other = ratio(c["other_filled"], c["other_requested"]).value
    if critical is None or other is None:
        return Value(None)
    return Value(100 * (critical - other))


def people(c: Mapping[str, float]) -> Value:
    """A count of distinct people."""
    return Value(c["people"], c["people"], None)


def growth(c: Mapping[str, float]) -> Value:
    """Change over the year before, as a share of the year before."""
    return ratio(c["people"] - c["previous"], c["previous"])


def hours_per_officer(c: Mapping[str, float]) -> Value:
    """Hours of completed training over active officers."""
    return ratio(c["hours"], c["officers"])


def vetting_currency(c: Mapping[str, float]) -> Value:
    """Share of active officers whose vetting is valid on the reference day."""
    return ratio(c["vetted"], c["officers"])

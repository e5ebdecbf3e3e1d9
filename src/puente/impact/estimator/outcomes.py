"""Outcome measures computed per unit and month from the recorded counts.

Inputs are arrays keyed by measure code; "seizures" is the sum of every seizure measure (one
per substance or item, as configured). Ratios are NaN where their denominator is zero.
"""
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

# A scanner completes at most one scan every two minutes (positioning, exposure, image review):
# recorded scans above this many per available scanner hour are not plausible.
SCANS_PER_SCANNER_HOUR = 30

INSPECTIONS, SCANS, SCANNER_HOURS, COMPLAINTS, USE_OF_FORCE, SEIZURES = (
    "inspections", "scans", "scanner_hours", "complaints", "use_of_force", "seizures")


def _ratio(numerator, denominator, factor):
    numerator, denominator = np.asarray(numerator, float), np.asarray(denominator, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, factor * numerator / np.where(denominator > 0, denominator, 1), np.nan)


@dataclass(frozen=True)
class Outcome:
    code: str
    inputs: tuple[str, ...]
    formula: Callable
    unit: str  # "per_1000", "percent" or "count"


OUTCOMES = {
    o.code: o for o in (
        Outcome("seizures_per_1000", (SEIZURES, INSPECTIONS), lambda v: _ratio(v[SEIZURES], v[INSPECTIONS], 1000), "per_1000"),
        # Scan usage: the share of the scanners' capacity actually used, not their availability.
        Outcome("scan_usage", (SCANS, SCANNER_HOURS),
                lambda v: _ratio(v[SCANS], v[SCANNER_HOURS], 100 / SCANS_PER_SCANNER_HOUR), "percent"),
        Outcome("scans_per_1000", (SCANS, INSPECTIONS), lambda v: _ratio(v[SCANS], v[INSPECTIONS], 1000), "per_1000"),
        Outcome("complaints_per_1000", (COMPLAINTS, INSPECTIONS), lambda v: _ratio(v[COMPLAINTS], v[INSPECTIONS], 1000), "per_1000"),
        Outcome("use_of_force_per_1000", (USE_OF_FORCE, INSPECTIONS),
                lambda v: _ratio(v[USE_OF_FORCE], v[INSPECTIONS], 1000), "per_1000"),
    )
}


def outcome_values(code: str, values: dict) -> np.ndarray:
    """The outcome `code` from arrays of recorded counts; a plain measure code returns its counts."""
    if code in OUTCOMES:
        return OUTCOMES[code].formula(values)
    return np.asarray(values[code], float)


def plausibility_errors(values: dict) -> list[tuple[str, str, dict]]:
    """Cross-measure rules for one unit and month: [(measure code, rule code, numbers)].

    Only rules whose measures are all known are checked, so values can arrive in any order.
    """
    errors = []
    scans, hours, inspections = values.get(SCANS), values.get(SCANNER_HOURS), values.get(INSPECTIONS)
    if scans is not None and hours is not None and scans > SCANS_PER_SCANNER_HOUR * hours:
        errors.append((SCANS, "scans_over_capacity", {"scans": scans, "hours": hours, "most": SCANS_PER_SCANNER_HOUR * hours,
                                                      "rate": SCANS_PER_SCANNER_HOUR}))
    if scans is not None and inspections is not None and scans > inspections:
        errors.append((SCANS, "scans_over_inspections", {"scans": scans, "inspections": inspections}))
    return errors

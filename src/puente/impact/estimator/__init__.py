"""The impact estimator: a pure core (no Django) that the impact app feeds with panels.

- `did`: staggered difference-in-differences (group-time effects, not-yet-treated controls),
  event study, pre-trend test.
- `verdict`: the plain verdict, including "not enough data to conclude".
- `treatment`: the month a unit counts as trained, from its officers' completions.
- `outcomes`: the outcome measures (scan usage rate, seizures per 1,000 inspections, ...).
"""
from .did import NEVER, DidResult, Effect, EventTime, Options, Panel, estimate
from .outcomes import OUTCOMES, SCANS_PER_SCANNER_HOUR, Outcome, outcome_values, plausibility_errors
from .treatment import first_treated_month
from .verdict import DECREASE, INCONCLUSIVE, INCREASE, NO_EFFECT, Thresholds, judge

__all__ = [
    "NEVER", "DidResult", "Effect", "EventTime", "Options", "Panel", "estimate",
    "OUTCOMES", "SCANS_PER_SCANNER_HOUR", "Outcome", "outcome_values", "plausibility_errors", "first_treated_month",
    "DECREASE", "INCONCLUSIVE", "INCREASE", "NO_EFFECT", "Thresholds", "judge", "run",
]


def run(panel: Panel, options: Options | None = None, thresholds: Thresholds | None = None) -> dict:
    """Estimate and judge: the JSON-ready result the app stores and shows."""
    result = estimate(panel, options)
    return {**result.as_dict(), "verdict": judge(result, thresholds)}

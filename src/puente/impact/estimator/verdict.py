"""A plain verdict on an estimate: an effect, no detectable effect, or not enough data to conclude.

The verdict is a code with reasons (codes and numbers), not sentences: the web layer words it
in the reader's language. Thin data never yields an effect: too few trained units, too few
comparison units, too few months before training, an interval too wide to rule out large
effects either way, or trained and untrained units already drifting apart before training
all read "not enough data to conclude".
"""
from dataclasses import dataclass

from .did import DidResult

INCREASE, DECREASE, NO_EFFECT, INCONCLUSIVE = "increase", "decrease", "no_effect", "inconclusive"


@dataclass
class Thresholds:
    min_treated_units: int = 5
    min_control_units: int = 3
    # The interval is too wide when its half-width exceeds this share of the outcome's scale
    # (the larger of the treated units' pre-training mean and their month-to-month spread).
    max_relative_halfwidth: float = 0.5
    pretrend_alpha: float = 0.05


def judge(result: DidResult, thresholds: Thresholds | None = None) -> dict:
    """{"code": ..., "reasons": [{"code": ..., ...numbers}], "relative": effect / baseline or None}."""
    t = thresholds or Thresholds()
    counts = result.counts
    reasons = []
    if counts["treated_units"] < t.min_treated_units:
        reasons.append({"code": "few_treated", "found": counts["treated_units"], "needed": t.min_treated_units})
    if counts["control_units"] < t.min_control_units:
        reasons.append({"code": "few_controls", "found": counts["control_units"], "needed": t.min_control_units})
    if counts["cohorts"] == 0 and counts["short_history"]:
        reasons.append({"code": "few_pre_periods", "found": counts["short_history"], "needed": counts["min_pre_periods"]})
    overall = result.overall
    if overall is None:
        if not reasons:
            reasons.append({"code": "no_comparison"})
        return {"code": INCONCLUSIVE, "reasons": reasons, "relative": None}
    scale = max(abs(result.baseline or 0.0), result.baseline_sd or 0.0)
    halfwidth = (overall.high - overall.low) / 2
    if scale == 0 or halfwidth > t.max_relative_halfwidth * scale:
        reasons.append({"code": "wide_interval", "halfwidth": halfwidth, "scale": scale, "limit": t.max_relative_halfwidth})
    if result.pretrend_p is not None and result.pretrend_p < t.pretrend_alpha:
        reasons.append({"code": "pretrend", "p_value": result.pretrend_p, "alpha": t.pretrend_alpha})
    relative = overall.estimate / result.baseline if result.baseline else None
    if reasons:
        return {"code": INCONCLUSIVE, "reasons": reasons, "relative": relative}
    if overall.low > 0:
        code = INCREASE
    elif overall.high < 0:
        code = DECREASE
    else:
        code = NO_EFFECT
    return {"code": code, "reasons": [], "relative": relative}

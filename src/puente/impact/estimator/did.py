"""Difference-in-differences with staggered adoption: group-time effects, not-yet-treated controls.

A two-way fixed-effects regression on a staggered rollout compares newly trained units with
units trained earlier, whose own effect is still moving; with effects that grow over time it
can even get the sign wrong. Following Callaway and Sant'Anna (2021), each cohort g (units
first treated in period g) is compared, period by period, with units not yet treated at that
period (never-treated units included), always against the cohort's last untreated period g-1:

    ATT(g, t) = mean(Y_t - Y_{g-1} | cohort g) - mean(Y_t - Y_{g-1} | not yet treated at t and g-1)

These cells are averaged with weights proportional to cohort size, by months since training
(the event study) and over the post-training months up to `max_lag` (the overall effect).
Standard errors come from each unit's influence on the estimate summed over all its months, so
they are cluster-robust by unit, with n/(n-1) small-sample corrections; intervals use Student's
t with degrees of freedom from the smaller side of the comparison.
"""
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

NEVER = np.inf
# The pre-trend test looks at the months just before training (-2 to -7; -1 is the reference).
PRETREND_LEADS = 6


@dataclass
class Panel:
    """Units × months: `outcome[i, t]` (NaN where missing) and the month each unit was first treated.

    `first_treated[i]` is the index of the first treated month, or `NEVER` (np.inf) for a unit
    not treated within the panel.
    """

    outcome: np.ndarray
    first_treated: np.ndarray
    periods: list = field(default_factory=list)

    def __post_init__(self):
        self.outcome = np.asarray(self.outcome, dtype=float)
        self.first_treated = np.asarray(self.first_treated, dtype=float)
        if self.outcome.ndim != 2 or self.first_treated.shape != (self.outcome.shape[0],):
            raise ValueError("outcome must be units × periods and first_treated one value per unit")
        if not self.periods:
            self.periods = list(range(self.outcome.shape[1]))


@dataclass
class Options:
    level: float = 0.95
    min_pre_periods: int = 3  # a cohort with fewer untreated months before training is left out
    max_lead: int = 12  # event-study months before training shown
    max_lag: int = 12  # months after training shown and averaged into the overall effect


@dataclass
class Effect:
    estimate: float
    se: float
    low: float
    high: float

    def as_dict(self) -> dict:
        return {key: _number(value) for key, value in self.__dict__.items()}


@dataclass
class EventTime:
    event: int  # months relative to training (0 = the first trained month; -1 is the reference)
    effect: Effect | None
    cohorts: int
    treated_units: int

    def as_dict(self) -> dict:
        return {"event": self.event, "cohorts": self.cohorts, "treated_units": self.treated_units,
                **(self.effect.as_dict() if self.effect else {"estimate": None, "se": None, "low": None, "high": None})}


@dataclass
class DidResult:
    overall: Effect | None
    event_study: list[EventTime]
    pretrend_statistic: float | None
    pretrend_df: int
    pretrend_p: float | None
    baseline: float | None  # the treated units' mean outcome in their months before training
    baseline_sd: float | None
    counts: dict

    def as_dict(self) -> dict:
        return {
            "overall": self.overall.as_dict() if self.overall else None,
            "event_study": [e.as_dict() for e in self.event_study],
            "pretrend": {"statistic": _number(self.pretrend_statistic), "df": self.pretrend_df, "p_value": _number(self.pretrend_p)},
            "baseline": _number(self.baseline), "baseline_sd": _number(self.baseline_sd),
            "counts": self.counts,
        }


def _number(value):
    return None if value is None or not np.isfinite(value) else float(value)


@dataclass
class Cell:
    """ATT(cohort, t) and what its variance needs: each unit's share in it."""

    cohort: int
    att: float
    control: np.ndarray  # controls' influence: -(their change - control mean) / n, small-sample corrected
    treated: np.ndarray  # which units are the cohort's observed treated units
    gap: np.ndarray  # treated units' change less the control mean (zero elsewhere)
    n_treated: int


def group_time_effects(y: np.ndarray, g: np.ndarray, cohort: int) -> list[Cell]:
    """ATT(cohort, t) for every period t that has treated and control units observed (t != cohort - 1)."""
    n_periods = y.shape[1]
    base = cohort - 1
    diff = y - y[:, [base]]
    observed = ~np.isnan(diff)
    periods = np.arange(n_periods)
    treated = (g == cohort)[:, None] & observed
    # Controls are untreated both at t and at the base period: first treated after max(t, base),
    # and never the cohort itself.
    control = (g[:, None] > np.maximum(periods, base)[None, :]) & (g != cohort)[:, None] & observed
    filled = np.where(observed, diff, 0.0)
    n_t, n_c = treated.sum(0), control.sum(0)
    valid = (n_t > 0) & (n_c > 0) & (periods != base)
    cells = []
    for t in np.flatnonzero(valid):
        mean_c = filled[control[:, t], t].mean()
        gap = np.where(treated[:, t], filled[:, t] - mean_c, 0.0)
        # sqrt(n/(n-1)) undoes the downward bias of a variance around an estimated mean.
        scale = 1.0 / np.sqrt(n_c[t] * (n_c[t] - 1)) if n_c[t] > 1 else 1.0
        influence = -np.where(control[:, t], filled[:, t] - mean_c, 0.0) * scale
        cells.append((int(t), Cell(cohort, float(gap.sum() / n_t[t]), influence, treated[:, t], gap, int(n_t[t]))))
    return cells


def aggregate(cells: list[Cell], sizes: dict[int, int]) -> tuple[float, np.ndarray]:
    """The cohort-size-weighted mean of `cells` and each unit's influence on it.

    Treated units' shares are centred on the aggregate, not on their own cohort's mean: with
    one unit per training month (common in staggered rollouts) a cohort's own mean leaves no
    spread, and the interval would claim a precision the data do not have.
    """
    weights = np.array([sizes[cell.cohort] for cell in cells], dtype=float)
    weights /= weights.sum()
    theta = float(sum(w * cell.att for w, cell in zip(weights, cells)))
    control = sum(w * cell.control for w, cell in zip(weights, cells))
    treated = sum(w * np.where(cell.treated, cell.gap - theta, 0.0) / cell.n_treated for w, cell in zip(weights, cells))
    n = int(np.sum(np.any([cell.treated for cell in cells], axis=0)))
    return theta, control + (np.sqrt(n / (n - 1)) if n > 1 else 1.0) * treated


def _effect(estimate: float, influence: np.ndarray, critical: float) -> Effect:
    se = float(np.sqrt(np.sum(influence ** 2)))
    return Effect(float(estimate), se, float(estimate - critical * se), float(estimate + critical * se))


def estimate(panel: Panel, options: Options | None = None) -> DidResult:
    """Group-time effects with not-yet-treated controls, aggregated by event time and overall."""
    options = options or Options()
    y, g = panel.outcome, panel.first_treated
    n_periods = y.shape[1]
    always = np.isfinite(g) & (g <= 0)  # treated before the data start: no untreated month to compare
    short = np.isfinite(g) & (g > 0) & (g < options.min_pre_periods)
    late = np.isfinite(g) & (g >= n_periods)
    g = np.where(late, NEVER, g)  # trained after the data end: never treated within the panel
    cohorts = sorted({int(c) for c in g[np.isfinite(g) & ~always & ~short]})
    used = ~always
    # Units outside the comparison contribute nothing: drop them before computing influence.
    y, g = y[used], g[used]
    cohort_size = {c: int(np.sum(g == c)) for c in cohorts}

    lead, lag = options.max_lead, options.max_lag
    events = list(range(-lead, lag + 1))
    cells = {e: [] for e in events}
    for c in cohorts:
        for t, cell in group_time_effects(y, g, c):
            if -lead <= t - c <= lag:
                cells[t - c].append(cell)
    # Degrees of freedom: the smaller side of the comparison, less one. With few units on one
    # side the cluster-robust variance is itself noisy; counting all units would over-state
    # confidence exactly when the data are thin.
    treated_units = sum(cohort_size.values())
    comparison_units = int(np.sum(g > cohorts[0])) if cohorts else 0
    df_effect = max(min(treated_units, comparison_units) - 1, 1)
    critical = float(stats.t.ppf(0.5 + options.level / 2, df_effect))

    event_study, event_influence = [], {}
    for e in events:
        found = cells[e]
        if not found:
            if e == -1 and cohorts:
                event_study.append(EventTime(-1, Effect(0.0, 0.0, 0.0, 0.0), len(cohorts), treated_units))
            else:
                event_study.append(EventTime(e, None, 0, 0))
            continue
        est, infl = aggregate(found, cohort_size)
        event_influence[e] = infl
        event_study.append(EventTime(e, _effect(est, infl, critical), len(found), sum(cell.n_treated for cell in found)))

    after = [cell for e in events if e >= 0 for cell in cells[e]]
    overall = _effect(*aggregate(after, cohort_size), critical) if after else None

    # Pre-trend test: the average effect over the months just before training should be zero.
    # One averaged contrast keeps its size with a few dozen units, where a joint test of every
    # lead over-rejects; a drift between trained and untrained units moves the average.
    pre = [e for e in events if -PRETREND_LEADS - 1 <= e < -1 and e in event_influence]
    statistic = p_value = None
    df = 0
    if pre:
        theta = np.mean([next(x.effect.estimate for x in event_study if x.event == e) for e in pre])
        se = float(np.sqrt(np.sum(np.mean([event_influence[e] for e in pre], axis=0) ** 2)))
        if se > 0:
            df = df_effect
            statistic = float(theta / se)
            p_value = float(2 * stats.t.sf(abs(statistic), df))

    baseline = baseline_sd = None
    treated_rows = np.isfinite(g) & np.isin(g, cohorts)
    if treated_rows.any():
        months = np.arange(n_periods)[None, :]
        before = treated_rows[:, None] & (months < g[:, None]) & (months >= g[:, None] - lead) & ~np.isnan(y)
        if before.any():
            baseline = float(np.mean(y[before]))
            baseline_sd = float(np.std(y[before], ddof=1)) if before.sum() > 1 else None

    counts = {
        "units": int(used.sum()),
        "treated_units": treated_units,
        "cohorts": len(cohorts),
        # Units that serve as a comparison at least once: untreated after the first cohort's training.
        "control_units": comparison_units,
        "never_treated": int(np.sum(g == NEVER)),
        "already_treated": int(always.sum()),
        "short_history": int(short.sum()),
        "periods": n_periods,
        "min_pre_periods": options.min_pre_periods,
    }
    return DidResult(overall, event_study, statistic, df, p_value, baseline, baseline_sd, counts)

"""The estimator core on its own: known data, thin data, treatment timing, and no Django."""
import ast
import pathlib
import subprocess
import sys

import numpy as np
import pytest

import puente
from puente.impact.estimator import NEVER, Panel, estimate, first_treated_month, judge, outcome_values, plausibility_errors, run

from .simulate import panel as simulated_panel

SRC = pathlib.Path(puente.__file__).parent / "impact" / "estimator"


def test_known_two_by_two_by_hand():
    # Unit 0 trained from month 2; units 1 and 2 never. Changes from month 1 to month 2:
    # trained +5, untrained +1 and +3 (mean +2): the effect is 3.
    y = np.array([[10, 10, 15, 15], [4, 4, 5, 5], [7, 7, 10, 10]], float)
    result = estimate(Panel(y, [2, NEVER, NEVER]), _options(min_pre_periods=2))
    by_event = {e.event: e for e in result.event_study}
    assert by_event[0].effect.estimate == pytest.approx(3.0)
    assert by_event[1].effect.estimate == pytest.approx(3.0)
    assert by_event[-1].effect.estimate == 0.0
    assert by_event[-2].effect.estimate == pytest.approx(0.0)
    assert result.overall.estimate == pytest.approx(3.0)


def test_staggered_cohorts_use_not_yet_treated_controls_only():
    # Cohort A trained at month 2 gains 10 and keeps growing by 10 a month: a two-way fixed
    # effects regression would use A as a control for cohort B and bias B's effect. Here B's
    # effect (a constant 1) is estimated against never-trained units only once A is treated.
    months = 6
    base = np.arange(months, dtype=float)
    a = base + np.where(np.arange(months) >= 2, 10 * (np.arange(months) - 1), 0)
    b = base + np.where(np.arange(months) >= 4, 1.0, 0)
    never = base
    y = np.vstack([a, a + 3, b, b - 2, never, never + 5])
    result = estimate(Panel(y, [2, 2, 4, 4, NEVER, NEVER]), _options(min_pre_periods=2))
    from puente.impact.estimator.did import group_time_effects

    att_b = {t: cell.att for t, cell in group_time_effects(y, np.array([2, 2, 4, 4, NEVER, NEVER]), 4)}
    assert att_b[4] == pytest.approx(1.0) and att_b[5] == pytest.approx(1.0)
    assert result.counts["treated_units"] == 4


def test_effect_growing_with_time_since_training_is_recovered_month_by_month():
    rng = np.random.default_rng(11)
    panel = simulated_panel(rng, units=200, effect=1.0, growth=0.2, noise=0.5)
    by_event = {e.event: e.effect for e in estimate(panel).event_study if e.effect}
    for month in (0, 3, 6):
        assert by_event[month].low < 1.0 + 0.2 * month < by_event[month].high


def test_few_trained_units_are_not_enough_data_never_an_effect():
    rng = np.random.default_rng(2)
    panel = simulated_panel(rng, units=40, effect=5.0)
    treated = np.flatnonzero(np.isfinite(panel.first_treated))
    first = panel.first_treated.copy()
    first[treated[3:]] = NEVER  # keep three trained units; their large effect is still there
    result = run(Panel(panel.outcome, first))
    assert result["verdict"]["code"] == "inconclusive"
    assert [r["code"] for r in result["verdict"]["reasons"]][0] == "few_treated"


def test_no_pre_training_months_is_not_enough_data():
    y = np.random.default_rng(4).normal(10, 1, (12, 8))
    result = run(Panel(y, [1] * 8 + [NEVER] * 4))
    codes = {r["code"] for r in result["verdict"]["reasons"]}
    assert result["verdict"]["code"] == "inconclusive" and "few_pre_periods" in codes and result["overall"] is None


def test_wide_interval_is_not_enough_data():
    rng = np.random.default_rng(5)
    panel = simulated_panel(rng, units=12, effect=0.0, noise=25.0)
    result = run(panel)
    assert result["verdict"]["code"] == "inconclusive"
    assert "wide_interval" in {r["code"] for r in result["verdict"]["reasons"]}


def test_diverging_trends_before_training_are_flagged():
    rng = np.random.default_rng(6)
    panel = simulated_panel(rng, units=80, effect=0.0, noise=0.3)
    months = np.arange(panel.outcome.shape[1])
    trained = np.isfinite(panel.first_treated)
    panel.outcome[trained] += 0.3 * months  # trained units were rising all along
    result = run(panel)
    assert result["verdict"]["code"] == "inconclusive"
    assert "pretrend" in {r["code"] for r in result["verdict"]["reasons"]}


def test_clear_data_gives_a_direction_or_no_effect():
    rng = np.random.default_rng(8)
    assert run(simulated_panel(rng, units=80, effect=1.5))["verdict"]["code"] == "increase"
    assert run(simulated_panel(rng, units=80, effect=-1.5))["verdict"]["code"] == "decrease"
    assert run(simulated_panel(rng, units=120, effect=0.0, noise=0.5))["verdict"]["code"] in ("no_effect", "inconclusive")


def test_missing_months_are_left_out_not_zero():
    rng = np.random.default_rng(9)
    panel = simulated_panel(rng, units=60, effect=1.0)
    holes = rng.random(panel.outcome.shape) < 0.1
    panel.outcome[holes] = np.nan
    overall = estimate(panel).overall
    assert overall.low < 1.0 < overall.high


def test_first_treated_month_follows_the_share_of_officers_then_assigned():
    # Unit 0: officers a, b; a completes in month 1, b in month 3. Unit 1: c completes in month 2
    # but only joins the unit in month 4. Unit 2 has nobody.
    unit = [0, 0, 1]
    start = [-np.inf, -np.inf, 4]
    end = [np.inf, np.inf, np.inf]
    completed = [1, 3, 2]
    assert list(first_treated_month(unit, start, end, completed, 3, 6, 0.5)) == [1, 4, NEVER]
    assert list(first_treated_month(unit, start, end, completed, 3, 6, 1.0)) == [3, 4, NEVER]
    # b leaves in month 2 before completing: from then a is the whole unit.
    assert first_treated_month(unit, start, [np.inf, 1, np.inf], completed, 3, 6, 1.0)[0] == 2


def test_outcome_formulas_and_plausibility():
    values = {"seizures": np.array([3, 0]), "inspections": np.array([1500, 0]), "scans": np.array([300, 10]),
              "scanner_hours": np.array([20, 0])}
    assert outcome_values("seizures_per_1000", values)[0] == pytest.approx(2.0)
    assert np.isnan(outcome_values("seizures_per_1000", values)[1])
    assert outcome_values("scan_usage", values)[0] == pytest.approx(50.0)  # 300 of 600 possible scans
    assert plausibility_errors({"scans": 601, "scanner_hours": 20})[0][1] == "scans_over_capacity"
    assert plausibility_errors({"scans": 600, "scanner_hours": 20}) == []
    assert plausibility_errors({"scans": 50, "inspections": 40})[0][1] == "scans_over_inspections"
    assert plausibility_errors({"scans": 5000}) == []  # hours not known yet: nothing to compare


def test_no_django_import_in_the_core():
    for path in SRC.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 else [])
            for name in names:
                assert not name.startswith(("django", "rest_framework", "puente.")), f"{path.name} imports {name}"
    code = "import sys, puente.impact.estimator\nassert not [m for m in sys.modules if m.startswith('django')]\n"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def _options(**kwargs):
    from puente.impact.estimator import Options

    return Options(**kwargs)


def test_judge_reads_a_result_without_recomputing():
    result = estimate(simulated_panel(np.random.default_rng(10), units=60))
    assert judge(result)["code"] in ("increase", "inconclusive")

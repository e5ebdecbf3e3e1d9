"""Capacity planning: duals rank extra sessions and instructor-days; what-if confirms them."""
import pytest

from puente.capacity.allocation import Planner, Problem, Request, Rules, Session, generate, plan, solve, solve_lp, what_if
from puente.capacity.allocation.planning import INSTRUCTOR_DAY, SESSION

NO_RULES = Rules(max_share=None, first_seat_fairness=False)


def shortage_problem(rules=NO_RULES) -> Problem:
    """Program P (weight 3) wants March and has one full March session; Q (weight 1) is short too."""
    sessions = [Session("p-mar", "P", "A", 3, 2), Session("q-may", "Q", "B", 5, 1)]
    requests = [Request(f"p{k}", f"a{k}", "P", 1, weight=3.0, months=frozenset({3}), order=k) for k in range(6)]
    requests += [Request(f"q{k}", f"b{k}", "Q", 1, weight=1.0, order=10 + k) for k in range(3)]
    return Problem(requests, sessions, rules)


def test_session_duals_price_one_more_seat():
    lp = solve_lp(shortage_problem())
    duals = dict(zip(("p-mar", "q-may"), lp.session_duals))
    assert duals == pytest.approx({"p-mar": 3.0, "q-may": 1.0})


def test_the_obviously_best_extra_session_ranks_first():
    result = plan(shortage_problem(), instructor_day_seats=2)
    best = result.sessions[0]
    assert (best.kind, best.program_id, best.site_id, best.month) == (SESSION, "P", "A", 3)
    assert best.seats == 2 and best.predicted_gain == pytest.approx(6.0) and best.dual == pytest.approx(3.0)
    # P's requests want March only: no other month of P is worth anything.
    assert all(c.month == 3 for c in result.sessions if c.program_id == "P")
    q = [c for c in result.sessions if c.program_id == "Q"]
    assert q and all(c.predicted_gain == pytest.approx(1.0) for c in q)

    days = result.instructor_days
    assert [(c.kind, c.session_id) for c in days] == [(INSTRUCTOR_DAY, "p-mar"), (INSTRUCTOR_DAY, "q-may")]
    assert days[0].predicted_gain == pytest.approx(6.0)
    assert days[1].predicted_gain == pytest.approx(2.0)  # two unfilled Q seats, weight 1


def test_what_if_reports_predicted_and_actual_gain():
    problem = shortage_problem()
    outcome = what_if(problem, add_sessions=[Session("p-mar-2", "P", "C", 3, 2)])
    assert outcome.predicted_gain == pytest.approx(6.0)
    assert outcome.actual_gain == pytest.approx(6.0)
    assert outcome.actual_seats_gain == 2
    assert outcome.after.filled("p0") + outcome.after.filled("p5") >= 0  # solved again with the new session
    assert "p-mar-2" in outcome.after.session_load()


def test_what_if_never_counts_the_same_unfilled_seat_twice():
    problem = shortage_problem()
    outcome = what_if(
        problem,
        add_sessions=[Session("n1", "P", "A", 3, 3), Session("n2", "P", "A", 3, 3)],
        add_seats={"p-mar": 1},
    )
    # Four P requests are unfilled: 4 × 3, however many seats are added.
    assert outcome.predicted_gain == pytest.approx(12.0)
    assert outcome.actual_gain == pytest.approx(12.0)


def test_extra_seats_where_no_one_waits_are_worth_nothing():
    problem = shortage_problem()
    outcome = what_if(problem, add_sessions=[Session("p-jan", "P", "A", 1, 5)], add_seats={"q-may": 0})
    assert outcome.predicted_gain == 0.0 and outcome.actual_gain == pytest.approx(0.0)


def test_a_new_session_can_serve_requests_that_had_none():
    sessions = [Session("s", "P", "A", 1, 1)]
    requests = [Request("june", "a", "P", 2, weight=2.0, months=frozenset({6}))]
    problem = Problem(requests, sessions, NO_RULES)
    best = plan(problem).sessions[0]
    assert (best.program_id, best.month) == ("P", 6) and best.predicted_gain == pytest.approx(2.0)
    assert what_if(problem, add_sessions=[Session("new", "P", "A", 6, 1)]).actual_gain == pytest.approx(2.0)


def test_first_seat_bonus_and_cap_enter_the_prediction():
    rules = Rules(max_share=0.5, first_seat_bonus=10.0)
    sessions = [Session("s", "TACMED", "A", 1, 2)]
    requests = [
        Request("metro", "metro", "TACMED", 4, weight=2.0, critical=True, order=0),
        Request("tribal", "tribal", "TACMED", 1, weight=1.0, critical=True, order=1, months=frozenset({1, 2})),
        Request("metro2", "metro", "TACMED", 1, weight=2.0, critical=True, order=2),
    ]
    problem = Problem(requests, sessions, rules)
    before = solve(problem)
    assert before.filled("tribal") == 1 and before.filled("metro") + before.filled("metro2") == 1
    # Capacity grows to 4, so metro's cap grows to 2: one more metro seat (weight 2) is worth
    # having, though the capacity dual alone says 0 (metro was at its cap).
    outcome = what_if(problem, add_seats={"s": 2}, before=before)
    (day,) = outcome.details
    assert day.dual == pytest.approx(0.0)
    assert outcome.predicted_gain == pytest.approx(2.0)
    assert outcome.actual_gain == pytest.approx(2.0)


def test_a_first_critical_seat_counts_the_bonus():
    rules = Rules(max_share=None, first_seat_bonus=10.0)
    sessions = [Session("s", "TACMED", "A", 1, 1)]
    requests = [
        Request("metro", "metro", "TACMED", 1, weight=2.0, critical=True),
        Request("tribal", "tribal", "TACMED", 1, weight=1.0, critical=True),
    ]
    problem = Problem(requests, sessions, rules)
    (best,) = plan(problem, instructor_day_seats=1).instructor_days
    assert best.first_seats == 1
    assert best.predicted_gain == pytest.approx(11.0) and best.predicted_weighted_gain == pytest.approx(1.0)
    outcome = what_if(problem, add_seats={"s": 1})
    assert outcome.actual_gain == pytest.approx(11.0) and outcome.actual_weighted_gain == pytest.approx(1.0)


def test_predictions_track_actual_gains_on_a_synthetic_instance():
    problem = generate("small", 5)
    lp = solve_lp(problem)
    planner = Planner(problem, lp)
    ranked = plan(problem, lp=lp, limit=3)
    before = solve(problem)
    for c in ranked.sessions[:2]:
        outcome = what_if(
            problem, add_sessions=[Session("extra", c.program_id, c.site_id, c.month, c.seats)],
            before=before, planner=planner,
        )
        assert outcome.predicted_gain == pytest.approx(c.predicted_gain)
        assert outcome.actual_gain > 0
        assert outcome.actual_gain <= outcome.predicted_gain * 1.001 + 1e-6
    assert ranked.lp_objective == pytest.approx(lp.objective)


def test_instructor_day_seats_must_be_positive():
    with pytest.raises(ValueError, match="instructor_day_seats"):
        plan(shortage_problem(), instructor_day_seats=0)

"""First come, first served, and the reason every short request gets."""
from puente.capacity.allocation import (
    FAIRNESS_CAP,
    LOWER_PRIORITY,
    NO_SESSION,
    PROGRAM_FULL,
    Problem,
    Request,
    Rules,
    Session,
    first_come,
    solve,
)

NO_RULES = Rules(max_share=None, first_seat_fairness=False)


def test_first_come_serves_in_submission_order_from_the_earliest_session():
    sessions = [Session("mar", "P", "A", 3, 2), Session("jan", "P", "A", 1, 2), Session("feb", "P", "B", 2, 2)]
    requests = [
        Request("third", "c", "P", 2, weight=9.0, order=3),
        Request("first", "a", "P", 3, weight=1.0, order=1),
        Request("second", "b", "P", 2, weight=1.0, order=2, sites=frozenset({"A"})),
    ]
    result = first_come(Problem(requests, sessions, NO_RULES))
    assert result.method == "first_come"
    assert result.allocations == {
        "first": {"jan": 2, "feb": 1},
        "second": {"mar": 2},
        "third": {"feb": 1},
    }
    assert result.reasons["third"].code == PROGRAM_FULL
    assert result.reasons["third"].example_request_id == "first"
    assert "submitted earlier" in result.reasons["third"].detail


def test_first_come_ignores_weights_and_fairness():
    sessions = [Session("s", "TACMED", "A", 1, 2)]
    requests = [
        Request("early", "metro", "TACMED", 2, weight=1.0, order=0, critical=True),
        Request("late", "tribal", "TACMED", 1, weight=9.0, order=1, critical=True),
    ]
    result = first_come(Problem(requests, sessions, Rules(max_share=0.1)))
    assert result.allocations == {"early": {"s": 2}}
    assert result.objective == result.weighted_seats == 2.0
    assert [u.agency_id for u in result.uncovered] == ["tribal"]


def test_ties_in_order_fall_back_to_list_order():
    sessions = [Session("s", "P", "A", 1, 1)]
    requests = [Request("x", "a", "P", 1, order=5), Request("y", "b", "P", 1, order=5)]
    assert first_come(Problem(requests, sessions, NO_RULES)).allocations == {"x": {"s": 1}}


def test_no_session_names_the_window():
    sessions = [Session("jan", "P", "A", 1, 5)]
    requests = [
        Request("june", "a", "P", 1, months=frozenset({6})),
        Request("siteB", "a", "P", 1, sites=frozenset({"B"})),
        Request("noprog", "a", "Q", 1),
    ]
    result = solve(Problem(requests, sessions, NO_RULES))
    assert {rid: r.code for rid, r in result.reasons.items()} == {
        "june": NO_SESSION, "siteB": NO_SESSION, "noprog": NO_SESSION,
    }
    assert "preferred months (6)" in result.reasons["june"].detail
    assert "sites (B)" in result.reasons["siteB"].detail
    assert "no session" in result.reasons["noprog"].detail


def test_fairness_cap_says_how_many_seats_the_agency_holds():
    sessions = [Session("s", "P", "A", 1, 10)]
    requests = [Request("big", "metro", "P", 5, weight=3.0), Request("big2", "metro", "P", 2, weight=3.0)]
    result = solve(Problem(requests, sessions, Rules(max_share=0.4)))
    assert result.filled("big") + result.filled("big2") == 4
    short = [rid for rid in ("big", "big2") if rid in result.reasons]
    assert short and all(result.reasons[rid].code == FAIRNESS_CAP for rid in short)
    reason = result.reasons[short[0]]
    assert "already holds 4" in reason.detail and "40% share cap" in reason.detail
    assert reason.params["cap"] == 4


def test_lower_priority_names_a_request_that_got_the_seat():
    sessions = [Session("s", "P", "A", 1, 1), Session("t", "P", "B", 2, 1)]
    requests = [
        Request("low", "rural", "P", 1, weight=1.0, order=0),
        Request("high", "border", "P", 1, weight=3.0, order=1, sites=frozenset({"A"})),
        Request("higher", "port", "P", 1, weight=4.0, order=2),
    ]
    result = solve(Problem(requests, sessions, NO_RULES))
    assert result.filled("low") == 0
    reason = result.reasons["low"]
    assert reason.code == LOWER_PRIORITY
    assert reason.example_request_id == "higher" and reason.example_agency_id == "port"
    assert "higher weight" in reason.detail and "request higher of agency port" in reason.detail


def test_lower_priority_can_be_another_agencys_first_critical_seat():
    sessions = [Session("s", "TACMED", "A", 1, 1)]
    requests = [
        Request("more", "metro", "TACMED", 2, weight=5.0, critical=True),
        Request("first", "tribal", "TACMED", 1, weight=1.0, critical=True),
    ]
    sessions = [Session("s", "TACMED", "A", 1, 2)]
    result = solve(Problem(requests, sessions, Rules(max_share=None)))
    assert result.allocations == {"more": {"s": 1}, "first": {"s": 1}}
    reason = result.reasons["more"]
    assert reason.code == LOWER_PRIORITY and reason.example_request_id == "first"
    assert "first seat" in reason.detail


def test_program_full_when_the_seats_went_to_equal_priority():
    sessions = [Session("s", "P", "A", 1, 1)]
    requests = [Request("x", "a", "P", 1, weight=2.0), Request("y", "b", "P", 1, weight=2.0)]
    result = solve(Problem(requests, sessions, NO_RULES))
    (short,) = result.reasons
    got = "x" if short == "y" else "y"
    assert result.reasons[short].code == PROGRAM_FULL
    assert result.reasons[short].example_request_id == got


def test_program_full_when_a_request_fills_its_own_window():
    sessions = [Session("s", "P", "A", 1, 2)]
    requests = [Request("x", "a", "P", 5, weight=2.0)]
    result = solve(Problem(requests, sessions, NO_RULES))
    assert result.reasons["x"].code == PROGRAM_FULL
    assert "holds every one of them" in result.reasons["x"].detail
    assert result.reasons["x"].params["missing"] == 3

"""Rules, weights and problem validation."""
import math

import pytest

from puente.capacity.allocation import Agency, Problem, ProblemError, Program, Request, Rules, RulesError, Session


def test_default_weight_multiplies_the_factors():
    rules = Rules()
    assert rules.weight_for(3.0) == 3.0
    assert rules.weight_for(3.0, critical=True, border=True, remote=True, underserved=True) == pytest.approx(
        3.0 * 2.0 * 1.5 * 1.25 * 1.25
    )


def test_rules_round_trip_through_a_dict():
    rules = Rules(
        critical_factor=3, border_factor=2, max_share=0.1, first_seat_bonus=50,
        program_relevance={"P1": 4.0}, threat_weights={"fentanyl": 5},
    )
    again = Rules.from_dict(rules.to_dict())
    assert again == rules
    assert again.to_dict()["program_relevance"] == {"P1": 4.0}
    assert Rules.from_dict({"max_share": None}).max_share is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"critical_factor": 0}, "critical_factor"),
        ({"border_factor": -1}, "border_factor"),
        ({"remote_factor": "high"}, "remote_factor"),
        ({"underserved_factor": math.inf}, "underserved_factor"),
        ({"underserved_factor": True}, "underserved_factor"),
        ({"max_share": 1.5}, "max_share"),
        ({"max_share": 0}, "max_share"),
        ({"first_seat_bonus": -5}, "first_seat_bonus"),
        ({"first_seat_fairness": "yes"}, "first_seat_fairness"),
        ({"program_relevance": {"P1": 0}}, "program_relevance['P1']"),
        ({"threat_weights": ["fentanyl"]}, "threat_weights"),
        ({"max_shares": 0.2}, "max_shares"),
    ],
)
def test_bad_rules_name_the_field(data, field):
    with pytest.raises(RulesError) as caught:
        Rules.from_dict(data)
    assert caught.value.field == field
    assert f"rules.{field}" in str(caught.value)


def test_relevance_comes_from_override_then_tags_then_program():
    program = Program("P1", relevance=2.0, threat_tags=frozenset({"fentanyl", "general"}))
    assert Rules().relevance_for(program) == 2.0
    assert Rules(threat_weights={"fentanyl": 5, "general": 1}).relevance_for(program) == 5
    assert Rules(threat_weights={"fentanyl": 5}, program_relevance={"P1": 3}).relevance_for(program) == 3


def test_build_weighs_requests_from_agency_and_program():
    problem = Problem.build(
        agencies=[Agency("A", border=True), Agency("B", remote=True, underserved=True)],
        programs=[Program("P", relevance=4.0, critical=True), Program("Q")],
        sessions=[Session("s", "P", "site", 1, 5)],
        requests=[Request("r1", "A", "P", 1), Request("r2", "B", "Q", 2)],
    )
    r1, r2 = problem.requests
    assert r1.weight == pytest.approx(4.0 * 2.0 * 1.5) and r1.critical and r1.border
    assert r2.weight == pytest.approx(1.25 * 1.25) and r2.remote and r2.underserved and not r2.critical
    reweighed = problem.with_rules(Rules(border_factor=3.0))
    assert reweighed.requests[0].weight == pytest.approx(4.0 * 2.0 * 3.0)
    assert reweighed.rules.border_factor == 3.0


@pytest.mark.parametrize(
    ("requests", "sessions", "message"),
    [
        ([Request("r", "A", "P", 1), Request("r", "A", "P", 1)], [], "request 'r': duplicate id"),
        ([Request("r", "A", "P", 0)], [], "request 'r': seats"),
        ([Request("r", "A", "P", 1, weight=-1)], [], "request 'r': weight"),
        ([Request("r", "A", "P", 1, months=frozenset({13}))], [], "request 'r': months"),
        ([], [Session("s", "P", "x", 0, 1)], "session 's': month"),
        ([], [Session("s", "P", "x", 1, -2)], "session 's': capacity"),
    ],
)
def test_bad_problem_data_names_the_record(requests, sessions, message):
    with pytest.raises(ProblemError, match=message.replace("(", r"\(")):
        Problem(requests, sessions)


def test_build_refuses_unknown_references():
    with pytest.raises(ProblemError, match="unknown agency"):
        Problem.build(agencies=[], programs=[Program("P")], sessions=[], requests=[Request("r", "A", "P", 1)])
    with pytest.raises(ProblemError, match="unknown program"):
        Problem.build(agencies=[], programs=[], sessions=[Session("s", "P", "x", 1, 1)], requests=[])


def test_agency_cap_is_a_share_of_program_seats_and_at_least_one():
    sessions = [Session("s1", "P", "x", 1, 30), Session("s2", "P", "x", 2, 10), Session("s3", "Q", "x", 1, 2)]
    problem = Problem([], sessions, Rules(max_share=0.25))
    assert problem.agency_caps() == {"P": 10, "Q": 1}
    assert Problem([], sessions, Rules(max_share=None)).agency_caps() == {}


def test_with_sessions_adds_sessions_and_seats():
    problem = Problem([], [Session("s1", "P", "x", 1, 3)])
    bigger = problem.with_sessions([Session("s2", "P", "y", 2, 4)], {"s1": 2})
    assert [(s.id, s.capacity) for s in bigger.sessions] == [("s1", 5), ("s2", 4)]
    assert problem.sessions[0].capacity == 3
    with pytest.raises(ProblemError, match="unknown sessions"):
        problem.with_sessions(seats={"nope": 1})

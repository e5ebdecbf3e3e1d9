"""The nomination problem: validation, up-front exclusions with their reasons, the checker."""
from datetime import date

import pytest

from puente.capacity.nomination import (
    INACTIVE,
    NO_SEATS,
    PREREQUISITE,
    VETTING,
    Candidate,
    Officer,
    Problem,
    ProblemError,
    SessionSlot,
    not_eligible,
    solve,
)

D = date(2025, 3, 3)


def day(n: int) -> date:
    return date.fromordinal(D.toordinal() + n)


def slot(sid, program="P", start=0, length=1):
    return SessionSlot(sid, program, day(start), day(start + length - 1))


def test_bad_input_names_the_row():
    officers = [Officer("o1", "a"), Officer("o2", "b")]
    sessions = [slot("s1")]
    seats = {("a", "s1"): 1}
    ok = Candidate("c1", "o1", "s1", "a", 1.0)
    cases = [
        ([Officer("o1", "a"), Officer("o1", "a")], sessions, [ok], seats, "officer 'o1': duplicate id"),
        ([Officer("o1", "a", cap=-1)], sessions, [ok], seats, "officer 'o1': cap"),
        (officers, [slot("s1"), slot("s1")], [ok], seats, "session 's1': duplicate id"),
        (officers, [SessionSlot("s1", "P", day(3), day(1))], [ok], seats, "session 's1': ends"),
        (officers, sessions, [ok, ok], seats, "candidate 'c1': duplicate id"),
        (officers, sessions, [Candidate("c1", "o9", "s1", "a", 1.0)], seats, "unknown officer 'o9'"),
        (officers, sessions, [Candidate("c1", "o1", "s9", "a", 1.0)], seats, "unknown session 's9'"),
        (officers, sessions, [Candidate("c1", "o1", "s1", "b", 1.0)], seats, "is not officer 'o1'"),
        (officers, sessions, [Candidate("c1", "o1", "s1", "a", float("nan"))], seats, "value must be"),
        (officers, sessions, [Candidate("c1", "o1", "s1", "a", -1.0)], seats, "value must be"),
        (officers, sessions, [ok, Candidate("c2", "o1", "s1", "a", 2.0)], seats, "already a candidate"),
        (officers, sessions, [ok], {("a", "s1"): -1}, "seats ('a', 's1')"),
        (officers, sessions, [ok], {"s1": 1}, "seats key 's1'"),
    ]
    for off, ses, cands, st, message in cases:
        with pytest.raises(ProblemError, match=message.replace("(", r"\(").replace(")", r"\)")):
            Problem(off, ses, cands, st)


def test_excluded_candidates_carry_their_reason():
    officers = [Officer("o1", "a"), Officer("o2", "a"), Officer("o3", "b", cap=1), Officer("o4", "b")]
    sessions = [slot("basic", "B", 0, 2), slot("adv", "A", 5, 2), slot("other", "X", 10), slot("early-adv", "A", 1)]
    cands = [
        Candidate("inactive", "o1", "other", "a", 5, eligible=False, reason=INACTIVE),
        Candidate("unvetted", "o2", "other", "a", 5, eligible=False, reason=VETTING),
        Candidate("no-code", "o2", "basic", "a", 5, eligible=False),
        Candidate("no-seats", "o1", "basic", "a", 5),  # agency a holds no seat in "basic"
        # o2 lacks B, and their only B session is not open to them:
        Candidate("stranded", "o2", "adv", "a", 5),
        # o3 could take B before A, but has a cap of 1: no room for both.
        Candidate("o3-basic", "o3", "basic", "b", 1),
        Candidate("o3-adv", "o3", "adv", "b", 9),
        # o4's B session does not end before this A session starts.
        Candidate("o4-basic", "o4", "basic", "b", 1),
        Candidate("o4-early-adv", "o4", "early-adv", "b", 9),
    ]
    seats = {("a", "other"): 5, ("a", "adv"): 5, ("a", "basic"): 0, ("b", "basic"): 5, ("b", "adv"): 5,
             ("b", "early-adv"): 5}
    result = solve(Problem(officers, sessions, cands, seats, {"A": frozenset({"B"})}))
    assert result.excluded == {
        "inactive": "not_eligible:inactive",
        "unvetted": "not_eligible:vetting",
        "no-code": "not_eligible:ineligible",
        "no-seats": NO_SEATS,
        "stranded": not_eligible(PREREQUISITE),
        "o3-adv": not_eligible(PREREQUISITE),
        "o4-early-adv": not_eligible(PREREQUISITE),
    }
    assert result.assigned == ("o3-basic", "o4-basic")
    assert all(cid not in ids for ids in result.waiting_lists.values() for cid in result.excluded)


def test_completed_prerequisite_needs_no_session_this_term():
    officers = [Officer("o1", "a", completed=frozenset({"B"})), Officer("o2", "a")]
    sessions = [slot("adv", "A", 5)]
    cands = [Candidate("c1", "o1", "adv", "a", 1), Candidate("c2", "o2", "adv", "a", 1)]
    result = solve(Problem(officers, sessions, cands, {("a", "adv"): 2}, {"A": frozenset({"B"})}))
    assert result.assigned == ("c1",)
    assert result.reasons == {"c2": not_eligible(PREREQUISITE)}


def test_violations_are_written_from_the_rules():
    officers = [Officer("o1", "a", cap=1), Officer("o2", "a")]
    sessions = [slot("s1", "A", 0, 3), slot("s2", "B", 2, 3), slot("s3", "C", 9)]
    cands = [
        Candidate("c1", "o1", "s1", "a", 1), Candidate("c2", "o1", "s3", "a", 1),
        Candidate("c3", "o2", "s1", "a", 1), Candidate("c4", "o2", "s2", "a", 1),
        Candidate("c5", "o2", "s3", "a", 1, eligible=False, reason=INACTIVE),
    ]
    problem = Problem(officers, sessions, cands, {("a", "s1"): 1, ("a", "s2"): 1, ("a", "s3"): 1},
                      {"C": frozenset({"B"})})
    assert problem.violations(["c1"]) == []
    found = problem.violations(["c1", "c2", "c3", "c4", "c5", "c5", "zz"])
    text = "\n".join(found)
    assert "'zz': unknown candidate" in text
    assert "'c5': assigned twice" in text
    assert "'c5': not eligible (inactive)" in text
    assert "session 's1': 2 assigned to 1 seats" in text
    assert "session 's3': 2 assigned to 1 seats" in text
    assert "officer 'o1': 2 sessions over a cap of 1" in text
    assert "'c3' and 'c4' overlap" in text
    assert "'c2': prerequisite 'B'" in text
    # o2 took B (c4) before C (c5): the prerequisite holds for them.
    assert "'c5': prerequisite" not in text


def test_a_problem_is_frozen_and_keeps_its_own_copies():
    seats = {("a", "s1"): 1}
    problem = Problem([Officer("o1", "a")], [slot("s1")], [Candidate("c1", "o1", "s1", "a", 1)], seats)
    seats[("a", "s1")] = 0
    assert problem.seats[("a", "s1")] == 1
    with pytest.raises(TypeError):
        problem.seats[("a", "s1")] = 3
    assert isinstance(problem.candidates, tuple)

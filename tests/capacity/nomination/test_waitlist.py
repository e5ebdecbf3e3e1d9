"""Waiting lists in priority order; a withdrawal frees the seat and offers it to the first who fits."""
import random
from datetime import date, timedelta

import pytest

from puente.capacity.nomination import (
    Candidate,
    Offer,
    Officer,
    Problem,
    ProblemError,
    SessionSlot,
    next_offer,
    solve,
    waiting_list,
    withdraw,
)
from tests.capacity.nomination.test_solver import random_problem

START = date(2025, 5, 5)


def slot(sid, program, first, last):
    return SessionSlot(sid, program, START + timedelta(days=first), START + timedelta(days=last))


@pytest.fixture
def term():
    """One seat in s0 for agency a; o2 also holds s1, which overlaps s0."""
    sessions = [slot("s0", "P", 0, 2), slot("s1", "Q", 1, 1), slot("s2", "R", 9, 9)]
    officers = [Officer(f"o{k}", "a", cap=2) for k in range(5)] + [Officer("x", "b")]
    cands = [
        Candidate("c0", "o0", "s0", "a", 10),
        Candidate("c1", "o1", "s0", "a", 4),
        Candidate("c2", "o2", "s0", "a", 8),
        Candidate("c2q", "o2", "s1", "a", 9),
        Candidate("c3", "o3", "s0", "a", 4, eligible=False, reason="vetting"),
        Candidate("c4", "o4", "s0", "a", 6),
        Candidate("cx", "x", "s0", "b", 50),
    ]
    seats = {("a", "s0"): 1, ("a", "s1"): 1, ("b", "s0"): 1}
    return Problem(officers, sessions, cands, seats)


def test_waiting_list_is_by_value_then_order_and_leaves_out_the_ineligible(term):
    result = solve(term)
    assert result.assigned == ("c0", "c2q", "cx")
    assert result.waiting_lists[("a", "s0")] == ("c2", "c4", "c1")
    assert waiting_list(term, result.assigned, "a", "s0") == ("c2", "c4", "c1")
    assert result.reasons["c2"] == "overlap" and result.reasons["c4"] == "seats_full"
    assert waiting_list(term, result.assigned, "b", "s0") == ()
    assert waiting_list(term, result.assigned, "zz", "s0") == ()


def test_withdrawal_offers_the_seat_to_the_first_who_fits(term):
    result = solve(term)
    w = withdraw(term, result.assigned, "c0")
    # c2 is first on the list but has an overlapping session: passed over, not offered.
    assert w.withdrawn == ("c0",)
    assert w.assigned == ("c2q", "cx")
    assert w.offers == (Offer("a", "s0", "c4"),)
    # c4 declines: next is c1, then nobody (c0 withdrew: the caller keeps it among the declined).
    assert next_offer(term, w.assigned, "a", "s0", declined={"c0", "c4"}) == "c1"
    assert next_offer(term, w.assigned, "a", "s0", declined={"c0", "c4", "c1"}) is None
    # Once c2 gives up the overlapping session, c2 comes first.
    w2 = withdraw(term, w.assigned, "c2q")
    assert next_offer(term, w2.assigned, "a", "s0", declined={"c0"}) == "c2"
    # Another agency's seat is not offered across agencies.
    w3 = withdraw(term, result.assigned, "cx")
    assert w3.offers == (Offer("b", "s0", None),)


def test_no_offer_while_the_agency_has_no_free_seat(term):
    result = solve(term)
    assert next_offer(term, result.assigned, "a", "s0") is None


def test_withdrawing_an_in_term_prerequisite_withdraws_what_stood_on_it():
    sessions = [slot("basic", "B", 0, 1), slot("adv", "A", 5, 6), slot("basic2", "B", 3, 3)]
    officers = [Officer("o1", "a", cap=3), Officer("o2", "a", cap=3, completed=frozenset({"B"}))]
    cands = [
        Candidate("o1-basic", "o1", "basic", "a", 1), Candidate("o1-adv", "o1", "adv", "a", 10),
        Candidate("o2-adv", "o2", "adv", "a", 5), Candidate("o2-basic", "o2", "basic", "a", 0.5),
    ]
    problem = Problem(officers, sessions, cands, {("a", "basic"): 1, ("a", "adv"): 1}, {"A": frozenset({"B"})})
    result = solve(problem)
    assert result.assigned == ("o1-basic", "o1-adv")
    w = withdraw(problem, result.assigned, "o1-basic")
    assert w.withdrawn == ("o1-basic", "o1-adv")
    assert w.assigned == ()
    assert w.offers == (Offer("a", "basic", "o2-basic"), Offer("a", "adv", "o2-adv"))
    assert problem.violations(w.assigned) == []
    # Withdrawing the advanced session leaves the basic one alone.
    w = withdraw(problem, result.assigned, "o1-adv")
    assert w.withdrawn == ("o1-adv",) and w.assigned == ("o1-basic",)
    assert w.offers == (Offer("a", "adv", "o2-adv"),)


def test_withdrawing_an_unknown_or_unassigned_candidate_is_refused(term):
    result = solve(term)
    with pytest.raises(ProblemError, match="'c4' is not assigned"):
        withdraw(term, result.assigned, "c4")
    with pytest.raises(ProblemError, match="unknown candidate 'nope'"):
        withdraw(term, result.assigned, "nope")
    with pytest.raises(ProblemError, match="unknown candidate 'nope'"):
        next_offer(term, ["nope"], "a", "s0")


def test_every_offer_fits_and_is_the_first_on_the_list_who_does():
    rng = random.Random(21)
    for _ in range(40):
        problem = random_problem(rng, candidates=rng.randint(10, 60), officers=rng.randint(3, 12),
                                 sessions=rng.randint(2, 8))
        result = solve(problem)
        for cid in result.assigned[:6]:
            w = withdraw(problem, result.assigned, cid)
            assert w.withdrawn[0] == cid
            assert problem.violations(w.assigned) == []
            for offer in w.offers:
                order = waiting_list(problem, w.assigned, offer.agency_id, offer.session_id)
                fits = [c for c in order if c not in w.withdrawn and not problem.violations(list(w.assigned) + [c])]
                assert offer.candidate_id == (fits[0] if fits else None)

"""Waiting lists and withdrawals: who is offered a seat when one frees up.

An agency's waiting list for a session is its eligible candidates for that session who are
not assigned, best first: higher value, then the problem's order (the order the caller
listed them: nomination time, say). A seat that frees up is offered to the first on the list
who fits *now* — a free seat of the agency, no session that shares a day, under their cap,
prerequisites met — so an officer who since got an overlapping session is passed over, not
offered a seat they cannot take.

Everything here is a pure function of the problem and an assignment (candidate ids); the
caller keeps the assignment and records who accepted.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Id, Ledger, Problem, ProblemError


@dataclass(frozen=True)
class Offer:
    agency_id: Id
    session_id: Id
    #: Who is offered the freed seat; None when nobody on the waiting list fits.
    candidate_id: Id | None


@dataclass(frozen=True)
class Withdrawal:
    #: The candidate withdrawn, then any assigned candidate whose in-term prerequisite only it met.
    withdrawn: tuple
    #: The assignment after the withdrawal, before anyone accepts an offer (problem order).
    assigned: tuple
    #: One offer per freed seat, in the order the seats were freed.
    offers: tuple


def _ledger(problem: Problem, assigned: Iterable[Id]) -> Ledger:
    ix = problem.index
    positions = []
    for cid in assigned:
        i = ix.position.get(cid)
        if i is None:
            raise ProblemError(f"unknown candidate {cid!r}")
        positions.append(i)
    return Ledger(ix, positions)


def _group(problem: Problem, agency_id: Id, session_id: Id) -> list[int]:
    ix = problem.index
    g = ix.group_of.get((agency_id, session_id))
    return [] if g is None else ix.group_candidates[g]


def _ordered(problem: Problem, ledger: Ledger, members: list[int]) -> list[int]:
    ix = problem.index
    waiting = [i for i in members if i not in ledger.chosen and not ix.excluded[i]]
    return sorted(waiting, key=lambda i: (-ix.value[i], i))


def waiting_list(problem: Problem, assigned: Iterable[Id], agency_id: Id, session_id: Id) -> tuple:
    """The agency's unassigned eligible candidates for the session, best first."""
    ledger = _ledger(problem, assigned)
    cands = problem.candidates
    return tuple(cands[i].id for i in _ordered(problem, ledger, _group(problem, agency_id, session_id)))


def next_offer(problem: Problem, assigned: Iterable[Id], agency_id: Id, session_id: Id, *,
               declined: Iterable[Id] = ()) -> Id | None:
    """The first on the waiting list who can take a seat now, skipping those who declined.

    The problem keeps no history: pass the candidates who withdrew (or drop them from the
    problem) along with those who declined, or they count as waiting again.
    """
    ledger = _ledger(problem, assigned)
    return _next(problem, ledger, _group(problem, agency_id, session_id), set(declined))


def _next(problem: Problem, ledger: Ledger, members: list[int], declined: set) -> Id | None:
    cands = problem.candidates
    for i in _ordered(problem, ledger, members):
        if cands[i].id not in declined and ledger.blocking(i) is None:
            return cands[i].id
    return None


def withdraw(problem: Problem, assigned: Iterable[Id], candidate_id: Id) -> Withdrawal:
    """Withdraw an assigned candidate: free the seat and say who is offered it next.

    If the withdrawn session was the only in-term prerequisite of another of the officer's
    assigned sessions, that one is withdrawn too (it no longer qualifies) and its seat offered
    as well. The withdrawn officers are not offered their own seats back.
    """
    ix = problem.index
    ledger = _ledger(problem, assigned)
    first = ix.position.get(candidate_id)
    if first is None:
        raise ProblemError(f"unknown candidate {candidate_id!r}")
    if not ledger.holds(first):
        raise ProblemError(f"candidate {candidate_id!r} is not assigned")
    withdrawn, queue = [], [first]
    while queue:
        i = queue.pop(0)
        if not ledger.holds(i):
            continue
        queue.extend(ledger.dependents(i))
        ledger.remove(i)
        withdrawn.append(i)
    cands = problem.candidates
    declined = {cands[i].id for i in withdrawn}
    offers = []
    for i in withdrawn:
        agency_id, session_id = ix.groups[ix.group[i]]
        offers.append(Offer(agency_id, session_id, _next(problem, ledger, ix.group_candidates[ix.group[i]], declined)))
    return Withdrawal(
        withdrawn=tuple(cands[i].id for i in withdrawn),
        assigned=tuple(cands[i].id for i in sorted(ledger.chosen)),
        offers=tuple(offers),
    )

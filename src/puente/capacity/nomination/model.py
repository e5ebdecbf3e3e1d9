"""The nomination problem as plain values: officers, sessions, candidates, seats, results.

A *candidate* is one (officer, session) pair an agency proposes, with a value (higher is
better; typically the allocated request's threat weight × the officer's priority). The
agency's *seats* in a session come from the published allocation: at most that many of its
officers may be assigned to the session.

An officer takes at most one of any set of sessions that share a day, at most ``cap``
sessions in the term, and only sessions they are eligible for. Eligibility that depends on
records outside the term (inactive status, missing vetting, prerequisites never completed)
is the caller's to decide: it passes ``eligible=False`` and a reason code, and the solver
reports the candidate as ``not_eligible:<code>``. Prerequisites may also be met *within*
the term: give ``Problem.prerequisites`` and each officer's ``completed`` programs, and a
session of program B is open to an officer who lacks prerequisite A if the officer is
assigned a session of A that ends before B starts.

Everything is a frozen dataclass, so one problem can be solved, checked and re-offered
without anyone changing it for the others. Identifiers are whatever the caller uses
(database keys, codes): hashable and unique within their kind.
"""
from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType

Id = Hashable

#: Reason codes a caller gives an ineligible candidate (the same codes as records.eligibility).
INACTIVE = "inactive"
PREREQUISITE = "prerequisite"
VETTING = "vetting"
INELIGIBLE = "ineligible"  # when the caller gives no code

#: Reasons a candidate was not assigned.
NOT_ELIGIBLE = "not_eligible"  # prefix: "not_eligible:<code>"
NO_SEATS = "no_seats"  # the agency holds no seat in the session under the allocation
OVERLAP = "overlap"  # the officer got a session that shares a day with this one
OFFICER_CAP = "officer_cap"  # the officer already has their cap of sessions this term
PREREQUISITE_UNASSIGNED = "prerequisite_unassigned"  # no earlier session of a required program was assigned
#: The agency's seats in the session went to officers worth more (or, rarely, to one for whom
#: the seat is the prerequisite of a later session worth more).
SEATS_FULL = "seats_full"
ASSIGNMENT_REASONS = (OVERLAP, OFFICER_CAP, PREREQUISITE_UNASSIGNED, SEATS_FULL)


def not_eligible(code: str) -> str:
    return f"{NOT_ELIGIBLE}:{code or INELIGIBLE}"


class ProblemError(ValueError):
    """The problem data is inconsistent (duplicate id, unknown officer, bad dates, ...)."""


# --------------------------------------------------------------------------- input


@dataclass(frozen=True)
class Officer:
    id: Id
    agency_id: Id
    #: Most sessions the officer may take this term; None: no cap.
    cap: int | None = None
    #: Programs the officer has completed before the term (read against Problem.prerequisites).
    completed: frozenset = frozenset()


@dataclass(frozen=True)
class SessionSlot:
    id: Id
    program_id: Id
    #: First and last day, both inclusive: two sessions overlap when they share a day.
    start: date
    end: date

    def overlaps(self, other: SessionSlot) -> bool:
        return self.start <= other.end and other.start <= self.end


@dataclass(frozen=True)
class Candidate:
    id: Id
    officer_id: Id
    session_id: Id
    #: The nominating agency, whose seats the candidate would take: the officer's own agency.
    agency_id: Id
    value: float
    eligible: bool = True
    #: Why the candidate is not eligible (INACTIVE, VETTING, PREREQUISITE, or the caller's own code).
    reason: str = ""


#: Seats per (agency id, session id) under the published allocation.
Seats = Mapping
#: Program id -> the program ids it requires (all of them).
Prerequisites = Mapping


@dataclass(frozen=True)
class Problem:
    officers: tuple[Officer, ...]
    sessions: tuple[SessionSlot, ...]
    candidates: tuple[Candidate, ...]
    seats: Seats
    prerequisites: Prerequisites = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "officers", tuple(self.officers))
        object.__setattr__(self, "sessions", tuple(self.sessions))
        object.__setattr__(self, "candidates", tuple(self.candidates))
        if not isinstance(self.seats, Mapping):
            raise ProblemError(
                f"seats must be a mapping of (agency, session) to seats, got {type(self.seats).__name__}")
        if not isinstance(self.prerequisites, Mapping):
            raise ProblemError(
                f"prerequisites must be a mapping of program to programs, got {type(self.prerequisites).__name__}")
        object.__setattr__(self, "seats", MappingProxyType(dict(self.seats)))
        object.__setattr__(self, "prerequisites", MappingProxyType(
            {p: frozenset(req) for p, req in self.prerequisites.items() if req}))
        self._validate()

    def _validate(self):
        officers = {}
        for o in self.officers:
            if o.id in officers:
                raise ProblemError(f"officer {o.id!r}: duplicate id")
            if o.cap is not None and (not isinstance(o.cap, int) or isinstance(o.cap, bool) or o.cap < 0):
                raise ProblemError(f"officer {o.id!r}: cap must be a whole number, 0 or more, or None; got {o.cap!r}")
            officers[o.id] = o
        sessions = {}
        for s in self.sessions:
            if s.id in sessions:
                raise ProblemError(f"session {s.id!r}: duplicate id")
            if not isinstance(s.start, date) or not isinstance(s.end, date):
                raise ProblemError(f"session {s.id!r}: start and end must be dates")
            if s.end < s.start:
                raise ProblemError(f"session {s.id!r}: ends ({s.end}) before it starts ({s.start})")
            sessions[s.id] = s
        seen, pairs = set(), set()
        for c in self.candidates:
            if c.id in seen:
                raise ProblemError(f"candidate {c.id!r}: duplicate id")
            seen.add(c.id)
            officer = officers.get(c.officer_id)
            if officer is None:
                raise ProblemError(f"candidate {c.id!r}: unknown officer {c.officer_id!r}")
            if c.session_id not in sessions:
                raise ProblemError(f"candidate {c.id!r}: unknown session {c.session_id!r}")
            if c.agency_id != officer.agency_id:
                raise ProblemError(f"candidate {c.id!r}: agency {c.agency_id!r} is not officer {c.officer_id!r}'s "
                                   f"agency {officer.agency_id!r}")
            number = isinstance(c.value, (int, float)) and not isinstance(c.value, bool)
            if not number or not math.isfinite(c.value) or c.value < 0:
                raise ProblemError(f"candidate {c.id!r}: value must be a finite number, 0 or more; got {c.value!r}")
            pair = (c.officer_id, c.session_id)
            if pair in pairs:
                raise ProblemError(f"candidate {c.id!r}: officer {c.officer_id!r} is already a candidate "
                                   f"for session {c.session_id!r}")
            pairs.add(pair)
        for key, n in self.seats.items():
            if not isinstance(key, tuple) or len(key) != 2:
                raise ProblemError(f"seats key {key!r}: must be an (agency id, session id) pair")
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                raise ProblemError(f"seats {key!r}: must be a whole number of seats, 0 or more; got {n!r}")

    # ------------------------------------------------------------------ lookups

    @cached_property
    def index(self) -> Index:
        return Index(self)

    def candidate(self, candidate_id: Id) -> Candidate:
        try:
            return self.candidates[self.index.position[candidate_id]]
        except KeyError:
            raise ProblemError(f"unknown candidate {candidate_id!r}") from None

    def violations(self, assigned: Iterable[Id]) -> list[str]:
        """Every rule an assignment breaks, in words; empty when it is feasible.

        Written straight from the rules, sharing nothing with the solver's bookkeeping, so it
        can check the solver.
        """
        by_id = {c.id: c for c in self.candidates}
        sessions = {s.id: s for s in self.sessions}
        officers = {o.id: o for o in self.officers}
        found, seen, chosen = [], set(), []
        for cid in assigned:
            if cid not in by_id:
                found.append(f"{cid!r}: unknown candidate")
            elif cid in seen:
                found.append(f"{cid!r}: assigned twice")
            else:
                seen.add(cid)
                chosen.append(by_id[cid])
        used: dict = {}
        per_officer: dict = {}
        for c in chosen:
            used[(c.agency_id, c.session_id)] = used.get((c.agency_id, c.session_id), 0) + 1
            per_officer.setdefault(c.officer_id, []).append(c)
            if not c.eligible:
                found.append(f"{c.id!r}: not eligible ({c.reason or INELIGIBLE})")
        for (agency_id, session_id), n in used.items():
            allowed = self.seats.get((agency_id, session_id), 0)
            if n > allowed:
                found.append(f"agency {agency_id!r}, session {session_id!r}: {n} assigned to {allowed} seats")
        for officer_id, held in per_officer.items():
            officer = officers[officer_id]
            if officer.cap is not None and len(held) > officer.cap:
                found.append(f"officer {officer_id!r}: {len(held)} sessions over a cap of {officer.cap}")
            slots = [sessions[c.session_id] for c in held]
            for a in range(len(held)):
                for b in range(a + 1, len(held)):
                    if slots[a].overlaps(slots[b]):
                        found.append(f"officer {officer_id!r}: {held[a].id!r} and {held[b].id!r} overlap")
                for program in self.prerequisites.get(slots[a].program_id, ()):
                    if program in officer.completed:
                        continue
                    if not any(s.program_id == program and s.end < slots[a].start for s in slots):
                        found.append(f"{held[a].id!r}: prerequisite {program!r} neither completed nor taken earlier")
        return found


class Index:
    """The problem in flat per-candidate lists, for the solver's inner loops.

    Positions are the candidates' positions in ``problem.candidates``. ``excluded[i]`` is the
    reason a candidate is out before any solving (not eligible, no seats, a prerequisite that
    neither a completed record nor an earlier session this term can meet, or that the
    officer's cap leaves no room to take as well), or "".
    """

    def __init__(self, problem: Problem):
        cands = problem.candidates
        self.problem = problem
        self.position = {c.id: i for i, c in enumerate(cands)}
        officer_pos = {o.id: k for k, o in enumerate(problem.officers)}
        sessions = {s.id: s for s in problem.sessions}
        groups: dict = {}
        self.officer = [officer_pos[c.officer_id] for c in cands]
        self.value = [float(c.value) for c in cands]
        self.start, self.end, self.program, self.group = [], [], [], []
        for c in cands:
            s = sessions[c.session_id]
            self.start.append(s.start.toordinal())
            self.end.append(s.end.toordinal())
            self.program.append(s.program_id)
            key = (c.agency_id, c.session_id)
            g = groups.get(key)
            if g is None:
                g = groups[key] = len(groups)
            self.group.append(g)
        self.groups = list(groups)
        self.group_of = groups
        self.group_seats = [problem.seats.get(key, 0) for key in self.groups]
        big = len(cands) + 1
        self.cap = [big if o.cap is None else o.cap for o in problem.officers]
        self.officer_candidates = [[] for _ in problem.officers]
        for i, o in enumerate(self.officer):
            self.officer_candidates[o].append(i)
        self.group_candidates = [[] for _ in self.groups]
        for i, g in enumerate(self.group):
            self.group_candidates[g].append(i)
        # Programs still missing for the candidate's session: each needs an earlier session this term.
        prereq = problem.prerequisites
        self.missing = [()] * len(cands)
        if prereq:
            for i, c in enumerate(cands):
                needs = prereq.get(self.program[i])
                if needs:
                    lacking = needs - problem.officers[self.officer[i]].completed
                    if lacking:
                        self.missing[i] = tuple(sorted(lacking, key=repr))
        self.excluded = self._exclusions()

    def _exclusions(self) -> list[str]:
        cands = self.problem.candidates
        excluded = [""] * len(cands)
        for i, c in enumerate(cands):
            if not c.eligible:
                excluded[i] = not_eligible(c.reason)
            elif self.group_seats[self.group[i]] <= 0:
                excluded[i] = NO_SEATS
        # A missing prerequisite must be met by a session of it, open to the officer, ending
        # before this one starts; excluding one candidate can strand another, hence the loop.
        pending = [i for i in range(len(cands)) if self.missing[i] and not excluded[i]]
        changed = True
        while changed and pending:
            changed = False
            still = []
            for i in pending:
                if excluded[i]:
                    continue
                # The officer must also have room for one session of each missing program.
                room = self.cap[self.officer[i]] > len(self.missing[i])
                if room and all(self.supporters(i, a, excluded) for a in self.missing[i]):
                    still.append(i)
                else:
                    excluded[i] = not_eligible(PREREQUISITE)
                    changed = True
            pending = still
        return excluded

    def supporters(self, i: int, program, excluded=None) -> list[int]:
        """The officer's candidates for sessions of ``program`` ending before candidate i starts."""
        excluded = self.excluded if excluded is None else excluded
        start = self.start[i]
        return [j for j in self.officer_candidates[self.officer[i]]
                if self.program[j] == program and self.end[j] < start and not excluded[j]]


class Ledger:
    """Seats used, sessions per officer: whether one more candidate fits, and if not, why."""

    def __init__(self, index: Index, assigned: Iterable[int] = ()):
        self.ix = index
        self.seats_left = list(index.group_seats)
        self.taken = [[] for _ in index.cap]  # candidate positions per officer
        self.chosen = set()
        for i in assigned:
            self.add(i)

    def holds(self, i: int) -> bool:
        return i in self.chosen

    def add(self, i: int) -> None:
        self.chosen.add(i)
        self.seats_left[self.ix.group[i]] -= 1
        self.taken[self.ix.officer[i]].append(i)

    def remove(self, i: int) -> None:
        self.chosen.discard(i)
        self.seats_left[self.ix.group[i]] += 1
        self.taken[self.ix.officer[i]].remove(i)

    def blocking(self, i: int, *, ignore_self: bool = False) -> str | None:
        """Why candidate i cannot be added now (officer reasons first), or None if it can.

        With ``ignore_self`` the candidate is taken as already held (checking an assignment).
        """
        ix = self.ix
        start, end = ix.start[i], ix.end[i]
        held = self.taken[ix.officer[i]]
        count = 0
        for j in held:
            if j == i and ignore_self:
                continue
            count += 1
            if ix.start[j] <= end and start <= ix.end[j]:
                return OVERLAP
        if count >= ix.cap[ix.officer[i]]:
            return OFFICER_CAP
        for program in ix.missing[i]:
            if not any(ix.program[j] == program and ix.end[j] < start for j in held):
                return PREREQUISITE_UNASSIGNED
        left = self.seats_left[ix.group[i]] + (1 if ignore_self else 0)
        if left <= 0:
            return SEATS_FULL
        return None

    def dependents(self, i: int) -> list[int]:
        """Held candidates of i's officer whose in-term prerequisite only i meets."""
        ix = self.ix
        held = [j for j in self.taken[ix.officer[i]] if j != i]
        lost = []
        for j in held:
            for program in ix.missing[j]:
                if ix.program[i] == program and ix.end[i] < ix.start[j] and not any(
                        k != i and ix.program[k] == program and ix.end[k] < ix.start[j] for k in held):
                    lost.append(j)
                    break
        return lost


# --------------------------------------------------------------------------- output


@dataclass(frozen=True)
class Result:
    #: Assigned candidate ids, in the problem's candidate order.
    assigned: tuple
    #: Total value of the assigned candidates.
    value: float
    #: The LP relaxation's optimum: no assignment is worth more (None when no LP was solved).
    lp_bound: float | None
    #: (lp_bound − value) / lp_bound; 0 when the bound is 0 or unknown.
    gap: float
    #: Why each candidate that is not assigned is not: "not_eligible:<code>", "no_seats",
    #: "overlap", "officer_cap", "prerequisite_unassigned" or "seats_full". When several hold,
    #: the officer's own reason (in that order) comes before "seats_full".
    reasons: Mapping
    #: (agency id, session id) -> unassigned eligible candidate ids, best first (value, then
    #: the problem's order); the seat's next offer is the first who fits then.
    waiting_lists: Mapping
    seconds: float = 0.0
    lp_seconds: float = 0.0
    method: str = ""
    stats: Mapping = field(default_factory=dict)

    @property
    def percent_of_bound(self) -> float:
        return 100.0 * (1.0 - self.gap)

    @property
    def excluded(self) -> dict:
        """Candidates out before solving, with their reason."""
        return {cid: r for cid, r in self.reasons.items() if r.startswith(NOT_ELIGIBLE) or r == NO_SEATS}

    def reason_counts(self) -> dict:
        counts: dict = {}
        for r in self.reasons.values():
            counts[r] = counts.get(r, 0) + 1
        return dict(sorted(counts.items()))

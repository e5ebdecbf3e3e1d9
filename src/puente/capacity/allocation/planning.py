"""Capacity planning: where one more session or instructor-day raises the weighted seats most.

The LP of the optimizer's model (lp.py) prices capacity. Its duals say what one more seat
is worth at the margin:

* π_s, the dual of session s's capacity row, for one more seat in an existing session;
* ψ_g, the dual of window group g's balance row, for one more seat any session in that
  group's window could offer — which is what a *new* session offers every group whose
  months and sites it matches.

A dual holds only at the margin, so each candidate's gain is bounded by the unmet demand
that could use it: the unfilled seats of the requests in its window, plus those reached by
shifting requests between sessions (a request moves to the new seat and frees one someone
else can use). Each unfilled seat is worth its request's weight (plus the first-seat bonus
if it would be its agency's first seat in a critical program), never more than the dual.
Agencies at their share cap take part only as far as the cap grows with the added seats
(the cap is a share of the program's seats); the capacity dual cannot price that, so those
seats count at their weight. The predicted gain is the sum over the best such seats, up to
the candidate's size.

Candidates:

* a new session of program × site × month with the program's typical session size;
* an instructor-day on an existing session, which adds ``instructor_day_seats`` seats.

Predictions are in the optimizer's objective units (weighted seats plus first-seat bonus).
``what_if`` adds given sessions or seats, solves again, and reports predicted against actual.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from .lp import LPSolution, solve_lp
from .model import Problem, Result, Session
from .solver import solve

SESSION = "session"
INSTRUCTOR_DAY = "instructor_day"


@dataclass(frozen=True)
class Candidate:
    kind: str
    program_id: object
    site_id: object
    month: int
    seats: int
    #: What the first extra seat is worth: π_s for an instructor-day, max ψ_g for a new session.
    dual: float
    predicted_gain: float
    #: Unfilled seats (with a positive value) that the candidate could reach, up to its size.
    usable_seats: int
    session_id: object = None
    #: How many of those seats would be an agency's first seat in a critical program (each
    #: counts the first-seat bonus in the predicted gain).
    first_seats: int = 0
    #: The weighted seats alone in the predicted gain (without the first-seat bonus).
    predicted_weighted_gain: float = 0.0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Plan:
    sessions: tuple
    instructor_days: tuple
    lp_objective: float
    seconds: float


@dataclass(frozen=True)
class WhatIf:
    predicted_gain: float
    actual_gain: float
    actual_weighted_gain: float
    actual_seats_gain: int
    before: Result
    after: Result
    details: tuple = field(default=())


class _Program:
    """One program's windows, sessions and unfilled seats, as bit masks over small local indexes."""

    def __init__(self):
        self.windows = []  # (months, sites, group index or -1, dual)
        self.sessions = []  # problem session indexes
        self.local = {}  # problem session index -> local index
        self.used = []  # per window: mask of local sessions it holds seats in
        self.eligible = []  # per local session: mask of windows that may use it
        self.next = []  # per local session: sessions reachable by shifting
        self.units = []  # (value, bonus entry, request index, seats, window, agency at cap)


class Planner:
    def __init__(self, problem: Problem, lp: LPSolution | None = None):
        self.problem = problem
        self.lp = lp or solve_lp(problem)
        net = self.lp.net
        requests = problem.requests
        self.caps = problem.agency_caps()
        self.program_capacity = problem.program_capacity()
        critical = problem.critical_programs()
        bonus = problem.first_seat_bonus()

        filled = [int(round(v)) for v in self.lp.x]
        self.held: dict = {}
        for i, r in enumerate(requests):
            if filled[i]:
                key = (r.agency_id, r.program_id)
                self.held[key] = self.held.get(key, 0) + filled[i]

        # Windows (program, months, sites) as the planner's unit: a new session helps the
        # windows it matches. Windows that share a network group share its sessions and flows.
        self.programs: dict = {}
        window_of: dict = {}
        for r in requests:
            if r.window in window_of:
                continue
            prog = self._program(r.program_id)
            g = net.windows.get(r.window, -1)
            window_of[r.window] = (r.program_id, len(prog.windows))
            prog.windows.append((r.months, r.sites, g, max(0.0, self.lp.group_duals[g]) if g >= 0 else 0.0))
            if g >= 0:
                for j in net.group_sessions[g]:
                    if j not in prog.local:
                        prog.local[j] = len(prog.sessions)
                        prog.sessions.append(j)

        used_by_group: dict = {}
        for (g, j), seats in self.lp.flows.items():
            if seats > 0.5:
                used_by_group.setdefault(g, []).append(j)
        for prog in self.programs.values():
            prog.eligible = [0] * len(prog.sessions)
            prog.used = [0] * len(prog.windows)
            for w, (_, _, g, _) in enumerate(prog.windows):
                if g < 0:
                    continue
                for j in net.group_sessions[g]:
                    prog.eligible[prog.local[j]] |= 1 << w
                for j in used_by_group.get(g, ()):
                    prog.used[w] |= 1 << prog.local[j]
            prog.next = []
            for mask in prog.eligible:
                reach = 0
                for w in _bits(mask):
                    reach |= prog.used[w]
                prog.next.append(reach)

        # Unfilled seats and what each is worth. Seats of agencies at their share cap are kept
        # apart: only the cap's growth with the program's seats can release them.
        for i, r in enumerate(requests):
            unmet = r.seats - filled[i]
            if unmet <= 0:
                continue
            key = (r.agency_id, r.program_id)
            held = self.held.get(key, 0)
            cap = self.caps.get(r.program_id)
            capped = cap is not None and held >= cap
            prog = self.programs[r.program_id]
            w = window_of[r.window][1]
            if bonus and r.program_id in critical and held == 0:
                prog.units.append((r.weight + bonus, True, i, 1, w, capped))
                unmet -= 1
            if unmet > 0 and r.weight > 0:
                prog.units.append((r.weight, False, i, unmet, w, capped))
        for prog in self.programs.values():
            prog.units.sort(key=lambda u: (-u[0], u[2]))
            if any(g < 0 for _, _, g, _ in prog.windows):
                # A window without sessions has no LP row: its dual is its best unfilled seat.
                best = {}
                for value, _, _, _, w, capped in prog.units:
                    if not capped:
                        best[w] = max(best.get(w, 0.0), value)
                prog.windows = [
                    (m, s, g, d if g >= 0 else best.get(k, 0.0)) for k, (m, s, g, d) in enumerate(prog.windows)
                ]

    def _program(self, program_id) -> _Program:
        prog = self.programs.get(program_id)
        if prog is None:
            prog = self.programs[program_id] = _Program()
        return prog

    # -- evaluation ---------------------------------------------------------------------

    def _matching(self, prog: _Program, site, month) -> int:
        mask = 0
        for w, (months, sites, _, _) in enumerate(prog.windows):
            if (not months or month in months) and (not sites or site in sites):
                mask |= 1 << w
        return mask

    def _reach(self, prog: _Program, windows: int) -> int:
        """Windows that gain from a seat open to `windows`, directly or by shifting requests."""
        sessions = 0
        for w in _bits(windows):
            sessions |= prog.used[w]
        seen = 0
        while sessions & ~seen:
            frontier = sessions & ~seen
            seen |= frontier
            for k in _bits(frontier):
                sessions |= prog.next[k]
        for k in _bits(seen):
            windows |= prog.eligible[k]
        return windows

    def _gain(self, program_id, prog: _Program, windows: int, seats: int, dual: float, taken: dict):
        """Greedy value of `seats` extra seats open to `windows`: (gain, weighted, seats, first seats).

        Each seat is worth at most `dual`, except seats the agency cap's growth releases: the
        capacity dual does not price a cap that moves with capacity. `taken` records what
        earlier additions already counted, so several additions never count a seat twice.
        """
        reach = self._reach(prog, windows)
        requests = self.problem.requests
        cap = self.caps.get(program_id)
        if cap is not None:
            grown = self.program_capacity.get(program_id, 0) + seats + taken.get(("seats", program_id), 0)
            cap = max(1, self.problem.rules.share_cap_seats(grown))
        gain, weighted, used, first = 0.0, 0.0, 0, 0
        for value, is_bonus, i, count, w, capped in prog.units:
            if used >= seats:
                break
            if not (reach >> w) & 1:
                continue
            left = count - taken.get((i, is_bonus), 0)
            if left <= 0:
                continue
            r = requests[i]
            key = (r.agency_id, r.program_id)
            if is_bonus and ("first", key) in taken:
                continue
            room = left if cap is None else min(left, cap - self.held.get(key, 0) - taken.get(("pair", key), 0))
            take = min(room, seats - used)
            if take <= 0:
                continue
            if is_bonus:
                taken[("first", key)] = True
                first += 1
            gain += (value if capped else min(value, dual)) * take
            weighted += r.weight * take
            used += take
            taken[("pair", key)] = taken.get(("pair", key), 0) + take
            taken[(i, is_bonus)] = taken.get((i, is_bonus), 0) + take
        taken[("seats", program_id)] = taken.get(("seats", program_id), 0) + seats
        return gain, weighted, used, first

    def new_session(self, program_id, site_id, month: int, seats: int | None = None, taken: dict | None = None):
        prog = self.programs.get(program_id)
        seats = self.problem.typical_size(program_id) if seats is None else seats
        if prog is None:
            return Candidate(SESSION, program_id, site_id, month, seats, 0.0, 0.0, 0)
        windows = self._matching(prog, site_id, month)
        dual = max((prog.windows[w][3] for w in _bits(windows)), default=0.0)
        gain, weighted, used, first = self._gain(program_id, prog, windows, seats, dual, {} if taken is None else taken)
        return Candidate(SESSION, program_id, site_id, month, seats, dual, gain, used, None, first, weighted)

    def extra_seats(self, session_index: int, seats: int, taken: dict | None = None):
        s = self.problem.sessions[session_index]
        prog = self.programs.get(s.program_id)
        dual = self.lp.session_duals[session_index]
        if prog is None:
            return Candidate(INSTRUCTOR_DAY, s.program_id, s.site_id, s.month, seats, dual, 0.0, 0, s.id)
        if session_index in prog.local:
            windows = prog.eligible[prog.local[session_index]]
        else:
            # A session without seats yet is in no window group: seats make it a new session.
            windows = self._matching(prog, s.site_id, s.month)
            dual = max((prog.windows[w][3] for w in _bits(windows)), default=0.0)
        gain, weighted, used, first = self._gain(s.program_id, prog, windows, seats, dual, {} if taken is None else taken)
        return Candidate(
            INSTRUCTOR_DAY, s.program_id, s.site_id, s.month, seats, dual, gain, used, s.id, first, weighted
        )

    # -- ranking ------------------------------------------------------------------------

    def rank_sessions(self, *, sites=None, months=range(1, 13)) -> list[Candidate]:
        problem = self.problem
        offered: dict = {}
        for s in problem.sessions:
            offered.setdefault(s.program_id, set()).add(s.site_id)
        sizes = problem.typical_sizes()
        out = []
        for program_id, prog in self.programs.items():
            if not prog.units:
                continue
            if sites is not None:
                where = set(sites)
            else:
                # Sites that already run the program, and sites its unfilled requests asked for.
                where = set(offered.get(program_id, ()))
                for _, _, i, _, _, _ in prog.units:
                    where.update(problem.requests[i].sites)
            size = sizes.get(program_id, 1)
            for site in sorted(where, key=str):
                for month in months:
                    c = self.new_session(program_id, site, month, size)
                    if c.predicted_gain > 0:
                        out.append(c)
        out.sort(key=lambda c: (-c.predicted_gain, -c.dual, str(c.program_id), str(c.site_id), c.month))
        return out

    def rank_instructor_days(self, seats: int) -> list[Candidate]:
        out = []
        for j, s in enumerate(self.problem.sessions):
            prog = self.programs.get(s.program_id)
            if prog is None or not prog.units:
                continue
            c = self.extra_seats(j, seats)
            if c.predicted_gain > 0:
                out.append(c)
        out.sort(key=lambda c: (-c.predicted_gain, -c.dual, str(c.session_id)))
        return out


def plan(
    problem: Problem, *, instructor_day_seats: int = 4, limit: int | None = 20, sites=None, lp: LPSolution | None = None
) -> Plan:
    """Candidate extra sessions and instructor-days, best predicted gain first."""
    if instructor_day_seats < 1:
        raise ValueError("instructor_day_seats must be 1 or more")
    started = time.perf_counter()
    planner = Planner(problem, lp)
    sessions = planner.rank_sessions(sites=sites)
    days = planner.rank_instructor_days(instructor_day_seats)
    if limit is not None:
        sessions, days = sessions[:limit], days[:limit]
    return Plan(tuple(sessions), tuple(days), planner.lp.objective, time.perf_counter() - started)


def what_if(
    problem: Problem,
    *,
    add_sessions=(),
    add_seats=None,
    before: Result | None = None,
    planner: Planner | None = None,
) -> WhatIf:
    """Add sessions and/or seats ({session id: seats}), predict the gain, then solve again.

    Predictions for several additions are made together, so two additions never count the
    same unfilled seat twice.
    """
    add_sessions = tuple(add_sessions)
    add_seats = dict(add_seats or {})
    for s in add_sessions:
        if not isinstance(s, Session):
            raise TypeError("add_sessions takes Session values")
    planner = planner or Planner(problem)
    index = {s.id: j for j, s in enumerate(problem.sessions)}
    taken: dict = {}
    details = []
    for s in add_sessions:
        details.append(planner.new_session(s.program_id, s.site_id, s.month, s.capacity, taken))
    for sid, n in add_seats.items():
        if sid not in index:
            raise KeyError(f"unknown session {sid!r}")
        details.append(planner.extra_seats(index[sid], int(n), taken))
    predicted = sum(c.predicted_gain for c in details)

    before = before or solve(problem)
    after = solve(problem.with_sessions(add_sessions, add_seats))
    return WhatIf(
        predicted_gain=predicted,
        actual_gain=after.objective - before.objective,
        actual_weighted_gain=after.weighted_seats - before.weighted_seats,
        actual_seats_gain=after.seats_filled - before.seats_filled,
        before=before, after=after, details=tuple(details),
    )


def _bits(mask: int):
    """Indexes of the set bits of `mask`, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low

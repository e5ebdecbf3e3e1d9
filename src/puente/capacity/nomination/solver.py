"""Officer-level assignment: the LP relaxation, rounded, repaired and filled greedily.

The integer program over the candidates that survive the up-front exclusions (model.Index):

    maximize   Σ value_i · x_i,   x_i ∈ {0, 1}
    subject to seats (a, s):     Σ_{i of agency a in session s} x_i ≤ seats_as
               clique (o, d):    Σ_{i of officer o whose session covers day d} x_i ≤ 1
               cap o:            Σ_{i of officer o} x_i ≤ cap_o
               prerequisite:     x_i ≤ Σ_{j of i's officer, program A, ending before i starts} x_j
                                 for each program A that i's program requires and i's officer lacks

Sessions are intervals of days, so the per-day cliques reduce to the maximal ones (one per
day where a new session starts and the officer's overlapping sessions are not a subset of a
later day's). Rows that can never bind are left out: a seat row with no more candidates than
seats, a cap row when the officer cannot fit more than ``cap`` non-overlapping sessions.

A generic MIP solver is far slower at this size (about 90 s to get within 1% of the optimum
at 100,000 candidates with HiGHS; CP-SAT on two cores longer still). The LP relaxation
(GLOP) takes a second or two and is nearly integral, so:

1. round: take the candidates the LP wants (x ≥ ½), most wanted first, skipping any that
   would break a rule (the repair);
2. fill: offer what is left — seats, officer slots — to the rest by value;
3. polish: re-solve exactly (CP-SAT, a few dozen candidates) the officers whose LP values
   were fractional, everyone else held fixed;
4. improve: re-plan one officer at a time (their best set of sessions, taking a seat from a
   lower-value holder where that pays) until no move raises the value.

Every step keeps the assignment feasible and never lowers its value; the value is reported
against the LP optimum, which bounds every assignment from above.

Infinite bounds are ``float('inf')``, never a large finite number.
"""
from __future__ import annotations

import gc
import math
import time
from contextlib import contextmanager
from dataclasses import dataclass

from .model import PREREQUISITE_UNASSIGNED, Index, Ledger, Problem, Result

INF = float("inf")
#: An LP value at or above this counts as "the LP wants it" when rounding.
ROUND_AT = 0.5
METHODS = ("lp", "greedy")


@contextmanager
def paused_gc():
    """Pause the cyclic collector while building large acyclic structures (it would rescan the heap)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class Relaxation:
    #: The LP optimum: an upper bound on every feasible assignment's value. If the LP did not
    #: finish (time limit), the sum of all eligible values: still a bound, a loose one.
    bound: float
    #: LP value per candidate position (0 for excluded candidates, and all 0 if unfinished).
    x: list
    seconds: float
    rows: int
    columns: int
    solver: str
    optimal: bool = True


def lp_relaxation(problem: Problem, *, solver: str = "GLOP", time_limit: float | None = None) -> Relaxation:
    """Solve the LP relaxation of the assignment with GLOP (or PDLP)."""
    with paused_gc():
        return _relaxation(problem.index, solver, time_limit)


def solve(problem: Problem, *, method: str = "lp", lp_solver: str = "GLOP", improve: bool = True,
          time_limit: float | None = None) -> Result:
    """Assign candidates to maximize total value under seats, overlaps, caps and prerequisites.

    ``method="lp"`` rounds and repairs the LP relaxation and reports the gap to its bound;
    ``method="greedy"`` takes candidates by value alone (no bound; a baseline to compare).
    ``improve=False`` stops after the fill (no polish, no officer moves). ``time_limit``
    (seconds) caps the LP; if it runs out, the fill starts from nothing and the bound is loose.
    ``lp_solver`` is "GLOP" (simplex: an exact bound) or "PDLP" (first-order: slower here, and
    its optimum is only as exact as its tolerance).
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    started = time.perf_counter()
    with paused_gc():
        ix = Index(problem)  # fresh each time: a solve's time includes reading the problem
        active = [i for i, why in enumerate(ix.excluded) if not why]
        ledger = Ledger(ix)
        timings = {"index": time.perf_counter() - started}
        relaxation = None
        if method == "lp":
            relaxation = _relaxation(ix, lp_solver, time_limit)
            timings["lp"] = relaxation.seconds
            x = relaxation.x
            wanted = sorted((i for i in active if x[i] >= ROUND_AT), key=lambda i: (-x[i], -ix.value[i], i))
            _fill(ledger, wanted)
        t = time.perf_counter()
        rest = sorted((i for i in active if i not in ledger.chosen), key=lambda i: (-ix.value[i], i))
        _fill(ledger, rest)
        timings["round_repair_fill"] = time.perf_counter() - t
        t = time.perf_counter()
        polished = moves = 0
        if improve:
            if relaxation is not None and relaxation.optimal:
                polished = _polish(ledger, relaxation.x, active)
            moves = _improve(ledger, active)
            # Moves only count value gains: whatever still fits (a value-0 candidate, say) goes in now.
            _fill(ledger, sorted((i for i in active if i not in ledger.chosen), key=lambda i: (-ix.value[i], i)))
        timings["improve"] = time.perf_counter() - t
        return _result(problem, ledger, relaxation, started, method,
                       {"polished": polished, "moves": moves, "timings": timings})


# --------------------------------------------------------------------------- the LP


def officer_rows(ix: Index, cands: list[int]) -> tuple[list[list[int]], bool]:
    """The officer's maximal overlap cliques (size ≥ 2) and whether their cap row can bind."""
    if len(cands) < 2:
        return [], len(cands) > ix.cap[ix.officer[cands[0]]] if cands else False
    start, end = ix.start, ix.end
    order = sorted(cands, key=lambda i: (start[i], end[i], i))
    cliques = []
    n = len(order)
    k = 0
    while k < n:
        p = start[order[k]]
        while k + 1 < n and start[order[k + 1]] == p:
            k += 1
        members = [i for i in order[:k + 1] if end[i] >= p]
        nxt = start[order[k + 1]] if k + 1 < n else None
        if len(members) >= 2 and (nxt is None or nxt > min(end[i] for i in members)):
            cliques.append(members)
        k += 1
    cap = ix.cap[ix.officer[cands[0]]]
    binds = False
    if len(cands) > cap:
        # Most sessions the officer could take without overlaps (earliest end first).
        fit, last = 0, -math.inf
        for i in sorted(cands, key=lambda i: (end[i], i)):
            if start[i] > last:
                fit += 1
                last = end[i]
        binds = fit > cap
    return cliques, binds


def _relaxation(ix: Index, solver_name: str, time_limit: float | None) -> Relaxation:
    from ortools.linear_solver import pywraplp

    started = time.perf_counter()
    solver = pywraplp.Solver.CreateSolver(solver_name)
    if solver is None:
        raise RuntimeError(f"OR-Tools {solver_name} is not available")
    if time_limit is not None:
        solver.SetTimeLimit(max(1, int(time_limit * 1000)))
    excluded, value = ix.excluded, ix.value
    n = len(excluded)
    variables = [None] * n
    objective = solver.Objective()
    objective.SetMaximization()
    num_var, set_coef = solver.NumVar, objective.SetCoefficient
    for i in range(n):
        if not excluded[i]:
            v = variables[i] = num_var(0.0, 1.0, "")
            set_coef(v, value[i])
    rows = 0
    add_row = solver.Constraint
    for g, members in enumerate(ix.group_candidates):
        live = [i for i in members if not excluded[i]]
        if len(live) > ix.group_seats[g]:
            row = add_row(-INF, float(ix.group_seats[g]), "")
            for i in live:
                row.SetCoefficient(variables[i], 1.0)
            rows += 1
    for o, members in enumerate(ix.officer_candidates):
        live = [i for i in members if not excluded[i]]
        if not live:
            continue
        cliques, cap_binds = officer_rows(ix, live)
        for clique in cliques:
            row = add_row(-INF, 1.0, "")
            for i in clique:
                row.SetCoefficient(variables[i], 1.0)
            rows += 1
        if cap_binds:
            row = add_row(-INF, float(ix.cap[o]), "")
            for i in live:
                row.SetCoefficient(variables[i], 1.0)
            rows += 1
    for i in range(n):
        if ix.missing[i] and not excluded[i]:
            for program in ix.missing[i]:
                row = add_row(-INF, 0.0, "")
                row.SetCoefficient(variables[i], 1.0)
                for j in ix.supporters(i, program):
                    row.SetCoefficient(variables[j], -1.0)
                rows += 1
    status = solver.Solve()
    columns = n - sum(1 for e in excluded if e)
    x = [0.0] * n
    if status != pywraplp.Solver.OPTIMAL:
        # Stopped early (x = 0 is always feasible, so never infeasible): no usable solution.
        bound = math.fsum(value[i] for i in range(n) if not excluded[i])
        return Relaxation(bound=bound, x=x, seconds=time.perf_counter() - started, rows=rows,
                          columns=columns, solver=solver_name, optimal=False)
    for i, v in enumerate(variables):
        if v is not None:
            x[i] = v.solution_value()
    return Relaxation(bound=objective.Value(), x=x, seconds=time.perf_counter() - started, rows=rows,
                      columns=columns, solver=solver_name)


# --------------------------------------------------------------------------- rounding, repair, fill


def _fill(ledger: Ledger, order: list[int]) -> int:
    """Add each candidate in order that fits; retry those waiting on an in-term prerequisite."""
    blocking, add = ledger.blocking, ledger.add
    added = 0
    while True:
        waiting, progress = [], 0
        for i in order:
            if i in ledger.chosen:
                continue
            why = blocking(i)
            if why is None:
                add(i)
                progress += 1
            elif why == PREREQUISITE_UNASSIGNED:
                waiting.append(i)
        added += progress
        if not waiting or not progress:
            return added
        order = waiting


#: LP values strictly between these are fractional: the LP could not decide those candidates.
FRACTIONAL = (1e-6, 1 - 1e-6)
#: Most candidates the exact polish takes on, and its work limit (CP-SAT deterministic seconds).
POLISH_LIMIT = 3000
POLISH_WORK = 2.0


def _polish(ledger: Ledger, x: list, active: list[int]) -> int:
    """Re-solve exactly (CP-SAT) the officers the LP left fractional; return candidates changed.

    Where the LP is integral, rounding takes its optimum as is. Where it is fractional, the
    officers involved trade sessions and seats among themselves in ways one-at-a-time moves
    cannot reach, so their candidates are re-solved as a small integer program with everyone
    else fixed (each agency's seats less those held by others). It is usually a few dozen
    candidates; above POLISH_LIMIT this step is skipped. Changes are kept only if they raise
    the value, and CP-SAT runs on one worker with a deterministic work limit, so the result
    does not depend on the machine's speed.
    """
    ix = ledger.ix
    lo, hi = FRACTIONAL
    officers = sorted({ix.officer[i] for i in active if lo < x[i] < hi})
    if not officers:
        return 0
    cands = [i for o in officers for i in ix.officer_candidates[o] if not ix.excluded[i]]
    if len(cands) > POLISH_LIMIT:
        return 0
    from ortools.sat.python import cp_model

    value, group = ix.value, ix.group
    mine = set(cands)
    model = cp_model.CpModel()
    var = {i: model.NewBoolVar(f"x{i}") for i in cands}
    by_group: dict = {}
    for i in cands:
        by_group.setdefault(group[i], []).append(i)
    for g, members in by_group.items():
        others = sum(1 for j in ix.group_candidates[g] if j in ledger.chosen and j not in mine)
        room = ix.group_seats[g] - others
        if len(members) > room:
            model.Add(sum(var[i] for i in members) <= max(0, room))
    for o in officers:
        live = [i for i in ix.officer_candidates[o] if not ix.excluded[i]]
        if not live:
            continue
        cliques, cap_binds = officer_rows(ix, live)
        for clique in cliques:
            model.Add(sum(var[i] for i in clique) <= 1)
        if cap_binds:
            model.Add(sum(var[i] for i in live) <= ix.cap[o])
        for i in live:
            for program in ix.missing[i]:
                model.Add(var[i] <= sum(var[j] for j in ix.supporters(i, program)))
    top = max((value[i] for i in cands), default=0.0)
    scale = 1e6 / top if top > 0 else 1.0
    model.Maximize(sum(round(value[i] * scale) * var[i] for i in cands))
    for i in cands:
        model.AddHint(var[i], 1 if i in ledger.chosen else 0)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = POLISH_WORK
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return 0
    new = {i for i in cands if solver.BooleanValue(var[i])}
    old = {i for i in cands if i in ledger.chosen}
    if math.fsum(value[i] for i in new) <= math.fsum(value[i] for i in old) + EPS:
        return 0
    for i in sorted(old - new):
        ledger.remove(i)
    for i in sorted(new - old):
        ledger.add(i)
    freed = {j for i in old - new for j in ix.group_candidates[group[i]]}
    refill = (j for j in freed if not ix.excluded[j] and j not in ledger.chosen)
    _fill(ledger, sorted(refill, key=lambda j: (-value[j], j)))
    return len(old ^ new)


#: Officers with more open candidates than this are re-planned over their best this-many only.
MOVE_WIDTH = 12
EPS = 1e-9


def _improve(ledger: Ledger, active: list[int]) -> int:
    """Re-plan one officer at a time, best set of sessions first; return the moves made.

    Rounding and greedy fill decide candidate by candidate, so they can miss what only pays
    as a whole: a basic session that opens an advanced one, two short sessions instead of the
    one long session that overlaps both, a seat held by a lower-value officer. For each
    officer this tries every set of their candidates that fits their cap, overlaps and
    prerequisites, where each session either has a free seat or takes the seat of the
    agency's lowest-value holder (ejected, with whatever of theirs stood on it as a
    prerequisite). A move is made only when the total value rises, so this ends; the ejected
    officers and freed seats are then refilled and their officers looked at again.
    """
    ix = ledger.ix
    queue = sorted({ix.officer[i] for i in active if i not in ledger.chosen})
    queued = set(queue)
    moves = 0
    head = 0
    while head < len(queue):
        o = queue[head]
        head += 1
        queued.discard(o)
        touched = _move(ledger, o)
        if touched is None:
            continue
        moves += 1
        for other in touched:
            if other not in queued:
                queued.add(other)
                queue.append(other)
    return moves


def _move(ledger: Ledger, o: int):
    """Make officer o's best move if it raises the total value; return the officers it touched."""
    ix = ledger.ix
    value, start, end, group = ix.value, ix.start, ix.end, ix.group
    held = list(ledger.taken[o])
    current = sum(value[j] for j in held)
    options = []  # (candidate, value of what it ejects, what it ejects)
    for i in ix.officer_candidates[o]:
        if ix.excluded[i]:
            continue
        if i in ledger.chosen or ledger.seats_left[group[i]] > 0:
            options.append((i, 0.0, None))
            continue
        holders = [j for j in ix.group_candidates[group[i]] if j in ledger.chosen]
        if not holders:
            continue
        # Even a seat worth less than its holder may pay: it can open an advanced session.
        victims = _ejection(ledger, min(holders, key=lambda j: (value[j], -j)))
        options.append((i, sum(value[j] for j in victims), victims))
    if not options:
        return None
    cap = min(ix.cap[o], len(options))
    gains = sorted((value[i] - cost for i, cost, _ in options), reverse=True)
    if sum(g for g in gains[:cap] if g > 0) <= current + EPS:
        return None
    if len(options) > MOVE_WIDTH:
        options = sorted(options, key=lambda t: (-(value[t[0]] - t[1]), t[0]))[:MOVE_WIDTH]
    options.sort(key=lambda t: (start[t[0]], end[t[0]], t[0]))
    best, best_set = current + EPS, None
    # Depth-first over sets in start order: each new session starts after the last one ends.
    # Two sessions may eject the same holder (one's cascade can reach the other's holder): a
    # holder counts, and is removed, once.
    stack = [(0, (), 0.0, -math.inf, frozenset())]
    while stack:
        k, chosen, gain, last_end, ejected = stack.pop()
        if chosen and gain > best and _prerequisites_met(ix, o, chosen):
            best, best_set = gain, chosen
        if len(chosen) >= cap:
            continue
        for m in range(k, len(options)):
            i, _, victims = options[m]
            if start[i] > last_end:
                extra = [v for v in victims or () if v not in ejected]
                stack.append((m + 1, chosen + (options[m],), gain + value[i] - sum(value[v] for v in extra), end[i],
                              ejected.union(extra) if extra else ejected))
    if best_set is None:
        return None
    # The holders ejected, with everything of theirs that no longer has its prerequisite; the
    # move stands only if it still pays counted that way.
    ejected = _closure(ledger, [v for _, _, victims in best_set for v in victims or ()])
    if math.fsum(value[i] for i, _, _ in best_set) - math.fsum(value[v] for v in ejected) <= current + EPS:
        return None
    keep = {t[0] for t in best_set}
    gone = [h for h in held if h not in keep] + sorted(ejected)
    touched = {ix.officer[v] for v in ejected}
    for j in gone:
        ledger.remove(j)
    for i, _, _ in best_set:
        if i not in ledger.chosen:
            ledger.add(i)
    # Seats given up, and the ejected officers' other sessions, go to whoever fits best now.
    freed = [j for h in gone for j in ix.group_candidates[group[h]]]
    for v in touched:
        freed.extend(ix.officer_candidates[v])
    refill = sorted({j for j in freed if not ix.excluded[j] and j not in ledger.chosen}, key=lambda j: (-value[j], j))
    _fill(ledger, refill)
    touched.update(ix.officer[j] for j in refill if j not in ledger.chosen)
    touched.discard(o)
    return touched


def _ejection(ledger: Ledger, victim: int) -> tuple:
    """The victim and the held sessions that stand on it as an in-term prerequisite, transitively."""
    return (victim,) + tuple(sorted(_closure(ledger, [victim]) - {victim}))


def _closure(ledger: Ledger, removed) -> set:
    """``removed`` and every held session it leaves without an in-term prerequisite, transitively."""
    ix = ledger.ix
    out = set(removed)
    for p in sorted({ix.officer[v] for v in out}):
        rest = [j for j in ledger.taken[p] if j not in out]
        if not any(ix.missing[j] for j in rest):
            continue
        changed = True
        while changed:
            changed = False
            for j in rest:
                if any(not any(ix.program[k] == program and ix.end[k] < ix.start[j] for k in rest)
                       for program in ix.missing[j]):
                    out.add(j)
                    rest.remove(j)
                    changed = True
                    break
    return out


def _prerequisites_met(ix: Index, o: int, chosen: tuple) -> bool:
    for i, _, _ in chosen:
        for program in ix.missing[i]:
            if not any(ix.program[j] == program and ix.end[j] < ix.start[i] for j, _, _ in chosen):
                return False
    return True


# --------------------------------------------------------------------------- result


def _result(problem: Problem, ledger: Ledger, relaxation: Relaxation | None, started: float, method: str,
            improvements: dict) -> Result:
    finishing = time.perf_counter()
    ix = ledger.ix
    cands = problem.candidates
    chosen = ledger.chosen
    assigned = tuple(cands[i].id for i in sorted(chosen))
    value = math.fsum(ix.value[i] for i in sorted(chosen))
    reasons = {}
    waiting: dict = {}
    for i, c in enumerate(cands):
        if i in chosen:
            continue
        why = ix.excluded[i]
        if not why:
            why = ledger.blocking(i)
            if why is None:  # pragma: no cover - the fill runs until nothing more fits
                raise AssertionError(f"candidate {c.id!r} fits but was left out")
            waiting.setdefault(ix.group[i], []).append(i)
        reasons[c.id] = why
    waiting_lists = {
        ix.groups[g]: tuple(cands[i].id for i in sorted(members, key=lambda i: (-ix.value[i], i)))
        for g, members in sorted(waiting.items())
    }
    bound = relaxation.bound if relaxation is not None else None
    gap = max(0.0, (bound - value) / bound) if bound else 0.0
    stats = {"candidates": len(cands), "eligible": sum(1 for e in ix.excluded if not e), "assigned": len(assigned),
             **improvements}
    if relaxation is not None:
        stats.update(lp_rows=relaxation.rows, lp_columns=relaxation.columns, lp_solver=relaxation.solver,
                     lp_optimal=relaxation.optimal)
    stats["timings"]["reasons"] = time.perf_counter() - finishing
    return Result(
        assigned=assigned, value=value, lp_bound=bound, gap=gap, reasons=reasons, waiting_lists=waiting_lists,
        seconds=time.perf_counter() - started, lp_seconds=relaxation.seconds if relaxation else 0.0,
        method=method, stats=stats,
    )

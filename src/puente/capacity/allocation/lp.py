"""The LP relaxation of the optimizer's model, solved with GLOP: a bound and duals.

Same network as the min-cost flow (see solver.py), written as a linear program with the
float weights (no rounding):

    maximize   Σ weight_r · x_r + bonus · Σ b_p
    subject to group g:     Σ_{r in g} x_r − Σ_s y_gs = 0            (dual ψ_g)
               session s:   Σ_g y_gs ≤ capacity_s                    (dual π_s)
               cap p:       Σ_{r in p} x_r ≤ agency cap             (dual κ_p)
               first seat p: b_p − Σ_{r in p} x_r ≤ 0,  0 ≤ b_p ≤ 1
               0 ≤ x_r ≤ seats_r,  y_gs ≥ 0

Its optimum bounds every allocation from above, which is how the tests prove the rounded
integer costs cost (next to) nothing. π_s is what one more seat in session s is worth at the
margin; the planner turns it into predicted gains (planning.py).

Unbounded variables get ``float('inf')``, never a large finite number.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.linear_solver import pywraplp

from .model import Problem
from .solver import Network, build_network, paused_gc

INF = float("inf")


@dataclass(frozen=True)
class LPSolution:
    objective: float
    #: The weighted-seat part of the objective (without the first-seat bonus).
    weighted_seats: float
    #: Seats per request (request index -> value), as solved.
    x: list
    #: Group-to-session flows {(group index, session index): seats}.
    flows: dict
    #: Session-capacity duals by session index.
    session_duals: list
    group_duals: list
    net: Network
    seconds: float


def solve_lp(problem: Problem, *, fairness: bool = True, net: Network | None = None) -> LPSolution:
    with paused_gc():
        return _solve_lp(problem, fairness, net)


def _solve_lp(problem: Problem, fairness: bool, net: Network | None) -> LPSolution:
    started = time.perf_counter()
    if net is None:
        net = build_network(problem, fairness=fairness)
    requests = problem.requests
    # Apart from the objective, no row or variable spans two programs, so the LP is one
    # independent block per program: its optimum is the sum of theirs and its duals are theirs
    # side by side. Small LPs solve much faster than one large one (GLOP's work grows faster
    # than the model), and only one block is in memory at a time.
    blocks: dict = {}
    for i, r in enumerate(requests):
        if net.request_group[i] >= 0:
            blocks.setdefault(r.program_id, ([], []))[0].append(i)
    for g, (program_id, _) in enumerate(net.groups):
        blocks[program_id][1].append(g)

    x = [0.0] * len(requests)
    flows: dict = {}
    session_duals = [0.0] * len(problem.sessions)
    group_duals = [0.0] * len(net.groups)
    objective = weighted = 0.0
    for request_indexes, group_indexes in blocks.values():
        block_objective = _solve_block(net, request_indexes, group_indexes, x, flows, session_duals, group_duals)
        objective += block_objective
        weighted += sum(requests[i].weight * x[i] for i in request_indexes)
    return LPSolution(
        objective=objective, weighted_seats=weighted, x=x, flows=flows, session_duals=session_duals,
        group_duals=group_duals, net=net, seconds=time.perf_counter() - started,
    )


def _solve_block(net: Network, request_indexes, group_indexes, x, flows, session_duals, group_duals) -> float:
    """Solve one program's block; write its values into the shared lists; return its optimum."""
    requests, sessions = net.problem.requests, net.problem.sessions
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:  # pragma: no cover - GLOP ships with every OR-Tools wheel
        raise RuntimeError("OR-Tools GLOP is not available")
    objective = solver.Objective()
    objective.SetMaximization()

    group_rows = {g: solver.Constraint(0.0, 0.0, f"g{g}") for g in group_indexes}
    used = sorted({j for g in group_indexes for j in net.group_sessions[g]})
    session_rows = {j: solver.Constraint(-INF, float(sessions[j].capacity), f"s{j}") for j in used}
    cap_rows: dict = {}
    first_rows: dict = {}

    x_vars = {}
    for i in request_indexes:
        r = requests[i]
        v = solver.NumVar(0.0, float(r.seats), f"x{i}")
        objective.SetCoefficient(v, r.weight)
        group_rows[net.request_group[i]].SetCoefficient(v, 1.0)
        p = net.request_pair[i]
        if p >= 0:
            if net.pair_cap[p] is not None:
                if p not in cap_rows:
                    cap_rows[p] = solver.Constraint(-INF, float(net.pair_cap[p]), f"cap{p}")
                cap_rows[p].SetCoefficient(v, 1.0)
            if net.pair_bonus[p]:
                if p not in first_rows:
                    first_rows[p] = solver.Constraint(-INF, 0.0, f"first{p}")
                first_rows[p].SetCoefficient(v, -1.0)
        x_vars[i] = v
    for p, row in first_rows.items():
        b = solver.NumVar(0.0, 1.0, f"b{p}")
        objective.SetCoefficient(b, net.bonus)
        row.SetCoefficient(b, 1.0)
    y_vars = {}
    for g in group_indexes:
        for j in net.group_sessions[g]:
            v = solver.NumVar(0.0, INF, f"y{g}_{j}")
            group_rows[g].SetCoefficient(v, -1.0)
            session_rows[j].SetCoefficient(v, 1.0)
            y_vars[(g, j)] = v

    status = solver.Solve()
    if status != pywraplp.Solver.OPTIMAL:
        raise RuntimeError(f"GLOP did not solve the allocation LP (status {status})")
    for i, v in x_vars.items():
        x[i] = v.solution_value()
    for key, v in y_vars.items():
        val = v.solution_value()
        if val > 1e-9:
            flows[key] = val
    for j, row in session_rows.items():
        session_duals[j] = max(0.0, row.dual_value())
    for g, row in group_rows.items():
        group_duals[g] = row.dual_value()
    return objective.Value()


def lp_bound(problem: Problem, *, fairness: bool = True) -> float:
    """The LP optimum: no allocation of `problem` scores higher (objective incl. first-seat bonus)."""
    return solve_lp(problem, fairness=fairness).objective

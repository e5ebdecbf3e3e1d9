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
    requests, sessions = problem.requests, problem.sessions
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:  # pragma: no cover - GLOP ships with every OR-Tools wheel
        raise RuntimeError("OR-Tools GLOP is not available")
    objective = solver.Objective()
    objective.SetMaximization()

    group_rows = [solver.Constraint(0.0, 0.0, f"g{g}") for g in range(len(net.groups))]
    used = sorted({j for js in net.group_sessions for j in js})
    session_rows = {j: solver.Constraint(-INF, float(sessions[j].capacity), f"s{j}") for j in used}
    cap_rows = [
        solver.Constraint(-INF, float(cap), f"cap{p}") if cap is not None else None
        for p, cap in enumerate(net.pair_cap)
    ]
    first_rows = [solver.Constraint(-INF, 0.0, f"first{p}") if earns else None for p, earns in enumerate(net.pair_bonus)]

    x_vars = {}
    for i, r in enumerate(requests):
        g = net.request_group[i]
        if g < 0:
            continue
        v = solver.NumVar(0.0, float(r.seats), f"x{i}")
        objective.SetCoefficient(v, r.weight)
        group_rows[g].SetCoefficient(v, 1.0)
        p = net.request_pair[i]
        if p >= 0:
            if cap_rows[p] is not None:
                cap_rows[p].SetCoefficient(v, 1.0)
            if first_rows[p] is not None:
                first_rows[p].SetCoefficient(v, -1.0)
        x_vars[i] = v
    for p, row in enumerate(first_rows):
        if row is not None:
            b = solver.NumVar(0.0, 1.0, f"b{p}")
            objective.SetCoefficient(b, net.bonus)
            row.SetCoefficient(b, 1.0)
    y_vars = {}
    for g, js in enumerate(net.group_sessions):
        for j in js:
            v = solver.NumVar(0.0, INF, f"y{g}_{j}")
            group_rows[g].SetCoefficient(v, -1.0)
            session_rows[j].SetCoefficient(v, 1.0)
            y_vars[(g, j)] = v

    status = solver.Solve()
    if status != pywraplp.Solver.OPTIMAL:
        raise RuntimeError(f"GLOP did not solve the allocation LP (status {status})")
    x = [0.0] * len(requests)
    weighted = 0.0
    for i, v in x_vars.items():
        x[i] = v.solution_value()
        weighted += requests[i].weight * x[i]
    flows = {}
    for key, v in y_vars.items():
        val = v.solution_value()
        if val > 1e-9:
            flows[key] = val
    duals = [0.0] * len(sessions)
    for j, row in session_rows.items():
        duals[j] = max(0.0, row.dual_value())
    return LPSolution(
        objective=objective.Value(), weighted_seats=weighted, x=x, flows=flows, session_duals=duals,
        group_duals=[row.dual_value() for row in group_rows], net=net, seconds=time.perf_counter() - started,
    )


def lp_bound(problem: Problem, *, fairness: bool = True) -> float:
    """The LP optimum: no allocation of `problem` scores higher (objective incl. first-seat bonus)."""
    return solve_lp(problem, fairness=fairness).objective

"""Seat allocation, the pure core: no Django here; the capacity app adapts data in and out.

Given training requests (each with a threat weight) and sessions (each with seats), the
optimizer hands out seats to maximize threat-weighted seats filled, under session capacity,
each request's preferred months and sites, and two fairness rules: every agency's first seat
in each critical program it asked for comes first, and no agency takes more than a share of
a program's seats. A first-come baseline allocates the same input the way it is done today,
so every figure can be compared; the planner says where one more session or instructor-day
pays most.

    problem = Problem.build(agencies=..., programs=..., sessions=..., requests=..., rules=Rules())
    result = solve(problem)          # the optimizer (min-cost flow, exact)
    today = first_come(problem)      # the baseline
    compare(problem, result, today)  # service rates, shares by weight class, ...
    plan(problem)                    # ranked extra sessions and instructor-days
"""
from .baseline import first_come
from .instance_io import InstanceError, read_instance, write_instance
from .lp import LPSolution, lp_bound, solve_lp
from .metrics import compare, metrics, shares_by_class
from .model import (
    FAIRNESS_CAP,
    LOWER_PRIORITY,
    NO_SESSION,
    PROGRAM_FULL,
    REASON_CODES,
    Agency,
    Problem,
    ProblemError,
    Program,
    Reason,
    Request,
    Result,
    Rules,
    RulesError,
    Session,
    Uncovered,
)
from .planning import Candidate, Plan, Planner, WhatIf, plan, what_if
from .solver import solve
from .synthetic import SCALES, generate

__all__ = [
    "FAIRNESS_CAP", "LOWER_PRIORITY", "NO_SESSION", "PROGRAM_FULL", "REASON_CODES",
    "Agency", "Candidate", "InstanceError", "LPSolution", "Plan", "Planner", "Problem", "ProblemError",
    "Program", "Reason", "Request", "Result", "Rules", "RulesError", "SCALES", "Session", "Uncovered",
    "WhatIf", "compare", "first_come", "generate", "lp_bound", "metrics", "plan", "read_instance",
    "shares_by_class", "solve", "solve_lp", "what_if", "write_instance",
]

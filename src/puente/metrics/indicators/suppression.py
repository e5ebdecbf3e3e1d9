"""Small-cell suppression for published tables: no suppressed count can be recovered.

A table is its cells (every published count, margins included) and the equations that tie
them: ``total = sum(parts)`` for every row and column margin and for every level of a drill-down
(a country is the sum of its levels, a level the sum of its states). A cell counting fewer than
`k` people is suppressed (primary suppression). Then, for every equation with exactly one
suppressed member, the smallest other member is suppressed too, to a fixpoint (complementary
suppression). Last, an audit bounds every suppressed cell with a linear program (the published
cells, the equations, counts ≥ 0) and suppresses more wherever a cell's interval is narrower
than `min_width`, i.e. pinned to one value; the loop ends because every pass suppresses more.
No Django here.
"""
from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

Key = Hashable


@dataclass(frozen=True)
class Table:
    """Counts by cell and the equations ``(total, parts)`` that published margins satisfy."""

    cells: Mapping[Key, float]
    equations: Sequence[tuple[Key, Sequence[Key]]]

    def lines(self):
        """Each equation as the set of its members (total and parts)."""
        return [(total, *parts) for total, parts in self.equations]


def primary(table: Table, k: int, safe_zeros: bool = False) -> set:
    """The cells counting fewer than `k`: zeros included (a published zero says nobody), unless
    `safe_zeros` (a group nobody answered in, say, has nothing to protect)."""
    return {key for key, value in table.cells.items() if value < k and not (safe_zeros and value == 0)}


def _order(table: Table, key) -> tuple:
    """Which member to suppress first: the smallest non-zero count (a second zero would let
    nonnegativity pin both), then a stable order."""
    value = table.cells[key]
    return (value == 0, value, repr(key))


def complementary(table: Table, suppressed: set) -> set:
    """Suppress more until no equation has exactly one suppressed member."""
    suppressed = set(suppressed)
    changed = True
    while changed:
        changed = False
        for line in table.lines():
            hidden = [key for key in line if key in suppressed]
            if len(hidden) != 1:
                continue
            candidates = [key for key in line if key not in suppressed]
            if candidates:
                suppressed.add(min(candidates, key=lambda key: _order(table, key)))
                changed = True
    return suppressed


def intervals(table: Table, suppressed: set) -> dict:
    """The least and greatest value each suppressed cell can take given what is published."""
    from ortools.linear_solver import pywraplp

    hidden = sorted(suppressed, key=repr)
    if not hidden:
        return {}
    solver = pywraplp.Solver.CreateSolver("GLOP")
    # A finite ceiling far above any count: GLOP may call an unbounded problem infeasible, and
    # a cell that reaches the ceiling is as good as unbounded.
    ceiling = 10 * (sum(abs(value) for value in table.cells.values()) + 1)
    variables = {key: solver.NumVar(0, ceiling, f"x{index}") for index, key in enumerate(hidden)}
    for total, parts in table.equations:
        terms = [(total, 1.0)] + [(part, -1.0) for part in parts]
        if not any(key in variables for key, _sign in terms):
            continue
        known = sum(sign * table.cells[key] for key, sign in terms if key not in variables)
        constraint = solver.Constraint(-known, -known)
        for key, sign in terms:
            if key in variables:
                constraint.SetCoefficient(variables[key], constraint.GetCoefficient(variables[key]) + sign)
    bounds = {}
    objective = solver.Objective()
    for key in hidden:
        ends = []
        for maximize in (False, True):
            objective.Clear()
            objective.SetCoefficient(variables[key], 1)
            objective.SetOptimizationDirection(maximize)
            status = solver.Solve()
            if status == pywraplp.Solver.OPTIMAL:
                ends.append(math.inf if objective.Value() >= ceiling - 0.5 else objective.Value())
            else:
                raise ValueError(f"the published table is inconsistent (solver status {status})")
        bounds[key] = (ends[0], ends[1])
    return bounds


def exposed(table: Table, suppressed: set, min_width: float = 1.0) -> set:
    """Suppressed cells an attacker can bound tighter than `min_width`."""
    return {key for key, (low, high) in intervals(table, suppressed).items() if high - low < min_width}


def _widen(tables: Sequence[Table], suppressed: set, pinned: set) -> set:
    """One more suppressed cell per pinned cell: the smallest published member of its lines,
    or the smallest published cell of the table when its lines are all suppressed."""
    suppressed = set(suppressed)
    for key in sorted(pinned, key=repr):
        for table in tables:
            if key not in table.cells:
                continue
            near = {member for line in table.lines() if key in line for member in line} - suppressed
            pool = near or (set(table.cells) - suppressed)
            if pool:
                suppressed.add(min(pool, key=lambda member: _order(table, member)))
                break
    return suppressed


def protect(tables: Sequence[Table], k: int, min_width: float = 1.0, safe_zeros: bool = False) -> set:
    """The cells to suppress in every one of `tables` (which share their keys, e.g. seats
    requested and seats filled of the same rows and columns) so that none can be recovered."""
    suppressed: set = set()
    for table in tables:
        suppressed |= primary(table, k, safe_zeros)
    while True:
        # Suppressing more only widens what an attacker can say, so the union stays safe.
        for table in tables:
            suppressed = complementary(table, suppressed)
        pinned = set()
        for table in tables:
            pinned |= exposed(table, suppressed & set(table.cells), min_width)
        if not pinned:
            return suppressed
        widened = _widen(tables, suppressed, pinned)
        if widened == suppressed:
            return suppressed  # everything is suppressed already
        suppressed = widened

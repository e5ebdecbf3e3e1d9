"""An attacker who knows every published cell and that the margins are sums: scipy's LP bounds
each suppressed cell (counts are ≥ 0). Written apart from the suppression code on purpose."""
import numpy as np
from scipy.optimize import linprog


def bounds(cells: dict, equations: list, suppressed: set) -> dict:
    """{cell: (least, greatest)} for every suppressed cell, from the published ones."""
    hidden = sorted(suppressed, key=repr)
    index = {key: i for i, key in enumerate(hidden)}
    rows, rhs = [], []
    for total, parts in equations:
        row = np.zeros(len(hidden))
        known = 0.0
        for key, sign in [(total, 1.0)] + [(part, -1.0) for part in parts]:
            if key in index:
                row[index[key]] += sign
            else:
                known += sign * cells[key]
        if row.any():
            rows.append(row)
            rhs.append(-known)
        else:
            assert abs(known) < 1e-9, "the published cells contradict the margins"
    found = {}
    for key in hidden:
        c = np.zeros(len(hidden))
        c[index[key]] = 1
        ends = []
        for sign in (1, -1):
            result = linprog(sign * c, A_eq=np.array(rows) if rows else None, b_eq=rhs or None, bounds=[(0, None)] * len(hidden), method="highs")
            ends.append(sign * result.fun if result.status == 0 else (np.inf if result.status == 3 else None))
        found[key] = tuple(ends)
    return found


def single_unknowns(equations: list, suppressed: set) -> set:
    """Cells recoverable by subtraction: the only suppressed member of some equation."""
    found = set()
    for total, parts in equations:
        hidden = [key for key in (total, *parts) if key in suppressed]
        if len(hidden) == 1:
            found.add(hidden[0])
    return found


def recovered(cells: dict, equations: list, suppressed: set, min_width: float = 1.0) -> dict:
    """Suppressed cells the attacker pins down (interval narrower than `min_width`)."""
    assert not single_unknowns(equations, suppressed)
    return {key: ends for key, ends in bounds(cells, equations, suppressed).items() if ends[1] - ends[0] < min_width}

"""When a unit counts as trained: the first month a chosen share of its officers have completed."""
import numpy as np

from .did import NEVER


def first_treated_month(unit: np.ndarray, start: np.ndarray, end: np.ndarray, completed: np.ndarray,
                        n_units: int, n_months: int, threshold: float) -> np.ndarray:
    """For each unit, the first month index at which `threshold` of its officers then assigned are trained.

    One entry per assignment of an officer to a unit: `unit` index, `start` and `end` month
    indexes (inclusive; -inf and inf when open), and `completed`, the month index in which
    that officer completed the program (inf if never). Treatment is absorbing: once reached,
    a unit stays treated even if trained officers later leave. Units never reaching the
    threshold within the months, or with no officers at all, get NEVER.
    """
    months = np.arange(n_months)[None, :]
    active = (np.asarray(start, float)[:, None] <= months) & (months <= np.asarray(end, float)[:, None])
    trained = active & (np.asarray(completed, float)[:, None] <= months)
    staff = np.zeros((n_units, n_months))
    done = np.zeros((n_units, n_months))
    np.add.at(staff, np.asarray(unit, int), active)
    np.add.at(done, np.asarray(unit, int), trained)
    with np.errstate(invalid="ignore", divide="ignore"):
        reached = (staff > 0) & (done / np.where(staff > 0, staff, 1) >= threshold)
    first = np.full(n_units, NEVER)
    hit = reached.any(axis=1)
    first[hit] = reached[hit].argmax(axis=1)
    return first

"""Small-cell suppression: primary, complementary and audited, then attacked with an LP."""
import random

import pytest

from puente.metrics.indicators.suppression import Table, complementary, intervals, primary, protect

from .attack import bounds, recovered

T = "T"


def grid(values: list[list[int]]) -> Table:
    """A two-way table with row, column and grand totals."""
    cells = {}
    for r, line in enumerate(values):
        for c, value in enumerate(line):
            cells[(r, c)] = value
    rows, cols = range(len(values)), range(len(values[0]))
    for r in rows:
        cells[(r, T)] = sum(values[r])
    for c in cols:
        cells[(T, c)] = sum(values[r][c] for r in rows)
    cells[(T, T)] = sum(cells[(r, T)] for r in rows)
    equations = [((r, T), [(r, c) for c in cols]) for r in rows] + [((T, c), [(r, c) for r in rows]) for c in cols]
    equations += [((T, T), [(T, c) for c in cols]), ((T, T), [(r, T) for r in rows])]
    return Table(cells, equations)


def tree(rng, columns=3) -> Table:
    """A three-level drill-down (country → level → state) over a few year columns."""
    leaves = [(country, level, state) for country in range(2) for level in range(rng.randint(1, 3)) for state in range(rng.randint(1, 4))]
    cells, equations = {}, []
    for year in range(columns):
        for leaf in leaves:
            cells[(leaf, year)] = rng.choice([0, 1, 3, 7, 12, 25, 40, 90, 300])
        for depth in (2, 1, 0):
            for parent in {leaf[:depth] for leaf in leaves}:
                kids = sorted({leaf[:depth + 1] for leaf in leaves if leaf[:depth] == parent})
                cells[(parent, year)] = sum(cells[(kid, year)] for kid in kids)
                equations.append(((parent, year), [(kid, year) for kid in kids]))
    return Table(cells, equations)


def test_primary_suppression_takes_every_cell_under_k():
    table = grid([[3, 20], [30, 40]])
    assert primary(table, 10) == {(0, 0)}


def test_one_small_cell_takes_a_partner_in_its_row_and_column():
    table = grid([[3, 20, 50], [30, 40, 60], [35, 45, 70]])
    hidden = protect([table], 10)
    assert (0, 0) in hidden and len(hidden) >= 4
    assert not recovered(table.cells, table.equations, hidden)
    low, high = bounds(table.cells, table.equations, hidden)[(0, 0)]
    assert low <= 3 <= high and high - low >= 1


def test_complementary_alone_leaves_no_line_with_a_single_unknown():
    table = grid([[3, 20, 50], [30, 4, 60]])
    hidden = complementary(table, primary(table, 10))
    for total, parts in table.equations:
        assert sum(key in hidden for key in (total, *parts)) != 1


def test_a_second_zero_is_not_chosen_as_partner():
    # Two hidden zeros in a line would sum to zero and pin each other at zero.
    table = grid([[0, 0, 50], [30, 40, 60]])
    hidden = protect([table], 1)
    assert not recovered(table.cells, table.equations, hidden)


def test_the_audit_catches_what_the_line_rule_misses():
    # Two blocks of suppressed cells joined through the margins: each line has two unknowns,
    # yet the cells can be pinned. The audit must suppress more.
    table = grid([[2, 3, 50, 60], [4, 5, 70, 80], [40, 50, 6, 7], [60, 70, 8, 9]])
    hidden = protect([table], 10)
    assert not recovered(table.cells, table.equations, hidden)
    ours = intervals(table, hidden)
    theirs = bounds(table.cells, table.equations, hidden)
    for key in hidden:
        assert ours[key][0] == pytest.approx(theirs[key][0], abs=1e-6)


def test_tables_sharing_keys_are_protected_together():
    requested = grid([[30, 20, 50], [30, 40, 60], [35, 45, 70]])
    filled = grid([[3, 15, 40], [25, 30, 50], [30, 40, 60]])
    hidden = protect([requested, filled], 10)
    for table in (requested, filled):
        assert not recovered(table.cells, table.equations, hidden)


@pytest.mark.parametrize("seed", range(40))
def test_no_random_two_way_table_gives_a_cell_away(seed):
    rng = random.Random(seed)
    values = [[rng.choice([0, 1, 2, 5, 9, 11, 15, 30, 80, 200]) for _ in range(rng.randint(2, 6))]]
    values += [[rng.choice([0, 1, 2, 5, 9, 11, 15, 30, 80, 200]) for _ in values[0]] for _ in range(rng.randint(1, 5))]
    table = grid(values)
    hidden = protect([table], 10)
    assert primary(table, 10) <= hidden
    assert not recovered(table.cells, table.equations, hidden)


@pytest.mark.parametrize("seed", range(25))
def test_no_random_drill_down_gives_a_cell_away(seed):
    table = tree(random.Random(seed))
    hidden = protect([table], 10)
    assert primary(table, 10) <= hidden
    assert not recovered(table.cells, table.equations, hidden)


def test_safe_zeros_leave_empty_groups_alone():
    table = Table({"total": 12, "a": 0, "b": 9, "c": 3}, [("total", ["a", "b", "c"])])
    assert protect([table], 5) >= {"a", "c"}
    # A group nobody counts in has nothing to protect; the small one still takes a partner with it.
    assert protect([table], 5, safe_zeros=True) == {"c", "b"}

"""The pure indicator core: shares, means and suppression that cannot be undone by subtraction."""
import itertools

from puente.surveys.tally import Tally, hidden, share, summarize


def t(key, responses, satisfied=None, invited=None, overall=None):
    satisfied = responses if satisfied is None else satisfied
    return Tally(key, str(key), invited if invited is not None else responses, responses, satisfied,
                 {"overall": overall if overall is not None else 5 * responses})


def test_shares_rates_and_means():
    rows, total = summarize([t("a", 10, satisfied=9, invited=20, overall=42), t("b", 40, satisfied=40, invited=40)], 5)
    a = rows[0]
    assert (a.responses, a.satisfied_share, a.response_rate, a.means["overall"]) == (10, 0.9, 0.5, 4.2)
    assert total.responses == 50 and total.satisfied_share == 49 / 50 and total.response_rate == 50 / 60
    assert share(0, 0) is None


def test_small_groups_show_no_counts_but_their_invitations():
    rows, total = summarize([t("a", 4, invited=10), t("b", 1), t("c", 30)], 5)
    assert [r.suppressed for r in rows] == [True, True, False]
    assert rows[0].invited == 10
    assert all(value is None for value in (rows[0].responses, rows[0].satisfied_share, rows[0].means, rows[0].response_rate))
    assert not total.suppressed


def test_a_lone_small_group_takes_the_next_smallest_with_it():
    assert hidden([t("a", 3), t("b", 50), t("c", 8), t("d", 9)], 5) == {"a", "c"}


def test_hidden_groups_together_reach_the_minimum():
    assert hidden([t("a", 1), t("b", 1), t("c", 6), t("d", 20)], 5) == {"a", "b", "c"}


def test_groups_nobody_answered_in_show_their_zero_and_protect_nothing():
    rows, total = summarize([t("a", 0, invited=4), t("b", 30)], 5)
    assert [(r.suppressed, r.responses, r.response_rate) for r in rows] == [(False, 0, 0.0), (False, 30, 1.0)]
    assert rows[0].satisfied_share is None
    assert hidden([t("a", 0), t("b", 2), t("c", 30), t("d", 40)], 5) == {"b", "c"}
    assert not summarize([t("a", 0)], 5)[1].suppressed


def test_everything_hidden_when_the_whole_table_is_small():
    rows, total = summarize([t("a", 2), t("b", 2)], 5)
    assert all(r.suppressed for r in rows) and total.suppressed


def test_no_hidden_cell_can_be_recovered_from_the_total():
    """Whatever the table, the shown rows and the total never pin down a hidden group's count."""
    for sizes in itertools.product([0, 1, 3, 5, 7, 12], repeat=4):
        tallies = [t(i, n) for i, n in enumerate(sizes)]
        rows, total = summarize(tallies, 5)
        hidden_rows = [r for r in rows if r.suppressed]
        if total.suppressed or not hidden_rows:
            continue
        assert len(hidden_rows) >= 2, sizes
        assert total.responses - sum(r.responses for r in rows if not r.suppressed) >= 5, sizes

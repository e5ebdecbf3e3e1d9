"""The rules engine alone: no database, no Django."""
import datetime
import random
import subprocess
import sys

import pytest

from puente.credentials.rules import (
    Fact, Requirement, Rules, RulesError, Status, anniversary, earliest_valid_start, evaluate, last_valid_day, renewal_opens,
)

D = datetime.date
CUP = Rules(
    requirements=(
        Requirement("vetting:trust"),
        Requirement("program:MX-FI"),
        Requirement("evaluation:basic_competencies", 36),
        Requirement("evaluation:performance", 36),
    ),
    validity_months=36,
    renewal_window_months=6,
)


def cup_facts(on: D, vetting_until: D | None = None) -> list[Fact]:
    return [
        Fact("vetting:trust", on, vetting_until or last_valid_day(on, 36)),
        Fact("program:MX-FI", D(2015, 6, 30)),
        Fact("evaluation:basic_competencies", on),
        Fact("evaluation:performance", on),
    ]


def test_the_package_imports_no_django():
    code = "import sys, puente.credentials.rules; assert not any(m.startswith('django') for m in sys.modules), 'django imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("day, months, expected", [
    (D(2021, 3, 31), 36, D(2024, 3, 31)),
    (D(2021, 1, 31), 1, D(2021, 3, 1)),  # no 31 February: the first of March
    (D(2020, 1, 31), 1, D(2020, 3, 1)),  # no 31 February in a leap year either
    (D(2020, 2, 29), 12, D(2021, 3, 1)),  # a leap day's anniversary in a common year
    (D(2020, 2, 29), 48, D(2024, 2, 29)),  # ... and in the next leap year
    (D(2021, 12, 15), 1, D(2022, 1, 15)),
    (D(2022, 1, 15), -1, D(2021, 12, 15)),
    (D(2024, 8, 31), -6, D(2024, 3, 1)),  # back into a short month
])
def test_anniversary(day, months, expected):
    assert anniversary(day, months) == expected


def test_last_valid_day_gives_full_months():
    assert last_valid_day(D(2021, 4, 1), 36) == D(2024, 3, 31)
    assert last_valid_day(D(2020, 2, 29), 12) == D(2021, 2, 28)
    assert last_valid_day(D(2023, 2, 28), 12) == D(2024, 2, 27)
    assert last_valid_day(D(2023, 3, 1), 12) == D(2024, 2, 29)


def test_earliest_valid_start_matches_brute_force():
    for on_date in [D(2024, 3, 31), D(2024, 2, 29), D(2024, 3, 1), D(2023, 2, 28), D(2025, 12, 31), D(2024, 1, 31)]:
        for months in (1, 6, 12, 36, 48):
            start = earliest_valid_start(on_date, months)
            assert last_valid_day(start, months) >= on_date
            assert last_valid_day(start - datetime.timedelta(days=1), months) < on_date
            # every later fact dated up to on_date is valid too
            for offset in range(0, 40):
                day = start + datetime.timedelta(days=offset)
                if day <= on_date:
                    assert last_valid_day(day, months) >= on_date


def test_renewal_opens_months_before_expiry():
    assert renewal_opens(D(2024, 9, 30), 6) == D(2024, 4, 1)
    assert renewal_opens(D(2024, 3, 31), 6) == D(2023, 10, 1)
    assert renewal_opens(D(2024, 8, 30), 6) == D(2024, 3, 1)  # 31 February rolls to 1 March


def test_current_with_every_component():
    result = evaluate(CUP, cup_facts(D(2022, 1, 10)), D(2024, 3, 31))
    assert result.status == Status.CURRENT and result.covered
    assert result.valid_until == D(2025, 1, 9)
    assert result.renewal_opens == D(2024, 7, 10)
    assert not result.missing and not result.lapsed


def test_renewal_window_boundaries():
    facts = cup_facts(D(2022, 1, 10))
    assert evaluate(CUP, facts, D(2024, 7, 9)).status == Status.CURRENT
    assert evaluate(CUP, facts, D(2024, 7, 10)).status == Status.EXPIRING  # the window's first day
    expiring = evaluate(CUP, facts, D(2025, 1, 9))  # the last valid day
    assert expiring.status == Status.EXPIRING and expiring.covered
    expired = evaluate(CUP, facts, D(2025, 1, 10))  # the day after
    assert expired.status == Status.EXPIRED and not expired.covered
    assert expired.valid_until == D(2025, 1, 9)


def test_leap_day_facts():
    facts = cup_facts(D(2020, 2, 29))
    assert evaluate(CUP, facts, D(2023, 2, 28)).status == Status.EXPIRING
    assert evaluate(CUP, facts, D(2023, 2, 28)).valid_until == D(2023, 2, 28)
    assert evaluate(CUP, facts, D(2023, 3, 1)).status == Status.EXPIRED
    yearly = Rules((Requirement("evaluation:performance", 12),), validity_months=48, renewal_window_months=1)
    one = [Fact("evaluation:performance", D(2024, 2, 29))]
    assert evaluate(yearly, one, D(2025, 2, 28)).status == Status.EXPIRING
    result = evaluate(yearly, one, D(2025, 3, 1))
    assert result.status == Status.INCOMPLETE and result.lapsed == ("evaluation:performance",)


def test_missing_component_is_incomplete_and_named():
    facts = [fact for fact in cup_facts(D(2023, 5, 5)) if fact.key != "evaluation:performance"]
    result = evaluate(CUP, facts, D(2024, 3, 31))
    assert result.status == Status.INCOMPLETE and result.missing == ("evaluation:performance",)
    assert result.components[3].missing and result.valid_until is None


def test_lapsed_component_is_incomplete_with_its_date():
    facts = cup_facts(D(2023, 5, 5), vetting_until=D(2024, 1, 31))
    result = evaluate(CUP, facts, D(2024, 3, 31))
    assert result.status == Status.INCOMPLETE and result.lapsed == ("vetting:trust",)
    assert result.components[0].valid_until == D(2024, 1, 31) and result.components[0].lapsed
    assert evaluate(CUP, facts, D(2024, 1, 31)).status == Status.EXPIRING  # its last day still counts


def test_everything_old_is_expired():
    result = evaluate(CUP, cup_facts(D(2019, 5, 5)), D(2024, 3, 31))
    assert result.status == Status.EXPIRED and set(result.lapsed) == {"vetting:trust", "evaluation:basic_competencies", "evaluation:performance"}


def test_facts_after_the_date_do_not_count():
    facts = cup_facts(D(2024, 4, 1))
    assert evaluate(CUP, facts, D(2024, 3, 31)).status == Status.INCOMPLETE
    assert evaluate(CUP, facts, D(2024, 4, 1)).status == Status.CURRENT


def test_the_best_fact_wins_and_a_newer_one_renews():
    facts = cup_facts(D(2021, 6, 1)) + [Fact("evaluation:performance", D(2023, 6, 1))]
    result = evaluate(CUP, facts, D(2024, 3, 31))
    assert result.components[3].fact.on == D(2023, 6, 1)
    assert result.valid_until == D(2024, 5, 31)  # the oldest component still bounds it


def test_vetting_own_expiry_bounds_the_component():
    rules = Rules((Requirement("vetting:trust", 12),), validity_months=36)
    fact = Fact("vetting:trust", D(2023, 1, 1), D(2025, 12, 31))
    assert evaluate(rules, [fact], D(2023, 12, 31)).valid_until == D(2023, 12, 31)
    assert evaluate(rules, [fact], D(2024, 1, 1)).status == Status.INCOMPLETE


def test_own_validity_from_issue_date():
    rules = Rules((Requirement("program:MX-FI"),), validity_months=12, renewal_window_months=2)
    facts = [Fact("program:MX-FI", D(2020, 1, 1))]
    assert evaluate(rules, facts, D(2020, 6, 1)).status == Status.CURRENT
    assert evaluate(rules, facts, D(2021, 1, 1)).status == Status.EXPIRED  # never lapses, but the credential does
    issued = evaluate(rules, facts, D(2021, 6, 1), issued_on=D(2021, 3, 1))
    assert issued.status == Status.CURRENT and issued.valid_until == D(2022, 2, 28) and issued.basis == D(2021, 3, 1)


def test_facts_of_other_credentials_are_ignored():
    rules = Rules((Requirement("evaluation:firearms", 12),), validity_months=12)
    result = evaluate(rules, [Fact("evaluation:performance", D(2024, 1, 1))], D(2024, 3, 1))
    assert result.status == Status.INCOMPLETE and result.missing == ("evaluation:firearms",)


@pytest.mark.parametrize("build, message", [
    (lambda: Rules((), validity_months=36), "at least one component"),
    (lambda: Rules((Requirement(""),), validity_months=36), "must reference"),
    (lambda: Rules((Requirement("a"), Requirement("a")), validity_months=36), "twice"),
    (lambda: Rules((Requirement("a"),), validity_months=0), "at least one month"),
    (lambda: Rules((Requirement("a"),), validity_months=6, renewal_window_months=6), "shorter"),
    (lambda: Requirement("a", 0), "at least one month"),
])
def test_rules_that_reference_nothing_or_make_no_sense_are_refused(build, message):
    with pytest.raises(RulesError, match=message):
        build()


def test_covered_matches_a_set_based_reading():
    """What set-based counts compute: every component has a fact in its window, and one fact in the credential's."""
    rng = random.Random(7)
    on_date = D(2024, 3, 31)
    for _ in range(3000):
        facts = []
        for requirement in CUP.requirements:
            for _ in range(rng.randint(0, 2)):
                day = on_date - datetime.timedelta(days=rng.randint(-30, 5 * 365))
                until = day + datetime.timedelta(days=rng.randint(0, 4 * 365)) if requirement.key.startswith("vetting") else None
                facts.append(Fact(requirement.key, day, until))
        expected = all(
            any(
                f.key == r.key and f.on <= on_date
                and (r.validity_months is None or f.on >= earliest_valid_start(on_date, r.validity_months))
                and (f.until is None or f.until >= on_date)
                for f in facts
            )
            for r in CUP.requirements
        ) and any(earliest_valid_start(on_date, CUP.validity_months) <= f.on <= on_date for f in facts)
        assert evaluate(CUP, facts, on_date).covered == expected

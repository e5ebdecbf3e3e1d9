"""Phase order and deadlines (pure)."""
import datetime

from puente.accreditation import phases

day = datetime.date


def test_order_and_closed_phases():
    assert phases.next_phase(phases.ENROLLMENT) == phases.SELF_ASSESSMENT
    assert phases.next_phase(phases.COMMISSION) == phases.ACCREDITED
    assert phases.next_phase(phases.ANNUAL_3) == phases.REACCREDITATION
    assert phases.next_phase(phases.WITHDRAWN) is None and phases.next_phase(phases.REACCREDITED) is None


def test_self_assessment_deadline_by_program_type():
    start = day(2022, 1, 31)
    assert phases.deadline(phases.SELF_ASSESSMENT, "law_enforcement", start, None) == day(2025, 1, 31)
    assert phases.deadline(phases.SELF_ASSESSMENT, "training_academy", start, None) == day(2024, 1, 31)
    assert phases.deadline(phases.SELF_ASSESSMENT, "communications_center", start, None) == day(2024, 1, 31)


def test_annual_review_deadlines_follow_the_accreditation_date():
    accredited = day(2020, 5, 10)
    assert phases.deadline(phases.ACCREDITED, "law_enforcement", accredited, accredited) == day(2021, 5, 10)
    assert phases.deadline(phases.ANNUAL_1, "law_enforcement", day(2021, 5, 1), accredited) == day(2022, 5, 10)
    assert phases.deadline(phases.ANNUAL_3, "law_enforcement", day(2023, 5, 1), accredited) == day(2023, 8, 10)
    assert phases.deadline(phases.REACCREDITATION, "law_enforcement", day(2023, 8, 1), accredited) == day(2024, 5, 10)
    assert phases.deadline(phases.WITHDRAWN, "law_enforcement", day(2023, 8, 1), accredited) is None


def test_month_arithmetic_keeps_short_months():
    assert phases.add_months(day(2023, 1, 31), 1) == day(2023, 2, 28)
    assert phases.add_months(day(2024, 2, 29), 12) == day(2025, 2, 28)
    assert phases.period_of(phases.SELF_ASSESSMENT) == 0 and phases.period_of(phases.ANNUAL_2) == 2

"""The phases of an accreditation cycle, their order and their deadlines (no Django import).

A cycle moves one phase at a time along ORDER; it may leave for WITHDRAWN or REMOVED from
any open phase. Deadlines say when a cycle must have moved on:

- enrollment: start the self-assessment within 3 months;
- self-assessment: 24 months for training academies and communications centers, 36 for law
  enforcement agencies, counted from the day it started;
- remote file review and on-site assessment: 3 months each; commission review: 6 months;
- accredited: the year-1 annual review opens by the first anniversary of accreditation;
- annual review year k (opened on the k-th anniversary): the next review opens by the next
  anniversary; after year 3 the reaccreditation opens within three months;
- reaccreditation (year 4): decided before the accreditation expires, 48 months after it.

Proofs belong to a period: 0 for the initial assessment, 1–3 for the annual reviews, 4 for
reaccreditation.
"""
import datetime

ENROLLMENT = "enrollment"
SELF_ASSESSMENT = "self_assessment"
REMOTE_REVIEW = "remote_review"
ONSITE = "onsite"
COMMISSION = "commission"
ACCREDITED = "accredited"
ANNUAL_1 = "annual_1"
ANNUAL_2 = "annual_2"
ANNUAL_3 = "annual_3"
REACCREDITATION = "reaccreditation"
REACCREDITED = "reaccredited"
WITHDRAWN = "withdrawn"
REMOVED = "removed"

ORDER = [
    ENROLLMENT, SELF_ASSESSMENT, REMOTE_REVIEW, ONSITE, COMMISSION, ACCREDITED,
    ANNUAL_1, ANNUAL_2, ANNUAL_3, REACCREDITATION, REACCREDITED,
]
CLOSED = {WITHDRAWN, REMOVED, REACCREDITED}
ACCREDITED_PHASES = {ACCREDITED, ANNUAL_1, ANNUAL_2, ANNUAL_3, REACCREDITATION, REACCREDITED}

LAW_ENFORCEMENT = "law_enforcement"
SELF_ASSESSMENT_MONTHS = {LAW_ENFORCEMENT: 36}
DEFAULT_SELF_ASSESSMENT_MONTHS = 24

PERIOD_OF_PHASE = {
    ACCREDITED: 1, ANNUAL_1: 1, ANNUAL_2: 2, ANNUAL_3: 3, REACCREDITATION: 4, REACCREDITED: 4,
}
PERIODS = (0, 1, 2, 3, 4)


def next_phase(phase: str) -> str | None:
    """The phase after `phase`, or None when the cycle is closed or at its end."""
    if phase in CLOSED or phase not in ORDER:
        return None
    index = ORDER.index(phase)
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def is_open(phase: str) -> bool:
    return phase not in CLOSED


def period_of(phase: str) -> int:
    """The proof period a phase collects proofs for."""
    return PERIOD_OF_PHASE.get(phase, 0)


def self_assessment_months(program_type: str) -> int:
    return SELF_ASSESSMENT_MONTHS.get(program_type, DEFAULT_SELF_ASSESSMENT_MONTHS)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def deadline(phase: str, program_type: str, since: datetime.date, accredited_on: datetime.date | None) -> datetime.date | None:
    """When a cycle in `phase` (entered on `since`) must have moved on; None when closed."""
    if phase in CLOSED:
        return None
    if phase == SELF_ASSESSMENT:
        return add_months(since, self_assessment_months(program_type))
    if phase in (ENROLLMENT, REMOTE_REVIEW, ONSITE):
        return add_months(since, 3)
    if phase == COMMISSION:
        return add_months(since, 6)
    base = accredited_on or since
    if phase == ACCREDITED:
        return add_months(base, 12)
    if phase in (ANNUAL_1, ANNUAL_2):
        return add_months(base, 12 * (int(phase[-1]) + 1))
    if phase == ANNUAL_3:
        return add_months(base, 39)
    return add_months(base, 48)  # reaccreditation


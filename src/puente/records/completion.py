"""Completion rules (pure: no Django import): did an attended enrollment earn the program?

A program asks for a minimum share of session days attended and a set of assessment kinds
passed. Late counts as attended; excused days leave the denominator (an officer excused for
a court date is not penalised), but at least one day must have been attended. An assessment
kind is passed when any attempt within the allowed attempts scored at or above its pass mark.
"""
from dataclasses import dataclass, field
from decimal import Decimal

PRESENT, LATE, ABSENT, EXCUSED = "present", "late", "absent", "excused"
ATTENDING = frozenset({PRESENT, LATE})


@dataclass(frozen=True)
class Rule:
    min_attendance_percent: int = 80
    required_kinds: tuple[str, ...] = ()
    max_attempts: int = 2


@dataclass(frozen=True)
class Attempt:
    kind: str
    attempt: int
    score: Decimal
    pass_mark: Decimal

    @property
    def passed(self) -> bool:
        return self.score >= self.pass_mark


@dataclass
class Outcome:
    completed: bool
    attendance_percent: Decimal | None
    # Codes with their subject: ("attendance", None), ("unmarked", n days), ("assessment", kind).
    shortfalls: list[tuple[str, object]] = field(default_factory=list)
    best_score: Decimal | None = None


def attendance_percent(day_marks: list[str]) -> Decimal | None:
    """Share of counted days attended, to one decimal; None when no day counts."""
    counted = [mark for mark in day_marks if mark != EXCUSED]
    if not counted:
        return None
    attended = sum(1 for mark in counted if mark in ATTENDING)
    return (Decimal(100 * attended) / len(counted)).quantize(Decimal("0.1"))


def evaluate(rule: Rule, session_days: int, day_marks: list[str], attempts: list[Attempt]) -> Outcome:
    """Whether the rule is met. Days without a mark count as absent, and are named as such."""
    marks = list(day_marks) + [ABSENT] * max(0, session_days - len(day_marks))
    percent = attendance_percent(marks)
    shortfalls: list[tuple[str, object]] = []
    if session_days > len(day_marks):
        shortfalls.append(("unmarked", session_days - len(day_marks)))
    if percent is None or percent < rule.min_attendance_percent or not any(m in ATTENDING for m in marks):
        shortfalls.append(("attendance", percent))
    counted = [a for a in attempts if a.attempt <= rule.max_attempts]
    for kind in rule.required_kinds:
        if not any(a.kind == kind and a.passed for a in counted):
            shortfalls.append(("assessment", kind))
    scores = [a.score for a in counted]
    completed = not any(code in ("attendance", "assessment") for code, _subject in shortfalls)
    return Outcome(completed, percent, shortfalls, max(scores) if scores else None)

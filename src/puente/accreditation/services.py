"""Reads about one cycle: what is due, what is missing, progress per chapter, eligibility."""
from dataclasses import dataclass

from . import eligibility
from .models import Cycle, Proof, Standard

# The best status a standard's proofs reach, from worst to best.
RANK = {None: 0, Proof.Status.DRAFT: 1, Proof.Status.NEEDS_REVISION: 2, Proof.Status.SUBMITTED: 3, Proof.Status.ACCEPTED: 4}
COVERED = {Proof.Status.SUBMITTED, Proof.Status.ACCEPTED}


@dataclass
class StandardStatus:
    standard: Standard
    status: str | None  # the best status of its proofs in the period, None when there is none
    proofs: int

    @property
    def covered(self) -> bool:
        return self.status in COVERED

    def get_status_display(self) -> str:
        return Proof.Status(self.status).label if self.status else ""


def due_standards(cycle: Cycle, period: int | None = None) -> list[Standard]:
    """The standards this agency must prove in the period (its tier, the standard's frequency)."""
    period = cycle.period if period is None else period
    standards = Standard.objects.filter(framework_id=cycle.framework_id).select_related("chapter").order_by("position")
    return [s for s in standards if cycle.tier in s.tiers and s.due_in(period)]


def standard_statuses(cycle: Cycle, period: int | None = None) -> list[StandardStatus]:
    period = cycle.period if period is None else period
    best: dict[int, str | None] = {}
    counts: dict[int, int] = {}
    for standard_id, status in Proof.objects.filter(cycle=cycle, period=period).values_list("standard_id", "status"):
        counts[standard_id] = counts.get(standard_id, 0) + 1
        if RANK[status] > RANK[best.get(standard_id)]:
            best[standard_id] = status
    return [StandardStatus(s, best.get(s.pk), counts.get(s.pk, 0)) for s in due_standards(cycle, period)]


def missing_proofs(cycle: Cycle, period: int | None = None) -> list[StandardStatus]:
    """Due standards with no submitted or accepted proof yet."""
    return [item for item in standard_statuses(cycle, period) if not item.covered]


@dataclass
class ChapterProgress:
    chapter: object
    due: int = 0
    submitted: int = 0
    accepted: int = 0

    @property
    def percent(self) -> int:
        """Share of due standards with a submitted or accepted proof."""
        return round(100 * (self.submitted + self.accepted) / self.due) if self.due else 100


def chapter_progress(statuses: list[StandardStatus]) -> list[ChapterProgress]:
    chapters: dict[int, ChapterProgress] = {}
    for item in statuses:
        row = chapters.setdefault(item.standard.chapter_id, ChapterProgress(item.standard.chapter))
        row.due += 1
        row.submitted += item.status == Proof.Status.SUBMITTED
        row.accepted += item.status == Proof.Status.ACCEPTED
    return list(chapters.values())


def findings_by_code(cycle: Cycle, period: int) -> dict[str, str]:
    return dict(cycle.findings.filter(period=period).values_list("standard__code", "result"))


def eligibility_for(cycle: Cycle, period: int | None = None) -> eligibility.Eligibility:
    """The pure rule applied to the cycle's findings of the period."""
    period = cycle.period if period is None else period
    facts = [
        eligibility.StandardFacts(code, mandatory, frozenset(tiers))
        for code, mandatory, tiers in Standard.objects.filter(framework_id=cycle.framework_id).values_list("code", "mandatory", "tiers")
    ]
    return eligibility.decide(facts, findings_by_code(cycle, period), cycle.tier)

"""Accreditation: standards frameworks, agency cycles through their phases, proofs of
compliance with their review, assessor findings and outcome surveys.

Cycles are scoped to their agency (coordinators) and to the assessors assigned to them
(`scope_own_field`); everything recorded in a cycle follows the cycle's scope.
"""
import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from puente.core.querysets import RestrictedManager, RestrictedQuerySet

from . import phases

PROOF_RETENTION_YEARS = 4


class Bilingual:
    """Text kept in English and Spanish, read in the user's language."""

    def text_in(self, name: str) -> str:
        spanish = getattr(self, f"{name}_es", "")
        english = getattr(self, f"{name}_en", "")
        if (get_language() or "en").startswith("es"):
            return spanish or english
        return english or spanish


class ProgramType(models.TextChoices):
    LAW_ENFORCEMENT = phases.LAW_ENFORCEMENT, _("Law enforcement agency")
    TRAINING_ACADEMY = "training_academy", _("Public safety training academy")
    COMMUNICATIONS_CENTER = "communications_center", _("Public safety communications center")


# The agency kinds each program type accredits.
AGENCY_KINDS = {
    ProgramType.LAW_ENFORCEMENT: {"police", "customs", "border_patrol", "national_guard", "forensic_lab"},
    ProgramType.TRAINING_ACADEMY: {"training_academy"},
    ProgramType.COMMUNICATIONS_CENTER: {"communications_center"},
}


class Frequency(models.TextChoices):
    CYCLE = "cycle", _("Once per cycle")
    ANNUAL = "annual", _("Every year")


class Framework(Bilingual, models.Model):
    """One edition of a standards framework for one program type."""

    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("For example LE-2024."))
    program_type = models.CharField(_("program type"), max_length=24, choices=ProgramType.choices)
    edition = models.CharField(_("edition"), max_length=20)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    tiers = models.JSONField(_("tiers"), default=list, help_text=_("Tiers an agency may enroll at: [{code, name_en, name_es}]."))
    source_name = models.CharField(_("imported from"), max_length=200, blank=True)
    imported_by = models.ForeignKey("accounts.User", verbose_name=_("imported by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(_("imported"), auto_now_add=True)

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["program_type", "-edition"]
        verbose_name = _("standards framework")
        verbose_name_plural = _("standards frameworks")
        constraints = [models.UniqueConstraint(fields=["program_type", "edition"], name="unique_framework_edition")]

    def __str__(self):
        return f"{self.text_in('title')} ({self.edition})"

    def get_absolute_url(self):
        return reverse("accreditation:framework_detail", args=[self.pk])

    @property
    def title(self) -> str:
        return self.text_in("title")

    @property
    def tier_codes(self) -> list[str]:
        return [tier["code"] for tier in self.tiers]

    def tier_choices(self) -> list[tuple[str, str]]:
        spanish = (get_language() or "en").startswith("es")
        return [(tier["code"], tier.get("name_es" if spanish else "name_en") or tier["code"]) for tier in self.tiers]


class Chapter(Bilingual, models.Model):
    framework = models.ForeignKey(Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="chapters")
    number = models.CharField(_("number"), max_length=10)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["framework", "position"]
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="unique_chapter_number")]

    def __str__(self):
        return f"{self.number}. {self.text_in('title')}"

    @property
    def title(self) -> str:
        return self.text_in("title")


class Standard(Bilingual, models.Model):
    framework = models.ForeignKey(Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="standards")
    chapter = models.ForeignKey(Chapter, verbose_name=_("chapter"), on_delete=models.CASCADE, related_name="standards")
    code = models.CharField(_("code"), max_length=20)
    title_en = models.CharField(_("title (English)"), max_length=250)
    title_es = models.CharField(_("title (Spanish)"), max_length=250)
    text_en = models.TextField(_("text (English)"))
    text_es = models.TextField(_("text (Spanish)"))
    tiers = models.JSONField(_("tiers"), default=list)
    mandatory = models.BooleanField(_("mandatory"), default=False)
    proof_en = models.TextField(_("expected proof (English)"), blank=True)
    proof_es = models.TextField(_("expected proof (Spanish)"), blank=True)
    frequency = models.CharField(_("proof due"), max_length=10, choices=Frequency.choices, default=Frequency.CYCLE)
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["framework", "position"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_standard_code")]

    def __str__(self):
        return f"{self.code} {self.text_in('title')}"

    @property
    def title(self) -> str:
        return self.text_in("title")

    @property
    def text(self) -> str:
        return self.text_in("text")

    @property
    def proof(self) -> str:
        return self.text_in("proof")

    def due_in(self, period: int) -> bool:
        """Whether proof of this standard is due in `period` (annual standards every year)."""
        return period in (0, 4) or self.frequency == Frequency.ANNUAL


class Program(Bilingual, models.Model):
    """An accreditation program: a sponsor taking a country's agencies through accreditation."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_es = models.CharField(_("name (Spanish)"), max_length=200)
    country = models.ForeignKey("registry.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+")
    sponsor = models.CharField(_("sponsor"), max_length=200, blank=True)
    started_on = models.DateField(_("started"))
    ended_on = models.DateField(_("ended"), null=True, blank=True)

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["-started_on", "code"]
        verbose_name = _("accreditation program")
        verbose_name_plural = _("accreditation programs")

    def __str__(self):
        return self.text_in("name")

    def get_absolute_url(self):
        return reverse("accreditation:program_detail", args=[self.pk])

    def clean(self):
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("A program cannot end before it starts.")})


class Phase(models.TextChoices):
    ENROLLMENT = phases.ENROLLMENT, _("Enrollment")
    SELF_ASSESSMENT = phases.SELF_ASSESSMENT, _("Self-assessment")
    REMOTE_REVIEW = phases.REMOTE_REVIEW, _("Remote file review")
    ONSITE = phases.ONSITE, _("On-site assessment")
    COMMISSION = phases.COMMISSION, _("Commission review")
    ACCREDITED = phases.ACCREDITED, _("Accredited")
    ANNUAL_1 = phases.ANNUAL_1, _("Annual compliance review, year 1")
    ANNUAL_2 = phases.ANNUAL_2, _("Annual compliance review, year 2")
    ANNUAL_3 = phases.ANNUAL_3, _("Annual compliance review, year 3")
    REACCREDITATION = phases.REACCREDITATION, _("Reaccreditation (year 4)")
    REACCREDITED = phases.REACCREDITED, _("Reaccredited")
    WITHDRAWN = phases.WITHDRAWN, _("Withdrawn")
    REMOVED = phases.REMOVED, _("Removed")


PERIOD_LABELS = {
    0: _("Initial assessment"), 1: _("Annual review, year 1"), 2: _("Annual review, year 2"),
    3: _("Annual review, year 3"), 4: _("Reaccreditation"),
}


class CycleQuerySet(RestrictedQuerySet):
    def open(self):
        return self.exclude(phase__in=phases.CLOSED)

    def overdue(self, today: datetime.date | None = None):
        return self.open().filter(deadline__lt=today or timezone.localdate())


class Cycle(models.Model):
    """One agency's way through accreditation on one edition of a framework."""

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="cycles")
    agency = models.ForeignKey("registry.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="accreditation_cycles")
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework edition"), on_delete=models.PROTECT, related_name="cycles",
        help_text=_("The cycle keeps this edition even when a newer one is imported."),
    )
    tier = models.CharField(_("tier"), max_length=20)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.ENROLLMENT, db_index=True)
    enrolled_on = models.DateField(_("enrolled"))
    phase_since = models.DateField(_("in this phase since"))
    deadline = models.DateField(_("deadline"), null=True, blank=True, db_index=True)
    accredited_on = models.DateField(_("accredited"), null=True, blank=True)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    closing_reason = models.TextField(_("reason for closing"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CycleQuerySet.as_manager()
    scope_agency_field = "agency"
    scope_own_field = "assignments__assessor"

    class Meta:
        ordering = ["-enrolled_on", "-id"]
        verbose_name = _("accreditation cycle")
        verbose_name_plural = _("accreditation cycles")
        indexes = [models.Index(fields=["program", "phase"])]

    def __str__(self):
        return f"{self.agency} · {self.get_program_type_display()} ({self.enrolled_on.year})"

    def get_absolute_url(self):
        return reverse("accreditation:cycle_detail", args=[self.pk])

    @property
    def program_type(self) -> str:
        return self.framework.program_type

    def get_program_type_display(self) -> str:
        return ProgramType(self.framework.program_type).label

    @property
    def is_open(self) -> bool:
        return phases.is_open(self.phase)

    @property
    def period(self) -> int:
        return phases.period_of(self.phase)

    @property
    def next_phase(self) -> str | None:
        return phases.next_phase(self.phase)

    def get_next_phase_display(self) -> str:
        return Phase(self.next_phase).label if self.next_phase else ""

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline is not None and self.deadline < timezone.localdate()

    def tier_label(self) -> str:
        return dict(self.framework.tier_choices()).get(self.tier, self.tier)

    def clean(self):
        errors = {}
        if self.framework_id and self.tier and self.tier not in self.framework.tier_codes:
            errors["tier"] = _("“%(tier)s” is not a tier of this framework (%(tiers)s).") % {
                "tier": self.tier, "tiers": ", ".join(self.framework.tier_codes)}
        if self.framework_id and self.agency_id and self.agency.kind not in AGENCY_KINDS[self.framework.program_type]:
            errors["agency"] = _("A %(kind)s cannot enroll in the %(type)s program.") % {
                "kind": self.agency.get_kind_display().lower(), "type": self.get_program_type_display().lower()}
        if self.program_id and self.agency_id and self.agency.country_id != self.program.country_id:
            errors["agency"] = _("The agency is not in the program's country.")
        if errors:
            raise ValidationError(errors)


class Assignment(models.Model):
    """An assessor assigned to a cycle: they see it and record its findings."""

    cycle = models.ForeignKey(Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="assignments")
    assessor = models.ForeignKey("accounts.User", verbose_name=_("assessor"), on_delete=models.PROTECT, related_name="accreditation_assignments")
    lead = models.BooleanField(_("team leader"), default=False)
    assigned_on = models.DateField(_("assigned"), default=datetime.date.today)

    objects = RestrictedManager()
    scope_agency_field = "cycle__agency"
    scope_own_field = "assessor"

    class Meta:
        ordering = ["-lead", "assessor__username"]
        verbose_name = _("assessor assignment")
        verbose_name_plural = _("assessor assignments")
        constraints = [models.UniqueConstraint(fields=["cycle", "assessor"], name="unique_cycle_assessor")]

    def __str__(self):
        return f"{self.assessor} · {self.cycle}"


class PhaseChange(models.Model):
    """A cycle's move from one phase to another, on a date, by someone, with a note."""

    cycle = models.ForeignKey(Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(_("from"), max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("to"), max_length=20, choices=Phase.choices)
    changed_on = models.DateField(_("date"))
    changed_by = models.ForeignKey("accounts.User", verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("note"), blank=True)

    objects = RestrictedManager()
    scope_agency_field = "cycle__agency"
    scope_own_field = "cycle__assignments__assessor"

    class Meta:
        ordering = ["cycle", "changed_on", "id"]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")

    def __str__(self):
        return f"{self.cycle}: {self.get_to_phase_display()} ({self.changed_on})"


def proof_path(proof, filename: str) -> str:
    # The name the user gave never reaches the file system: only its checked suffix.
    return f"accreditation/proofs/{proof.cycle_id}/{timezone.now():%Y%m%d%H%M%S%f}{Path(filename).suffix.lower()}"


class Proof(models.Model):
    """A proof of compliance with one standard, for one period of a cycle."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        NEEDS_REVISION = "needs_revision", _("Needs revision")

    cycle = models.ForeignKey(Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="proofs")
    standard = models.ForeignKey(Standard, verbose_name=_("standard"), on_delete=models.PROTECT, related_name="proofs")
    period = models.PositiveSmallIntegerField(_("period"), default=0, validators=[MaxValueValidator(4)])
    file = models.FileField(_("file"), upload_to=proof_path, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    submitted_on = models.DateField(_("submitted"), null=True, blank=True)
    uploaded_by = models.ForeignKey("accounts.User", verbose_name=_("uploaded by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    retain_until = models.DateField(_("kept until"))
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedManager()
    scope_agency_field = "cycle__agency"
    scope_own_field = "cycle__assignments__assessor"

    class Meta:
        ordering = ["cycle", "standard__position", "period", "-created"]
        verbose_name = _("proof of compliance")
        verbose_name_plural = _("proofs of compliance")
        indexes = [models.Index(fields=["cycle", "period", "status"])]

    def __str__(self):
        return f"{self.standard.code} · {self.file_name or _('note')} ({PERIOD_LABELS[self.period]})"

    def get_absolute_url(self):
        return reverse("accreditation:proof_detail", args=[self.pk])

    def get_period_display(self) -> str:
        return str(PERIOD_LABELS[self.period])

    def clean(self):
        if not self.file and not self.notes.strip():
            raise ValidationError(_("A proof needs a file or a note."))


class ProofReview(models.Model):
    """A reviewer's decision on a proof, with their comment."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accept")
        NEEDS_REVISION = "needs_revision", _("Needs revision")

    proof = models.ForeignKey(Proof, verbose_name=_("proof"), on_delete=models.CASCADE, related_name="reviews")
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    comment = models.TextField(_("comment"), blank=True)
    reviewer = models.ForeignKey("accounts.User", verbose_name=_("reviewer"), null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(_("reviewed"), auto_now_add=True)

    objects = RestrictedManager()
    scope_agency_field = "proof__cycle__agency"
    scope_own_field = "proof__cycle__assignments__assessor"

    class Meta:
        ordering = ["proof", "-created"]
        verbose_name = _("proof review")
        verbose_name_plural = _("proof reviews")

    def __str__(self):
        return f"{self.proof}: {self.get_decision_display()}"

    def clean(self):
        if self.decision == self.Decision.NEEDS_REVISION and not self.comment.strip():
            raise ValidationError({"comment": _("Say what needs revision.")})


class Finding(models.Model):
    """An assessor's finding on one standard of a cycle, for one period."""

    class Result(models.TextChoices):
        COMPLIANT = "compliant", _("Compliant")
        NON_COMPLIANT = "non_compliant", _("Non-compliant")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    cycle = models.ForeignKey(Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="findings")
    standard = models.ForeignKey(Standard, verbose_name=_("standard"), on_delete=models.PROTECT, related_name="findings")
    period = models.PositiveSmallIntegerField(_("period"), default=0, validators=[MaxValueValidator(4)])
    result = models.CharField(_("result"), max_length=16, choices=Result.choices)
    note = models.TextField(_("note"), blank=True)
    assessor = models.ForeignKey("accounts.User", verbose_name=_("assessor"), null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_on = models.DateField(_("recorded"), default=datetime.date.today)

    objects = RestrictedManager()
    scope_agency_field = "cycle__agency"
    scope_own_field = "cycle__assignments__assessor"

    class Meta:
        ordering = ["cycle", "period", "standard__position"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [models.UniqueConstraint(fields=["cycle", "standard", "period"], name="unique_finding")]

    def __str__(self):
        return f"{self.standard.code}: {self.get_result_display()}"


class Recommendation(models.Model):
    """The assessors' recommendation to the commission for one period of a cycle."""

    class Verdict(models.TextChoices):
        ACCREDIT = "accredit", _("Accredit")
        DEFER = "defer", _("Defer the decision")
        DENY = "deny", _("Deny")

    cycle = models.ForeignKey(Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="recommendations")
    period = models.PositiveSmallIntegerField(_("period"), default=0, validators=[MaxValueValidator(4)])
    verdict = models.CharField(_("recommendation"), max_length=10, choices=Verdict.choices)
    summary = models.TextField(_("summary"))
    assessor = models.ForeignKey("accounts.User", verbose_name=_("assessor"), null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_on = models.DateField(_("recorded"), default=datetime.date.today)

    objects = RestrictedManager()
    scope_agency_field = "cycle__agency"
    scope_own_field = "cycle__assignments__assessor"

    class Meta:
        ordering = ["cycle", "period"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [models.UniqueConstraint(fields=["cycle", "period"], name="unique_recommendation")]

    def __str__(self):
        return f"{self.cycle}: {self.get_verdict_display()}"


class OnsiteRecord(models.Model):
    """What the on-site assessment heard: a public comment session or an interview."""

    class Kind(models.TextChoices):
        PUBLIC_COMMENT = "public_comment", _("Public comment session")
        INTERVIEW = "interview", _("Interview")

    cycle = models.ForeignKey(Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="onsite_records")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    held_on = models.DateField(_("date"))
    participants = models.CharField(_("with"), max_length=250, help_text=_("Who spoke or was interviewed (roles, not private data)."))
    summary = models.TextField(_("summary"))
    recorded_by = models.ForeignKey("accounts.User", verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+")

    objects = RestrictedManager()
    scope_agency_field = "cycle__agency"
    scope_own_field = "cycle__assignments__assessor"

    class Meta:
        ordering = ["cycle", "held_on", "id"]
        verbose_name = _("on-site record")
        verbose_name_plural = _("on-site records")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.held_on}"


# --- Outcome surveys --------------------------------------------------------------------------

# The questions, in both languages through the catalogs: each is answered on a 1–5 scale of
# agreement, and "reported" means 4 or 5 (agree or strongly agree).
THEMES = [
    ("processes", _("Our agency updated its processes, standards and written directives.")),
    ("collaboration", _("Collaboration increased inside our agency and with other agencies.")),
    ("improvement", _("Our agency now practices continuous improvement.")),
    ("pride", _("Pride in our agency increased.")),
    ("community", _("Our relations with the community improved.")),
]
THEME_LABELS = {
    "processes": _("Updated processes, standards and directives"),
    "collaboration": _("Collaboration within and across agencies"),
    "improvement": _("Continuous improvement"),
    "pride": _("Agency pride"),
    "community": _("Community relations"),
}
REPORTED_FROM = 4
_SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class OutcomeSurvey(Bilingual, models.Model):
    """A survey to the agencies of a program about what accreditation changed."""

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="surveys")
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    opened_on = models.DateField(_("opened"))
    closes_on = models.DateField(_("closes"))
    created_by = models.ForeignKey("accounts.User", verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+")

    objects = RestrictedManager()
    scope_agency_field = "invitations__agency"
    scope_own_field = None

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("outcome survey")
        verbose_name_plural = _("outcome surveys")

    def __str__(self):
        return self.text_in("title")

    def get_absolute_url(self):
        return reverse("accreditation:survey_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.opened_on <= timezone.localdate() <= self.closes_on

    def clean(self):
        if self.closes_on and self.opened_on and self.closes_on < self.opened_on:
            raise ValidationError({"closes_on": _("A survey cannot close before it opens.")})


class SurveyInvitation(models.Model):
    """An agency asked to answer an outcome survey."""

    survey = models.ForeignKey(OutcomeSurvey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="invitations")
    agency = models.ForeignKey("registry.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    program_type = models.CharField(_("program type"), max_length=24, choices=ProgramType.choices)

    objects = RestrictedManager()
    scope_agency_field = "agency"
    scope_own_field = None

    class Meta:
        ordering = ["survey", "agency__name"]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [models.UniqueConstraint(fields=["survey", "agency"], name="unique_survey_invitation")]

    def __str__(self):
        return f"{self.survey} · {self.agency}"


class OutcomeResponse(models.Model):
    """An agency's answers, given by its coordinator."""

    invitation = models.OneToOneField(SurveyInvitation, verbose_name=_("invitation"), on_delete=models.CASCADE, related_name="response")
    processes = models.PositiveSmallIntegerField(THEME_LABELS["processes"], validators=_SCALE)
    collaboration = models.PositiveSmallIntegerField(THEME_LABELS["collaboration"], validators=_SCALE)
    improvement = models.PositiveSmallIntegerField(THEME_LABELS["improvement"], validators=_SCALE)
    pride = models.PositiveSmallIntegerField(THEME_LABELS["pride"], validators=_SCALE)
    community = models.PositiveSmallIntegerField(THEME_LABELS["community"], validators=_SCALE)
    comment = models.TextField(_("comment"), blank=True)
    answered_by = models.ForeignKey("accounts.User", verbose_name=_("answered by"), null=True, on_delete=models.SET_NULL, related_name="+")
    answered_on = models.DateField(_("answered"), default=datetime.date.today)

    objects = RestrictedManager()
    scope_agency_field = "invitation__agency"
    scope_own_field = None

    class Meta:
        ordering = ["invitation"]
        verbose_name = _("outcome survey response")
        verbose_name_plural = _("outcome survey responses")

    def __str__(self):
        return str(self.invitation)

"""Enrollments: an officer's place in a session, from nomination to completion."""
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from puente.catalog.models import AssessmentKind
from puente.core.querysets import RestrictedManager


class Enrollment(models.Model):
    class Status(models.TextChoices):
        WAITLISTED = "waitlisted", _("Waiting list")
        NOMINATED = "nominated", _("Nominated")
        CONFIRMED = "confirmed", _("Confirmed")
        ATTENDED = "attended", _("Attended")
        COMPLETED = "completed", _("Completed")
        FAILED = "failed", pgettext_lazy("training result", "Failed")
        NO_SHOW = "no_show", _("No-show")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        CANCELLED = "cancelled", _("Cancelled")

    # An enrollment in one of these holds (or waits for) a seat and blocks overlapping sessions.
    HOLDS_SEAT = (Status.NOMINATED, Status.CONFIRMED, Status.ATTENDED)
    ACTIVE = (Status.WAITLISTED, *HOLDS_SEAT)

    person = models.ForeignKey("registry.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="enrollments")
    session = models.ForeignKey("capacity.Session", verbose_name=_("session"), on_delete=models.PROTECT, related_name="enrollments")
    agency = models.ForeignKey(
        "registry.Agency", verbose_name=_("nominating agency"), on_delete=models.PROTECT, related_name="enrollments"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, db_index=True)
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    waitlist_priority = models.SmallIntegerField(
        _("waiting-list priority"), default=0, help_text=_("Higher is offered a freed seat first.")
    )
    nominated_by = models.ForeignKey("accounts.User", verbose_name=_("nominated by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    nominated_at = models.DateTimeField(_("nominated"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedManager()
    scope_agency_field = "agency"
    # The officer's own enrollments, and the rosters of the sessions the user teaches.
    scope_own_field = ("person__account", "session__instructors__person__account")

    class Meta:
        ordering = ["session__start_date", "person__family_names", "id"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [models.UniqueConstraint(fields=["person", "session"], name="one_enrollment_per_session")]
        indexes = [models.Index(fields=["session", "agency", "status"])]

    def __str__(self):
        return f"{self.person} · {self.session}"

    def get_absolute_url(self):
        return reverse("records:enrollment_detail", args=[self.pk])


class Attendance(models.Model):
    """One officer's mark for one day of a session."""

    class Mark(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    enrollment = models.ForeignKey(Enrollment, verbose_name=_("enrollment"), on_delete=models.CASCADE, related_name="attendance")
    day = models.DateField(_("day"))
    mark = models.CharField(_("attendance"), max_length=8, choices=Mark.choices)
    recorded_by = models.ForeignKey("accounts.User", verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    objects = RestrictedManager()
    scope_agency_field = "enrollment__agency"
    scope_own_field = ("enrollment__person__account", "enrollment__session__instructors__person__account")

    class Meta:
        ordering = ["enrollment_id", "day"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["enrollment", "day"], name="one_mark_per_enrollment_day")]

    def __str__(self):
        return f"{self.enrollment.person} · {self.day} · {self.get_mark_display()}"

    def get_absolute_url(self):
        return self.enrollment.get_absolute_url()


class Assessment(models.Model):
    """One attempt at one assessment of an enrollment."""

    enrollment = models.ForeignKey(Enrollment, verbose_name=_("enrollment"), on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField(_("assessment"), max_length=12, choices=AssessmentKind.choices)
    attempt = models.PositiveSmallIntegerField(_("attempt"))
    taken_on = models.DateField(_("date"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(100)])
    pass_mark = models.DecimalField(_("pass mark"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(100)])
    assessor = models.ForeignKey("accounts.User", verbose_name=_("assessor"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = RestrictedManager()
    scope_agency_field = "enrollment__agency"
    scope_own_field = ("enrollment__person__account", "enrollment__session__instructors__person__account")

    class Meta:
        ordering = ["enrollment_id", "kind", "attempt"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [models.UniqueConstraint(fields=["enrollment", "kind", "attempt"], name="one_assessment_attempt")]

    def __str__(self):
        return f"{self.enrollment.person} · {self.get_kind_display()} #{self.attempt}"

    def get_absolute_url(self):
        return self.enrollment.get_absolute_url()

    @property
    def passed(self) -> bool:
        return self.score >= self.pass_mark


class TrainingRecord(models.Model):
    """One line of an officer's transcript: a program finished (or failed), wherever it happened.

    Completing a session enrollment, a historic import row and an e-learning completion
    received over xAPI all end here, so the transcript, the credential rules and the metrics
    read one table. The natural key (person, program, start date) makes re-imports idempotent.
    """

    class Source(models.TextChoices):
        SESSION = "session", _("Session")
        HISTORIC = "historic", _("Historic record")
        ELEARNING = "elearning", _("E-learning")

    class Result(models.TextChoices):
        COMPLETED = "completed", _("Completed")
        FAILED = "failed", pgettext_lazy("training result", "Failed")

    person = models.ForeignKey("registry.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="training_records")
    program = models.ForeignKey("catalog.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="training_records")
    # The officer's agency when the training happened: records stay with it if they move.
    agency = models.ForeignKey("registry.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="training_records")
    enrollment = models.OneToOneField(
        Enrollment, verbose_name=_("enrollment"), null=True, blank=True, on_delete=models.SET_NULL, related_name="record"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, db_index=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), db_index=True)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    ce_credits = models.DecimalField(_("continuing-education credits"), max_digits=5, decimal_places=1, default=0)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices, db_index=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=200, blank=True, help_text=_("Where the record came from: a file, an xAPI registration."))
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RestrictedManager()
    scope_agency_field = "agency"
    scope_own_field = ("person__account", "enrollment__session__instructors__person__account")

    class Meta:
        ordering = ["-end_date", "id"]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        constraints = [
            models.UniqueConstraint(fields=["person", "program", "start_date"], name="one_record_per_person_program_start"),
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="record_ends_after_start"),
        ]
        # Ends with the person so coverage counts read who completed a program from the index alone.
        indexes = [models.Index(fields=["program", "result", "end_date", "person"]), models.Index(fields=["agency", "end_date"])]

    def __str__(self):
        return f"{self.person} · {self.program.code} · {self.end_date}"

    def get_absolute_url(self):
        return reverse("records:record_detail", args=[self.pk])

"""Surveys after training: satisfaction (Kirkpatrick level 1), one per completed enrollment,
answered anonymously by the officer; follow-up (level 3), months later, answered by the
officer's agency.

A session's survey (`SessionSurvey`) is what results are read from and scoped by: who may see
a session's results is decided there, whether or not anyone has answered yet. The officer's
survey (`SatisfactionSurvey`) knows the officer, so they can find it and answer it once; the
answers (`SatisfactionResponse`) only know the session's survey. Nothing links a response back
to its author: not a foreign key, not a sequential id (responses have random ids), not a
timestamp.
"""
import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from puente.core.querysets import RestrictedManager

SCALE = (1, 5)
# Overall ratings at or above this count as satisfied.
SATISFIED_FROM = 4

# The rating questions, in the order the survey asks them: (field, question).
QUESTIONS = (
    ("overall", _("Overall, how satisfied are you with this training?")),
    ("relevance", _("How relevant was the content to your job?")),
    ("instructor", _("How would you rate the instructors?")),
    ("facilities", _("How would you rate the facilities or the online platform?")),
    ("recommend", _("How likely are you to recommend this training to a colleague?")),
)
# Short names for tables and charts.
QUESTION_LABELS = {
    "overall": _("Overall"),
    "relevance": _("Relevance to the job"),
    "instructor": _("Instructors"),
    "facilities": _("Facilities / platform"),
    "recommend": _("Would recommend"),
}
RATINGS = tuple(name for name, _question in QUESTIONS)


def _rating(label):
    return models.PositiveSmallIntegerField(label, validators=[MinValueValidator(SCALE[0]), MaxValueValidator(SCALE[1])])


class SessionSurvey(models.Model):
    """The satisfaction survey of one session: its officers' surveys and anonymous responses."""

    session = models.OneToOneField(
        "capacity.Session", verbose_name=_("session"), on_delete=models.PROTECT, related_name="satisfaction"
    )
    opened = models.DateTimeField(_("opened"), auto_now_add=True)

    objects = RestrictedManager()
    # Coordinators see the results of sessions their agency's officers completed; registrars
    # and instructors those of the sessions they teach.
    scope_agency_field = "session__enrollments__agency"
    scope_own_field = "session__instructors__person__account"
    scope_condition = models.Q(session__enrollments__status="completed")

    class Meta:
        ordering = ["-session__start_date", "id"]
        verbose_name = _("session survey")
        verbose_name_plural = _("session surveys")

    def __str__(self):
        return str(self.session)


class SatisfactionSurvey(models.Model):
    """The invitation an officer receives when an enrollment is completed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ANSWERED = "answered", _("Answered")

    enrollment = models.OneToOneField(
        "records.Enrollment", verbose_name=_("enrollment"), on_delete=models.PROTECT, related_name="satisfaction_survey"
    )
    session_survey = models.ForeignKey(
        SessionSurvey, verbose_name=_("session survey"), on_delete=models.PROTECT, related_name="invitations"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    opened = models.DateTimeField(_("opened"), auto_now_add=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    objects = RestrictedManager()
    scope_agency_field = "enrollment__agency"
    scope_own_field = "enrollment__person__account"

    class Meta:
        ordering = ["-enrollment__session__end_date", "id"]
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")

    def __str__(self):
        return str(self.enrollment.session)

    def get_absolute_url(self):
        return reverse("surveys:answer", args=[self.pk])


class SatisfactionResponse(models.Model):
    """One officer's answers, stored without who gave them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session_survey = models.ForeignKey(
        SessionSurvey, verbose_name=_("session survey"), on_delete=models.PROTECT, related_name="responses"
    )
    overall = _rating(_("overall satisfaction"))
    relevance = _rating(_("relevance to the job"))
    instructor = _rating(_("instructors"))
    facilities = _rating(_("facilities or platform"))
    recommend = _rating(_("would recommend"))
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    objects = RestrictedManager()
    # No role reads responses one by one: results read them through the session surveys the
    # reader may see (results.py), so they are scoped exactly as their session.
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["session_survey", "id"]
        verbose_name = _("satisfaction response")
        verbose_name_plural = _("satisfaction responses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{name}__gte": SCALE[0], f"{name}__lte": SCALE[1]}), name=f"satisfaction_{name}_on_scale"
            )
            for name in RATINGS
        ]

    def __str__(self):
        return str(self.session_survey)


# Kirkpatrick level 3: statements the officer's agency rates from 1 (strongly disagree) to 5
# (strongly agree), months after the training.
FOLLOW_UP_QUESTIONS = (
    ("skills_used", _("The officer uses the skills from this training on the job.")),
    ("performance", _("The officer's work has improved in what the training covered.")),
    ("recommend", _("I would send other officers of the unit to this training.")),
)
FOLLOW_UP_LABELS = {
    "skills_used": _("Skills used on the job"),
    "performance": _("Work improved"),
    "recommend": _("Would send others"),
}
FOLLOW_UP_RATINGS = tuple(name for name, _question in FOLLOW_UP_QUESTIONS)
# Agreement at or above this counts as the skills being used.
APPLIED_FROM = 4
# The follow-up opens three months after the session ends and closes at six.
FOLLOW_UP_OPENS_DAYS = 91
FOLLOW_UP_CLOSES_DAYS = 183


def _optional_rating(label):
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MinValueValidator(SCALE[0]), MaxValueValidator(SCALE[1])]
    )


class FollowUpSurvey(models.Model):
    """Whether a completed training is used on the job, asked of the officer's agency months later.

    The registry has no supervisor relation, so the agency's training coordinators answer, for
    (or with) the officer's supervisor.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ANSWERED = "answered", _("Answered")

    enrollment = models.OneToOneField(
        "records.Enrollment", verbose_name=_("enrollment"), on_delete=models.PROTECT, related_name="follow_up_survey"
    )
    agency = models.ForeignKey("registry.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="follow_up_surveys")
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        "accounts.User", verbose_name=_("answered by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    skills_used = _optional_rating(_("skills used on the job"))
    performance = _optional_rating(_("work improved"))
    recommend = _optional_rating(_("would send others"))
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    objects = RestrictedManager()
    scope_agency_field = "agency"
    scope_own_field = None

    class Meta:
        ordering = ["closes_on", "id"]
        verbose_name = _("follow-up survey")
        verbose_name_plural = _("follow-up surveys")
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_on__gt=models.F("opens_on")), name="follow_up_closes_after_opening"),
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(**{f"{name}__isnull": False for name in FOLLOW_UP_RATINGS}),
                name="follow_up_answered_in_full",
            ),
        ]

    def __str__(self):
        return f"{self.enrollment.person} · {self.enrollment.session}"

    def get_absolute_url(self):
        return reverse("surveys:follow_up_answer", args=[self.pk])

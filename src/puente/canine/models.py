"""Detector-dog teams: dogs, the handlers they work with, odor certifications and training logs.

Odors are data, so a program adds a new one (fentanyl precursors, xylazine, ketamine, ...)
without a release. A dog works in one active team at a time; certifications and training
belong to the team, because a certification proves the pair, not the dog alone.
"""
import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from puente.core.querysets import RestrictedManager, RestrictedQuerySet

CODE_VALIDATOR = RegexValidator(r"^[A-Z0-9][A-Z0-9-]*$", _("Use capital letters, digits and hyphens."))
# A certification within this many days of its expiry is flagged as expiring.
EXPIRING_DAYS = 60


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the last day of the month when it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


class Odor(models.Model):
    code = models.CharField(_("code"), max_length=30, unique=True, validators=[CODE_VALIDATOR])
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_es = models.CharField(_("name (Spanish)"), max_length=120)
    validity_months = models.PositiveIntegerField(
        _("certification valid for (months)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    is_active = models.BooleanField(_("active"), default=True, help_text=_("Inactive odors are kept for history but not offered."))

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["code"]
        verbose_name = _("odor")
        verbose_name_plural = _("odors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("canine:odor_detail", args=[self.pk])

    @property
    def name(self) -> str:
        return self.name_es if (get_language() or "en").startswith("es") else self.name_en


class Dog(models.Model):
    class Status(models.TextChoices):
        IN_TRAINING = "in_training", _("In training")
        ACTIVE = "active", _("Active")
        RETIRED = "retired", _("Retired")
        DECEASED = "deceased", _("Deceased")

    code = models.CharField(
        _("code"), max_length=30, unique=True, validators=[CODE_VALIDATOR],
        help_text=_("The kennel or microchip identifier, e.g. CBP-K9-0001."),
    )
    name = models.CharField(_("name"), max_length=60)
    breed = models.CharField(_("breed"), max_length=80)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    agency = models.ForeignKey("registry.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="dogs")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.IN_TRAINING, db_index=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedManager()
    scope_agency_field = "agency"
    scope_own_field = "teams__handler__account"

    class Meta:
        ordering = ["name", "code"]
        verbose_name = _("dog")
        verbose_name_plural = _("dogs")
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        return reverse("canine:dog_detail", args=[self.pk])

    def clean(self):
        if self.birth_date and self.birth_date > timezone.localdate():
            raise ValidationError({"birth_date": _("The birth date cannot be in the future.")})

    @property
    def active_team(self):
        return self.teams.filter(ended_on__isnull=True).select_related("handler").first()


class Team(models.Model):
    """A handler and a dog working together from `formed_on` until `ended_on`."""

    handler = models.ForeignKey("registry.Person", verbose_name=_("handler"), on_delete=models.PROTECT, related_name="canine_teams")
    dog = models.ForeignKey(Dog, verbose_name=_("dog"), on_delete=models.PROTECT, related_name="teams")
    formed_on = models.DateField(_("formed on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RestrictedManager()
    scope_agency_field = "dog__agency"
    scope_own_field = "handler__account"

    class Meta:
        ordering = ["dog__name", "-formed_on"]
        verbose_name = _("canine team")
        verbose_name_plural = _("canine teams")
        constraints = [
            models.UniqueConstraint(
                fields=["dog"], condition=models.Q(ended_on__isnull=True), name="one_active_team_per_dog",
                violation_error_message=_("This dog already works in an active team; end that team first."),
            )
        ]

    def __str__(self):
        return f"{self.dog.name} · {self.handler}"

    def get_absolute_url(self):
        return reverse("canine:team_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.ended_on is None

    def clean(self):
        errors = {}
        if self.dog_id and self.handler_id and self.handler.agency_id != self.dog.agency_id:
            errors["handler"] = _("The handler serves in another agency than the dog.")
        if self.dog_id and self.ended_on is None and self.dog.status in (Dog.Status.RETIRED, Dog.Status.DECEASED):
            errors["dog"] = _("A retired or deceased dog cannot be in an active team.")
        if self.formed_on and self.formed_on > timezone.localdate():
            errors["formed_on"] = _("The team cannot be formed in the future.")
        if self.ended_on and self.formed_on and self.ended_on < self.formed_on:
            errors["ended_on"] = _("The team cannot end before it was formed.")
        if errors:
            raise ValidationError(errors)


class CertificationQuerySet(RestrictedQuerySet):
    def current(self, day: datetime.date | None = None):
        day = day or timezone.localdate()
        return self.filter(certified_on__lte=day, expires_on__gte=day)

    def expiring(self, day: datetime.date | None = None):
        day = day or timezone.localdate()
        return self.current(day).filter(expires_on__lte=day + datetime.timedelta(days=EXPIRING_DAYS))

    def expired(self, day: datetime.date | None = None):
        return self.filter(expires_on__lt=day or timezone.localdate())


class OdorCertification(models.Model):
    class State(models.TextChoices):
        CURRENT = "current", _("Current")
        EXPIRING = "expiring", _("Expiring")
        EXPIRED = "expired", _("Expired")

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="certifications")
    odor = models.ForeignKey(Odor, verbose_name=_("odor"), on_delete=models.PROTECT, related_name="certifications")
    certified_on = models.DateField(_("certified on"))
    expires_on = models.DateField(_("expires on"), blank=True, help_text=_("Empty: the odor's usual validity from the certification date."))
    evaluator = models.CharField(_("evaluator"), max_length=150, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = models.Manager.from_queryset(CertificationQuerySet)()
    scope_agency_field = "team__dog__agency"
    scope_own_field = "team__handler__account"

    class Meta:
        ordering = ["expires_on", "id"]
        verbose_name = _("odor certification")
        verbose_name_plural = _("odor certifications")
        indexes = [models.Index(fields=["team", "odor", "expires_on"])]

    def __str__(self):
        return f"{self.team} · {self.odor}"

    def get_absolute_url(self):
        return self.team.get_absolute_url()

    def clean(self):
        errors = {}
        if self.certified_on and self.certified_on > timezone.localdate():
            errors["certified_on"] = _("The certification date cannot be in the future.")
        if self.certified_on and not self.expires_on and self.odor_id:
            self.expires_on = add_months(self.certified_on, self.odor.validity_months)
        if self.expires_on and self.certified_on and self.expires_on <= self.certified_on:
            errors["expires_on"] = _("The expiry must come after the certification date.")
        if self._state.adding and self.odor_id and not self.odor.is_active:
            errors["odor"] = _("This odor is no longer certified.")
        if errors:
            raise ValidationError(errors)

    def state(self, day: datetime.date | None = None) -> str:
        day = day or timezone.localdate()
        if self.expires_on < day:
            return self.State.EXPIRED
        if self.expires_on <= day + datetime.timedelta(days=EXPIRING_DAYS):
            return self.State.EXPIRING
        return self.State.CURRENT

    def get_state_display(self) -> str:
        return self.State(self.state()).label


class TrainingEntry(models.Model):
    """One training exercise of a team, approved first by a trainer, then by a supervisor."""

    class Exercise(models.TextChoices):
        ODOR_RECOGNITION = "odor_recognition", _("Odor recognition")
        VEHICLE = "vehicle", _("Vehicle search")
        CARGO = "cargo", _("Cargo and container search")
        LUGGAGE = "luggage", _("Luggage and parcel search")
        PEDESTRIAN = "pedestrian", _("Pedestrian screening")
        BUILDING = "building", _("Building search")
        OBEDIENCE = "obedience", _("Obedience and control")

    class Result(models.TextChoices):
        PASS = "pass", _("Pass")
        NEEDS_WORK = "needs_work", _("Needs work")
        FAIL = "fail", _("Fail")

    class Stage(models.TextChoices):
        PENDING_TRAINER = "pending_trainer", _("Awaiting trainer")
        PENDING_SUPERVISOR = "pending_supervisor", _("Awaiting supervisor")
        APPROVED = "approved", _("Approved")

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="training")
    date = models.DateField(_("date"))
    exercise = models.CharField(_("exercise"), max_length=20, choices=Exercise.choices)
    odor = models.ForeignKey(
        Odor, verbose_name=_("odor"), null=True, blank=True, on_delete=models.PROTECT, related_name="training",
        help_text=_("The odor trained; empty for obedience."),
    )
    result = models.CharField(_("result"), max_length=12, choices=Result.choices)
    minutes = models.PositiveIntegerField(_("minutes"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(600)])
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey("accounts.User", verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    trainer_approved_by = models.ForeignKey(
        "accounts.User", verbose_name=_("approved by trainer"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    trainer_approved_at = models.DateTimeField(_("trainer approval"), null=True, blank=True)
    supervisor_approved_by = models.ForeignKey(
        "accounts.User", verbose_name=_("approved by supervisor"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    supervisor_approved_at = models.DateTimeField(_("supervisor approval"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RestrictedManager()
    scope_agency_field = "team__dog__agency"
    scope_own_field = "team__handler__account"

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("training log entry")
        verbose_name_plural = _("training log")
        indexes = [models.Index(fields=["team", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(supervisor_approved_by__isnull=True) | models.Q(trainer_approved_by__isnull=False),
                name="supervisor_after_trainer",
            )
        ]

    def __str__(self):
        return f"{self.team} · {self.date:%Y-%m-%d} · {self.get_exercise_display()}"

    def get_absolute_url(self):
        return reverse("canine:training_detail", args=[self.pk])

    @property
    def stage(self) -> str:
        if self.trainer_approved_by_id is None:
            return self.Stage.PENDING_TRAINER
        if self.supervisor_approved_by_id is None:
            return self.Stage.PENDING_SUPERVISOR
        return self.Stage.APPROVED

    def get_stage_display(self) -> str:
        return self.Stage(self.stage).label

    def clean(self):
        errors = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("The training date cannot be in the future.")
        if self.team_id and self.date:
            team = self.team
            if self.date < team.formed_on or (team.ended_on and self.date > team.ended_on):
                errors["date"] = _("The team did not exist on that date.")
        if self.exercise and self.exercise != self.Exercise.OBEDIENCE and not self.odor_id:
            errors["odor"] = _("Name the odor trained in a detection exercise.")
        if errors:
            raise ValidationError(errors)

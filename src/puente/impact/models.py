"""Operational units, their monthly operational indicators, officers' assignments, and impact estimates."""
import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from puente.core.querysets import RestrictedManager

CODE_VALIDATOR = RegexValidator(r"^[A-Z0-9][A-Z0-9-]*$", _("Use capital letters, digits and hyphens."))


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


class Unit(models.Model):
    """Where officers of one agency work and operational indicators are counted: a port of entry, a checkpoint."""

    class Kind(models.TextChoices):
        PORT_OF_ENTRY = "port_of_entry", _("Port of entry")
        CUSTOMS_OFFICE = "customs_office", _("Customs office")
        CHECKPOINT = "checkpoint", _("Checkpoint")
        STATION = "station", _("Station")
        OTHER = "other", _("Other unit")

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[CODE_VALIDATOR])
    name = models.CharField(_("name"), max_length=200)
    agency = models.ForeignKey("registry.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="units")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PORT_OF_ENTRY)
    jurisdiction = models.ForeignKey(
        "registry.Jurisdiction", verbose_name=_("jurisdiction"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = RestrictedManager()
    scope_agency_field = "agency"
    scope_own_field = None

    class Meta:
        ordering = ["code"]
        verbose_name = _("operational unit")
        verbose_name_plural = _("operational units")

    def __str__(self):
        return f"{self.code} — {self.name}"

    def get_absolute_url(self):
        return reverse("impact:unit_detail", args=[self.pk])


class Measure(models.Model):
    """What is counted each month: inspections, scans, scanner hours, seizures of one substance, ...

    Seizure measures are data: adding a substance is adding a row with group "seizure".
    """

    class Group(models.TextChoices):
        ACTIVITY = "activity", _("Activity")
        SEIZURE = "seizure", _("Seizures")
        CONDUCT = "conduct", _("Conduct")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_es = models.CharField(_("name (Spanish)"), max_length=120)
    group = models.CharField(_("group"), max_length=10, choices=Group.choices)
    unit_label = models.CharField(_("unit"), max_length=20, default="count", help_text=_("count or hours"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_es if (get_language() or "en").startswith("es") else self.name_en


class Observation(models.Model):
    """One measure's count for one unit and month; re-imports replace it (unit + month + measure)."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="observations")
    period = models.DateField(_("month"), help_text=_("The first day of the month."))
    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.PROTECT, related_name="observations")
    value = models.PositiveIntegerField(_("value"))
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedManager()
    scope_agency_field = "unit__agency"
    scope_own_field = None

    class Meta:
        ordering = ["-period", "unit__code", "measure__order"]
        verbose_name = _("operational indicator")
        verbose_name_plural = _("operational indicators")
        constraints = [models.UniqueConstraint(fields=["unit", "period", "measure"], name="one_value_per_unit_month_measure")]
        indexes = [models.Index(fields=["measure", "period"])]

    def __str__(self):
        return f"{self.unit.code} · {self.period:%Y-%m} · {self.measure.code}"

    def get_absolute_url(self):
        return reverse("impact:unit_detail", args=[self.unit_id])


class Assignment(models.Model):
    """An officer working at a unit from a date (to a date): whose training counts for the unit."""

    person = models.ForeignKey("registry.Person", verbose_name=_("officer"), on_delete=models.CASCADE, related_name="unit_assignments")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="assignments")
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)

    objects = RestrictedManager()
    scope_agency_field = "unit__agency"
    scope_own_field = "person__account"

    class Meta:
        ordering = ["unit__code", "person__family_names", "start_date"]
        verbose_name = _("unit assignment")
        verbose_name_plural = _("unit assignments")
        constraints = [models.UniqueConstraint(fields=["person", "unit", "start_date"], name="one_assignment_per_start")]

    def __str__(self):
        return f"{self.person} · {self.unit.code}"

    def get_absolute_url(self):
        return reverse("impact:assignment_edit", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The assignment ends before it starts.")
        if self.person_id and self.unit_id and self.person.agency_id != self.unit.agency_id:
            errors["unit"] = _("The unit belongs to another agency than the officer.")
        if errors:
            raise ValidationError(errors)


class Estimate(models.Model):
    """One run of the impact estimator: a program, an outcome and a training threshold, and its result."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    program = models.ForeignKey("catalog.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="impact_estimates")
    outcome = models.CharField(_("outcome"), max_length=40)
    threshold = models.DecimalField(
        _("training threshold"), max_digits=3, decimal_places=2, default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal("0.05")), MaxValueValidator(Decimal("1"))],
        help_text=_("Share of a unit's officers who must have completed the program for the unit to count as trained."),
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    job = models.ForeignKey("core.Job", verbose_name=_("job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey("accounts.User", verbose_name=_("requested by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = "created_by"

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("impact estimate")
        verbose_name_plural = _("impact estimates")

    def __str__(self):
        return f"#{self.pk} · {self.program.code} · {self.outcome}"

    def get_absolute_url(self):
        return reverse("impact:estimate_detail", args=[self.pk])

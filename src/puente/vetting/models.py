"""Vetting checks: restricted results of trust evaluations and background checks.

Only vetting officers read a check itself; everyone else who may see the person sees only
whether their vetting is valid and until when (see `services.status_for`).
"""
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puente.core.models import AuditEntry
from puente.core.querysets import RestrictedManager

EVIDENCE_EXTENSIONS = ["pdf", "png", "jpg", "jpeg"]
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def validate_evidence_size(upload):
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="too_large")


class VettingCheck(models.Model):
    class Kind(models.TextChoices):
        TRUST = "trust", _("Control de confianza (trust evaluation)")
        US_BACKGROUND = "us_background", _("U.S. background check")
        POLYGRAPH = "polygraph", _("Polygraph")
        DRUG_TEST = "drug_test", _("Drug test")
        PSYCHOLOGICAL = "psychological", _("Psychological evaluation")
        OTHER = "other", _("Other")

    class Result(models.TextChoices):
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")
        PENDING = "pending", _("Pending")

    person = models.ForeignKey("registry.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="vetting_checks")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices, default=Result.PENDING, db_index=True)
    checked_on = models.DateField(_("date of the check"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True, help_text=_("Required when the check was passed."))
    issuing_center = models.CharField(
        _("issuing center"), max_length=150, blank=True,
        help_text=_("For example C3 Sonora, or CBP Office of Professional Responsibility."),
    )
    notes = models.TextField(_("restricted notes"), blank=True)
    evidence = models.FileField(
        _("evidence file"), upload_to="vetting/%Y/", blank=True,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS), validate_evidence_size],
        help_text=_("PDF or image, at most 10 MB."),
    )
    recorded_by = models.ForeignKey("accounts.User", verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedManager()
    scope_agency_field = "person__agency"
    scope_own_field = None  # nobody reads their own check: only vetting officers do

    class Meta:
        ordering = ["-checked_on", "-id"]
        verbose_name = _("vetting check")
        verbose_name_plural = _("vetting checks")
        indexes = [models.Index(fields=["person", "result", "valid_until"])]

    def __str__(self):
        # No result, kind or date: this text shows in the audit log, which others read.
        return f"#{self.pk} · {self.person}"

    def get_absolute_url(self):
        return reverse("vetting:check_detail", args=[self.pk])

    @property
    def evidence_name(self) -> str:
        return Path(self.evidence.name).name if self.evidence else ""

    def clean(self):
        errors = {}
        if self.checked_on and self.checked_on > timezone.localdate():
            errors["checked_on"] = _("The date of the check cannot be in the future.")
        if self.valid_until and self.checked_on and self.valid_until < self.checked_on:
            errors["valid_until"] = _("The expiry date cannot be before the date of the check.")
        if self.result == self.Result.PASSED and not self.valid_until:
            errors["valid_until"] = _("A passed check needs the date it is valid until.")
        if errors:
            raise ValidationError(errors)


VIEW_ACTION = "vetting.vettingcheck.view"


class VettingAccessManager(RestrictedManager):
    def get_queryset(self):
        return super().get_queryset().filter(action=VIEW_ACTION)


class VettingAccess(AuditEntry):
    """The audit entries of reads of vetting details: who looked at whose check, and when.

    A program manager reads this log without reading the checks themselves.
    """

    objects = VettingAccessManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        proxy = True
        ordering = ["-timestamp", "-id"]
        verbose_name = _("vetting access")
        verbose_name_plural = _("vetting access log")

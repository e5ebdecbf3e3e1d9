"""Credential types made of components, evaluations, and the credentials issued to people.

A credential type says what a person needs (its components) and for how long it holds; the
rules engine (`rules/`, no Django) turns a person's component facts into a status at a date.
An issued credential records that a program manager issued it, with a serial number.
"""
import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from puente.core.querysets import RestrictedManager
from puente.registry.models import Person
from puente.vetting.models import VettingCheck

EVIDENCE_EXTENSIONS = ["pdf", "png", "jpg", "jpeg"]
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
CODE_VALIDATOR = RegexValidator(r"^[A-Z0-9][A-Z0-9-]*$", _("Use capital letters, digits and hyphens."))


def validate_evidence_size(upload):
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="too_large")


class CredentialType(models.Model):
    """What a credential requires, how long it holds and to whom it applies."""

    code = models.CharField(_("code"), max_length=30, unique=True, validators=[CODE_VALIDATOR], help_text=_("For example MX-CUP."))
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_es = models.CharField(_("name (Spanish)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    country = models.ForeignKey("registry.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+")
    levels = models.JSONField(
        _("agency levels"), default=list, blank=True,
        help_text=_("Agency levels it applies to (federal, state, municipal, tribal); empty for all."),
    )
    validity_months = models.PositiveSmallIntegerField(_("validity (months)"), validators=[MinValueValidator(1)])
    renewal_window_months = models.PositiveSmallIntegerField(
        _("renewal window (months)"), default=6, help_text=_("How many months before expiry renewal falls due.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["code"]
        verbose_name = _("credential type")
        verbose_name_plural = _("credential types")

    def __str__(self):
        return f"{self.code} · {self.name}"

    def get_absolute_url(self):
        return reverse("credentials:type_detail", args=[self.pk])

    @property
    def name(self) -> str:
        return self.name_es if (get_language() or "en").startswith("es") else self.name_en

    @property
    def description(self) -> str:
        return self.description_es if (get_language() or "en").startswith("es") else self.description_en

    def clean(self):
        from puente.registry.models import Agency

        errors = {}
        if not isinstance(self.levels, list) or any(level not in Agency.Level.values for level in self.levels):
            errors["levels"] = _("Levels must be a list of: %(levels)s.") % {"levels": ", ".join(Agency.Level.values)}
        if self.renewal_window_months is not None and self.validity_months and self.renewal_window_months >= self.validity_months:
            errors["renewal_window_months"] = _("The renewal window must be shorter than the validity.")
        if errors:
            raise ValidationError(errors)


class Evaluation(models.Model):
    """One evaluation of a person (e.g. basic competencies), passed or failed, with evidence."""

    class Kind(models.TextChoices):
        BASIC_COMPETENCIES = "basic_competencies", _("Basic-competencies evaluation")
        PERFORMANCE = "performance", _("Performance evaluation")
        PHYSICAL_FITNESS = "physical_fitness", _("Physical fitness test")
        FIREARMS = "firearms", _("Firearms qualification")
        STATE_EXAM = "state_exam", _("State certification examination")
        NII_OPERATION = "nii_operation", _("Non-intrusive inspection operation test")
        RADIATION_SAFETY = "radiation_safety", _("Radiation safety test")
        CANINE_TEAM = "canine_team", _("Canine team evaluation")

    class Result(models.TextChoices):
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    person = models.ForeignKey("registry.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="evaluations")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    evaluated_on = models.DateField(_("date"))
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    evaluator = models.CharField(_("evaluator"), max_length=150, help_text=_("Who evaluated: a person or an evaluation center."))
    evidence = models.FileField(
        _("evidence file"), upload_to="evaluations/%Y/", blank=True,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS), validate_evidence_size],
        help_text=_("PDF or image, at most 10 MB."),
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey("accounts.User", verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedManager()
    scope_agency_field = "person__agency"
    scope_own_field = "person__account"

    class Meta:
        ordering = ["-evaluated_on", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        # The second ends with the person so coverage counts read who passed from the index alone.
        indexes = [models.Index(fields=["person", "kind", "result", "evaluated_on"]), models.Index(fields=["kind", "result", "evaluated_on", "person"])]

    def __str__(self):
        return f"{self.person} · {self.get_kind_display()} · {self.evaluated_on}"

    def get_absolute_url(self):
        return reverse("credentials:evaluation_detail", args=[self.pk])

    @property
    def evidence_name(self) -> str:
        return Path(self.evidence.name).name if self.evidence else ""

    def clean(self):
        if self.evaluated_on and self.evaluated_on > timezone.localdate():
            raise ValidationError({"evaluated_on": _("An evaluation cannot be dated in the future.")})


class Component(models.Model):
    """One requirement of a credential type: an evaluation, a completed program or a vetting check."""

    class Kind(models.TextChoices):
        EVALUATION = "evaluation", _("Evaluation passed")
        PROGRAM = "program", _("Program completed")
        VETTING = "vetting", _("Vetting check valid")

    credential_type = models.ForeignKey(CredentialType, verbose_name=_("credential type"), on_delete=models.CASCADE, related_name="components")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    evaluation_kind = models.CharField(_("evaluation"), max_length=24, choices=Evaluation.Kind.choices, blank=True)
    program = models.ForeignKey(
        "catalog.Program", verbose_name=_("program"), null=True, blank=True, on_delete=models.PROTECT, related_name="credential_components"
    )
    vetting_kind = models.CharField(_("vetting check"), max_length=20, choices=VettingCheck.Kind.choices, blank=True)
    validity_months = models.PositiveSmallIntegerField(
        _("validity (months)"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Empty: never lapses (a vetting check still lapses on its own expiry date)."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["credential_type", "position", "id"]
        verbose_name = _("component")
        verbose_name_plural = _("components")

    def __str__(self):
        return f"{self.credential_type.code} · {self.requirement}"

    @property
    def key(self) -> str:
        """A stable name for the component, used by the rules engine and in reasons."""
        if self.kind == self.Kind.PROGRAM:
            return f"program:{self.program.code if self.program_id else ''}"
        return f"{self.kind}:{self.evaluation_kind if self.kind == self.Kind.EVALUATION else self.vetting_kind}"

    @property
    def requirement(self) -> str:
        """What the component asks for, in the reader's language."""
        if self.kind == self.Kind.PROGRAM:
            return str(self.program.title) if self.program_id else "?"
        if self.kind == self.Kind.EVALUATION:
            return str(Evaluation.Kind(self.evaluation_kind).label) if self.evaluation_kind in Evaluation.Kind.values else self.evaluation_kind
        return str(VettingCheck.Kind(self.vetting_kind).label) if self.vetting_kind in VettingCheck.Kind.values else self.vetting_kind

    def clean(self):
        if self.kind == self.Kind.EVALUATION and self.evaluation_kind not in Evaluation.Kind.values:
            raise ValidationError({"evaluation_kind": _("Choose the evaluation this component requires.")})
        if self.kind == self.Kind.PROGRAM and not self.program_id:
            raise ValidationError({"program": _("Choose the program this component requires.")})
        if self.kind == self.Kind.VETTING and self.vetting_kind not in VettingCheck.Kind.values:
            raise ValidationError({"vetting_kind": _("Choose the vetting check this component requires.")})
        # Keep only the field the kind uses, so a component never references two things.
        if self.kind != self.Kind.EVALUATION:
            self.evaluation_kind = ""
        if self.kind != self.Kind.PROGRAM:
            self.program = None
        if self.kind != self.Kind.VETTING:
            self.vetting_kind = ""


class IssuedCredential(models.Model):
    """A credential issued to a person; its serial number identifies it on certificates."""

    class Status(models.TextChoices):
        CURRENT = "current", _("Current")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    class State(models.TextChoices):
        """The status as read on a date: the stored status, or expired once past valid_until."""

        CURRENT = "current", _("Current")
        EXPIRED = "expired", _("Expired")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    serial = models.CharField(_("serial number"), max_length=40, unique=True, editable=False)
    credential_type = models.ForeignKey(CredentialType, verbose_name=_("credential type"), on_delete=models.PROTECT, related_name="issued")
    person = models.ForeignKey("registry.Person", verbose_name=_("holder"), on_delete=models.PROTECT, related_name="credentials")
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CURRENT, db_index=True)
    issuer_agency = models.ForeignKey(
        "registry.Agency", verbose_name=_("issuing agency"), on_delete=models.PROTECT, related_name="credentials_issued"
    )
    issued_by = models.ForeignKey("accounts.User", verbose_name=_("issued by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    renewal_of = models.ForeignKey(
        "self", verbose_name=_("renewal of"), null=True, blank=True, on_delete=models.PROTECT, related_name="renewals"
    )
    # The component facts the credential was issued on, as the rules engine reported them.
    components = models.JSONField(_("components at issue"), default=list, blank=True)
    suspended_on = models.DateField(_("suspended on"), null=True, blank=True)
    suspended_reason = models.CharField(_("reason for suspension"), max_length=300, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedManager()
    scope_agency_field = "person__agency"
    scope_own_field = "person__account"

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("issued credential")
        verbose_name_plural = _("issued credentials")
        indexes = [models.Index(fields=["credential_type", "status", "valid_until"]), models.Index(fields=["person", "credential_type"])]
        constraints = [models.CheckConstraint(condition=models.Q(valid_until__gte=models.F("issued_on")), name="credential_valid_after_issue")]

    def __str__(self):
        return f"{self.serial} · {self.person}"

    def get_absolute_url(self):
        return reverse("credentials:credential_detail", args=[self.pk])

    def state_on(self, on_date: datetime.date | None = None) -> str:
        """Revoked and suspended win; otherwise current through valid_until, then expired."""
        on_date = on_date or timezone.localdate()
        if self.status != self.Status.CURRENT:
            return self.status
        return self.State.CURRENT if on_date <= self.valid_until else self.State.EXPIRED

    @property
    def state(self) -> str:
        return self.state_on()

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)

    @property
    def is_expired(self) -> bool:
        return self.state == self.State.EXPIRED


class Renewal(Person):
    """People seen as a renewal work list: who falls due for a credential, by agency."""

    objects = RestrictedManager()
    scope_agency_field = "agency"
    scope_own_field = None

    class Meta:
        proxy = True
        verbose_name = _("renewal")
        verbose_name_plural = _("renewals")

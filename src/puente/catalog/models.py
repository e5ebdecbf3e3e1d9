"""The training catalog: programs, the domains they belong to and the threats they answer."""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from puente.core.querysets import RestrictedManager

CODE_VALIDATOR = RegexValidator(r"^[A-Z0-9][A-Z0-9-]*$", _("Use capital letters, digits and hyphens."))
LANGUAGE_CHOICES = [("en", _("English")), ("es", _("Spanish"))]


def normalize_languages(values) -> list:
    """Language codes in one order (en, es) without repeats; unknown codes stay, for clean() to refuse."""
    values = list(values or [])
    known = [code for code, _label in LANGUAGE_CHOICES if code in values]
    return known + [value for value in dict.fromkeys(values) if value not in known]


class Bilingual:
    """Picks the English or Spanish variant of a field for the active language."""

    def localized(self, field: str) -> str:
        spanish = (get_language() or "en").startswith("es")
        return getattr(self, f"{field}_es" if spanish else f"{field}_en") or getattr(self, f"{field}_en")


class Domain(Bilingual, models.Model):
    code = models.CharField(_("code"), max_length=30, unique=True, validators=[CODE_VALIDATOR])
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_es = models.CharField(_("name (Spanish)"), max_length=120)

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["code"]
        verbose_name = _("domain")
        verbose_name_plural = _("domains")

    def __str__(self):
        return self.localized("name")

    def get_absolute_url(self):
        return reverse("catalog:domain_detail", args=[self.pk])

    @property
    def name(self) -> str:
        return self.localized("name")


class ThreatTag(Bilingual, models.Model):
    """A threat a program answers; its weight is the program's threat relevance in allocation."""

    code = models.CharField(_("code"), max_length=30, unique=True, validators=[CODE_VALIDATOR])
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_es = models.CharField(_("name (Spanish)"), max_length=120)
    weight = models.DecimalField(
        _("threat weight"), max_digits=5, decimal_places=2, default=1, validators=[MinValueValidator(0)],
        help_text=_("How much a seat in a program with this threat is worth in allocation (1 = ordinary)."),
    )

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["-weight", "code"]
        verbose_name = _("threat")
        verbose_name_plural = _("threats")

    def __str__(self):
        return self.localized("name")

    def get_absolute_url(self):
        return reverse("catalog:threat_detail", args=[self.pk])

    @property
    def name(self) -> str:
        return self.localized("name")


class AssessmentKind(models.TextChoices):
    """The assessments a program can require for completion."""

    WRITTEN = "written", _("Written exam")
    PRACTICAL = "practical", _("Practical exercise")
    FIREARMS = "firearms", _("Firearms qualification")
    ORAL = "oral", _("Oral examination")
    PHYSICAL = "physical", _("Physical fitness test")
    SCENARIO = "scenario", _("Scenario-based evaluation")


class Program(Bilingual, models.Model):
    class DeliveryMode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        E_LEARNING = "e_learning", _("E-learning")
        BLENDED = "blended", _("Blended")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        RETIRED = "retired", _("Retired")

    code = models.CharField(_("code"), max_length=30, unique=True, validators=[CODE_VALIDATOR])
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    domain = models.ForeignKey(Domain, verbose_name=_("domain"), on_delete=models.PROTECT, related_name="programs")
    threats = models.ManyToManyField(ThreatTag, verbose_name=_("threats"), blank=True, related_name="programs")
    mission_critical = models.BooleanField(_("mission-critical"), default=False)
    delivery_mode = models.CharField(_("delivery mode"), max_length=12, choices=DeliveryMode.choices, default=DeliveryMode.IN_PERSON)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))])
    ce_credits = models.DecimalField(
        _("continuing-education credits"), max_digits=5, decimal_places=1, default=0, validators=[MinValueValidator(0)]
    )
    prerequisites = models.ManyToManyField(
        "self", verbose_name=_("prerequisites"), symmetrical=False, blank=True, related_name="required_by"
    )
    vetting_required = models.BooleanField(_("vetting required"), default=False)
    min_class_size = models.PositiveIntegerField(_("minimum class size"), default=1, validators=[MinValueValidator(1)])
    max_class_size = models.PositiveIntegerField(_("maximum class size"), default=24, validators=[MinValueValidator(1)])
    languages = models.JSONField(_("languages offered"), default=list, help_text=_("Language codes: en, es."))
    # Completion rule: what an attended officer needs to complete the program.
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"), default=80, validators=[MaxValueValidator(100)]
    )
    required_assessments = models.JSONField(
        _("assessments required"), default=list, blank=True,
        help_text=_("Assessment kinds an officer must pass: written, practical, firearms, oral, physical, scenario."),
    )
    max_attempts = models.PositiveSmallIntegerField(_("attempts allowed per assessment"), default=2, validators=[MinValueValidator(1)])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["code"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self):
        return f"{self.code} — {self.localized('title')}"

    def get_absolute_url(self):
        return reverse("catalog:program_detail", args=[self.pk])

    @property
    def title(self) -> str:
        return self.localized("title")

    @property
    def description(self) -> str:
        return self.localized("description")

    def get_required_assessments_display(self) -> str:
        labels = dict(AssessmentKind.choices)
        return ", ".join(str(labels.get(kind, kind)) for kind in self.required_assessments or [])

    def get_languages_display(self) -> str:
        labels = dict(LANGUAGE_CHOICES)
        return ", ".join(str(labels.get(code, code)) for code in self.languages or [])

    def clean(self):
        errors = {}
        if self.min_class_size and self.max_class_size and self.min_class_size > self.max_class_size:
            errors["max_class_size"] = _("The maximum class size is below the minimum.")
        codes = {code for code, _label in LANGUAGE_CHOICES}
        if not isinstance(self.languages, list) or not self.languages or not set(self.languages) <= codes:
            errors["languages"] = _("Choose at least one of: en, es.")
        kinds = set(AssessmentKind.values)
        if not isinstance(self.required_assessments, list) or not set(self.required_assessments) <= kinds:
            errors["required_assessments"] = _("Choose assessment kinds among: %(kinds)s.") % {"kinds": ", ".join(AssessmentKind.values)}
        if errors:
            raise ValidationError(errors)

"""Countries, jurisdictions, agencies and the people who serve in them."""
import hashlib

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from puente.core.querysets import RestrictedManager


class Country(models.Model):
    code = models.CharField(_("code"), max_length=2, primary_key=True, validators=[RegexValidator(r"^[A-Z]{2}$")])
    name_en = models.CharField(_("name (English)"), max_length=80)
    name_es = models.CharField(_("name (Spanish)"), max_length=80)

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_es if (get_language() or "en").startswith("es") else self.name_en


class Jurisdiction(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", _("State")
        COUNTY = "county", _("County")
        MUNICIPALITY = "municipality", _("Municipality")
        TRIBAL_NATION = "tribal_nation", _("Tribal nation")

    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="jurisdictions")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    code = models.CharField(_("code"), max_length=24, help_text=_("Official code (e.g. INEGI or FIPS)."))
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    border_region = models.BooleanField(_("border region"), default=False)

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["country", "kind", "name"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        constraints = [models.UniqueConstraint(fields=["country", "code"], name="unique_jurisdiction_code")]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("registry:jurisdiction_detail", args=[self.pk])

    @property
    def state(self) -> "Jurisdiction | None":
        """The state this jurisdiction is, or lies in."""
        node = self
        while node is not None and node.kind != self.Kind.STATE:
            node = node.parent
        return node


class Agency(models.Model):
    class Level(models.TextChoices):
        FEDERAL = "federal", _("Federal")
        STATE = "state", pgettext_lazy("agency level", "State")
        MUNICIPAL = "municipal", _("Municipal")
        TRIBAL = "tribal", _("Tribal")

    class Kind(models.TextChoices):
        POLICE = "police", _("Police")
        CUSTOMS = "customs", _("Customs")
        BORDER_PATROL = "border_patrol", _("Border patrol")
        NATIONAL_GUARD = "national_guard", _("National guard")
        TRAINING_ACADEMY = "training_academy", _("Training academy")
        COMMUNICATIONS_CENTER = "communications_center", _("Communications center")
        FORENSIC_LAB = "forensic_lab", _("Forensic lab")

    code = models.CharField(
        _("code"), max_length=40, unique=True,
        validators=[RegexValidator(r"^[A-Z0-9][A-Z0-9-]*$", _("Use capital letters, digits and hyphens."))],
        help_text=_("A short unique code, e.g. MX-BC-TIJ-SSPM."),
    )
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="agencies")
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("jurisdiction"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="agencies", help_text=_("Empty for federal agencies."),
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    border_region = models.BooleanField(_("border region"), default=False)
    remote = models.BooleanField(_("remote region"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedManager()
    scope_agency_field = "pk"
    scope_own_field = "people__account"

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        indexes = [models.Index(fields=["country", "level"]), models.Index(fields=["kind"])]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("registry:agency_detail", args=[self.pk])

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.jurisdiction_id and self.country_id and self.jurisdiction.country_id != self.country_id:
            raise ValidationError({"jurisdiction": _("The jurisdiction is in another country.")})
        if self.level != self.Level.FEDERAL and not self.jurisdiction_id:
            raise ValidationError({"jurisdiction": _("Only federal agencies may have no jurisdiction.")})


def mbox_sha1sum(email: str) -> str:
    """xAPI's mbox_sha1sum of an e-mail address ("" for none): the SHA-1 of its mailto IRI, in hex.

    The address is hashed in lower case, as Puente matches plain mbox addresses regardless of case.
    """
    email = email.strip().lower()
    return hashlib.sha1(f"mailto:{email}".encode()).hexdigest() if email else ""


class MboxSha1sumField(models.CharField):
    """The mbox_sha1sum of the row's `email`, set whenever the row is saved or created in bulk.

    E-learning statements may name a learner by this hash alone; stored and indexed, it finds
    the person without hashing every address in the registry.
    """

    def __init__(self, *args, **kwargs):
        kwargs.update(max_length=40, editable=False, blank=True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = mbox_sha1sum(model_instance.email)
        setattr(model_instance, self.attname, value)
        return value


class Person(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ON_LEAVE = "on_leave", _("On leave")
        SUSPENDED = "suspended", _("Suspended")
        INACTIVE = "inactive", _("Inactive")

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="people")
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+", editable=False)
    given_names = models.CharField(_("given names"), max_length=100)
    family_names = models.CharField(_("family names"), max_length=100)
    rank = models.CharField(_("rank"), max_length=60, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    hire_date = models.DateField(_("hire date"), null=True, blank=True)
    national_id = models.CharField(
        _("national identifier"), max_length=30, blank=True,
        help_text=_("CUIP in Mexico; an agency-issued identifier in the United States. Unique per country."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    email_sha1 = MboxSha1sumField(_("hashed e-mail"), db_index=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedManager()
    scope_agency_field = "agency"
    scope_own_field = "account"

    class Meta:
        ordering = ["family_names", "given_names", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "national_id"], condition=~models.Q(national_id=""),
                name="unique_national_id_per_country",
                violation_error_message=_("Another person in this country has this national identifier."),
            )
        ]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["family_names", "given_names"]),
            # Imports and e-learning statements find people by identifier or e-mail alone.
            models.Index(fields=["national_id"], name="person_national_id"),
            models.Index(Lower("email"), name="person_email_lower"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def preferred_language(self) -> str:
        """The language to write to this person in: their account's choice, else their country's."""
        account = getattr(self, "account", None)
        if account is not None and account.language:
            return account.language
        return "es" if self.country_id == "MX" else "en"

    @property
    def contact_email(self) -> str:
        """Where to write to this person: their registry address, else their account's ("" if none)."""
        account = getattr(self, "account", None)
        return self.email or (account.email if account is not None else "")

    def get_absolute_url(self):
        return reverse("registry:person_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_names}"

    def save(self, *args, **kwargs):
        # The country follows the agency, so national identifiers stay unique per country.
        self.country_id = self.agency.country_id
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "email" in update_fields:
            kwargs["update_fields"] = {*update_fields, "email_sha1"}  # the hash follows the address
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        if self.agency_id:
            self.country_id = self.agency.country_id
        super().clean_fields(exclude=exclude)

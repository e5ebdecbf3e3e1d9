"""The learning record store: credentials, statements as received, documents, and the links
that turn e-learning statements into transcript lines."""
import hashlib
import hmac

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from puente.core.querysets import RestrictedManager

# The authority the LRS writes into every statement names the credential by this home page.
AUTHORITY_HOME = "urn:puente:xapi:credential"


def hash_secret(secret: str) -> str:
    # Secrets are 32 random bytes: a fast hash is enough, and keeps every request cheap.
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class Credential(models.Model):
    """HTTP Basic credentials of one content provider for one agency.

    The secret is shown once when issued and stored only as its hash. A credential reads
    the statements it wrote, or every statement of its agency when issued with agency read.
    """

    provider = models.CharField(_("content provider"), max_length=120)
    agency = models.ForeignKey("registry.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="xapi_credentials")
    key = models.CharField(_("key"), max_length=40, unique=True, help_text=_("The Basic-auth user name."))
    secret_hash = models.CharField(max_length=64, editable=False)
    agency_read = models.BooleanField(
        _("reads the whole agency"), default=False,
        help_text=_("Ticked: reads every statement sent for the agency. Unticked: only the statements it sent."),
    )
    issued_by = models.ForeignKey("accounts.User", verbose_name=_("issued by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(_("issued"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey("accounts.User", verbose_name=_("revoked by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = RestrictedManager()
    scope_agency_field = "agency"
    scope_own_field = None

    class Meta:
        ordering = ["provider", "agency__name", "-created", "id"]
        verbose_name = _("xAPI credential")
        verbose_name_plural = _("xAPI credentials")

    def __str__(self):
        return f"{self.provider} · {self.agency.acronym or self.agency.name} · {self.key}"

    def get_absolute_url(self):
        return reverse("xapi:credential_detail", args=[self.pk])

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def check_secret(self, secret: str) -> bool:
        return hmac.compare_digest(self.secret_hash, hash_secret(secret))

    def authority(self) -> dict:
        """The Agent the LRS records as the authority of this credential's statements."""
        return {"objectType": "Agent", "name": self.provider, "account": {"homePage": AUTHORITY_HOME, "name": self.key}}


class StatementQuerySet(models.QuerySet):
    def readable_by(self, credential: Credential):
        """What a credential may read: its own statements, or its agency's."""
        if credential.agency_read:
            return self.filter(agency_id=credential.agency_id)
        return self.filter(credential_id=credential.pk)


class Statement(models.Model):
    """One statement, its JSON exactly as stored (with id, stored, authority), and the columns
    the GET filters use. Statements are immutable; only `voided` ever changes."""

    statement_id = models.UUIDField(_("statement id"), unique=True)
    credential = models.ForeignKey(Credential, verbose_name=_("credential"), on_delete=models.PROTECT, related_name="statements")
    agency = models.ForeignKey("registry.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    verb = models.CharField(_("verb"), max_length=2000)
    verb_key = models.CharField(max_length=40, db_index=True)
    object_activity = models.CharField(_("activity"), max_length=2000, blank=True)
    object_activity_key = models.CharField(max_length=40, blank=True, db_index=True)
    object_agent_key = models.CharField(max_length=40, blank=True, db_index=True)
    actor_ifi = models.CharField(_("actor"), max_length=2000, blank=True)
    actor_key = models.CharField(max_length=40, blank=True, db_index=True)
    registration = models.UUIDField(_("registration"), null=True, blank=True, db_index=True)
    ref_target = models.UUIDField(null=True, blank=True, db_index=True)
    is_voiding = models.BooleanField(default=False)
    voided = models.BooleanField(_("voided"), default=False)
    timestamp = models.DateTimeField(_("timestamp"))
    stored = models.DateTimeField(_("stored"), db_index=True)
    data = models.TextField()

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["-stored", "-id"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        indexes = [
            models.Index(fields=["credential", "stored"]),
            models.Index(fields=["agency", "stored"]),
        ]

    def __str__(self):
        return str(self.statement_id)


class StatementAgent(models.Model):
    """A further agent a statement names: a group member of its actor or object, or related
    (instructor, team, sub-statement). The actor and object themselves are columns of the statement."""

    statement = models.ForeignKey(Statement, to_field="statement_id", on_delete=models.CASCADE, related_name="agent_rows")
    key = models.CharField(max_length=40)
    relation = models.CharField(max_length=1)

    class Meta:
        indexes = [models.Index(fields=["key", "relation"])]


class StatementActivity(models.Model):
    """A related activity of a statement (context activities, sub-statement's object)."""

    statement = models.ForeignKey(Statement, to_field="statement_id", on_delete=models.CASCADE, related_name="activity_rows")
    key = models.CharField(max_length=40)
    relation = models.CharField(max_length=1)

    class Meta:
        indexes = [models.Index(fields=["key", "relation"])]


class Attachment(models.Model):
    """Raw attachment data, stored once per SHA-2 however many statements carry it."""

    sha2 = models.CharField(max_length=128, unique=True)
    content_type = models.CharField(max_length=255)
    length = models.PositiveIntegerField()
    content = models.BinaryField()


class Document(models.Model):
    """A State, Activity Profile or Agent Profile document.

    Documents belong to the content provider and agency whose credential wrote them, so a
    provider's new credential finds its learners' state, and no other provider reads it.
    """

    class Kind(models.TextChoices):
        STATE = "state", _("State")
        ACTIVITY_PROFILE = "activity_profile", _("Activity profile")
        AGENT_PROFILE = "agent_profile", _("Agent profile")

    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    provider = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=40)  # of kind, activity, agent, registration and document id
    scope_key = models.CharField(max_length=40)  # of kind, activity, agent and registration: the listing
    document_id = models.TextField()
    content = models.BinaryField()
    content_type = models.CharField(max_length=255)
    etag = models.CharField(max_length=40)
    updated = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "provider", "key"], name="one_xapi_document_per_key")]
        indexes = [models.Index(fields=["agency", "provider", "scope_key", "updated"])]


class ActivityLink(models.Model):
    """An activity IRI whose completions count as finishing a catalog program."""

    activity_iri = models.CharField(_("activity IRI"), max_length=500, unique=True)
    program = models.ForeignKey("catalog.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="xapi_links")
    created_by = models.ForeignKey("accounts.User", verbose_name=_("linked by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(_("linked"), auto_now_add=True)

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["activity_iri"]
        verbose_name = _("linked activity")
        verbose_name_plural = _("linked activities")

    def __str__(self):
        return f"{self.activity_iri} → {self.program.code}"

    def get_absolute_url(self):
        return reverse("xapi:link_list")


class UnmatchedOutcome(models.Model):
    """A completion, pass or failure of a linked activity whose actor matched no person.

    Kept until someone who may see the credential's agency picks the person; resolving puts
    the outcome on that person's transcript as if the statement had matched.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    statement = models.OneToOneField(Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="unmatched")
    agency = models.ForeignKey("registry.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    program = models.ForeignKey("catalog.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(_("name in the statement"), max_length=200, blank=True)
    actor_ifi = models.CharField(_("learner identifier"), max_length=500)
    result = models.CharField(_("result"), max_length=10)
    finished_on = models.DateField(_("finished on"))
    reason = models.CharField(_("why it did not match"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    person = models.ForeignKey("registry.Person", verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    resolved_by = models.ForeignKey("accounts.User", verbose_name=_("resolved by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    created = models.DateTimeField(_("received"), auto_now_add=True)

    objects = RestrictedManager()
    scope_agency_field = "agency"
    scope_own_field = None

    class Meta:
        ordering = ["status", "-created", "id"]
        verbose_name = _("unmatched e-learning outcome")
        verbose_name_plural = _("unmatched e-learning outcomes")

    def __str__(self):
        return f"{self.actor_name or self.actor_ifi} · {self.program.code} · {self.finished_on}"

    def get_absolute_url(self):
        return reverse("xapi:unmatched_resolve", args=[self.pk])

    def get_result_display(self):
        from puente.records.models import TrainingRecord

        return dict(TrainingRecord.Result.choices).get(self.result, self.result)

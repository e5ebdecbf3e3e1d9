"""Shared records: the audit log and background jobs."""
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .querysets import RestrictedManager


class AuditEntry(models.Model):
    """One write: who did what to which object, with the changed fields before and after."""

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), null=True, blank=True, on_delete=models.SET_NULL
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)

    objects = RestrictedManager()

    scope_agency_field = None
    scope_own_field = "actor"

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def get_absolute_url(self):
        return reverse("core:audit_detail", args=[self.pk])


class Job(models.Model):
    """A unit of long work with its state and progress, run by a worker."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=80)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.QUEUED, db_index=True)
    percent = models.PositiveSmallIntegerField(_("progress"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="jobs",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = RestrictedManager()

    scope_agency_field = None
    scope_own_field = "created_by"

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    @staticmethod
    def progress_key(pk: int) -> str:
        return f"job-progress-{pk}"

    @cached_property
    def progress(self) -> dict:
        """{"percent", "message"} as the job reported them last.

        A job that writes inside one long transaction (a large import) cannot show progress
        through its own row until it commits, so while it runs it also reports to the "jobs"
        cache (see core.jobs.Progress); otherwise, or when the cache has nothing, the row tells.
        """
        if self.state == self.State.RUNNING:
            live = caches["jobs"].get(self.progress_key(self.pk))
            if live is not None:
                return live
        return {"percent": self.percent, "message": self.message}

    def get_absolute_url(self):
        return reverse("core:job_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.SUCCEEDED, self.State.FAILED)

"""Enrollments: an officer's place in a session, from nomination to completion."""
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from puente.core.querysets import RestrictedManager


class Enrollment(models.Model):
    class Status(models.TextChoices):
        WAITLISTED = "waitlisted", _("Waiting list")
        NOMINATED = "nominated", _("Nominated")
        CONFIRMED = "confirmed", _("Confirmed")
        ATTENDED = "attended", _("Attended")
        COMPLETED = "completed", _("Completed")
        FAILED = "failed", _("Failed")
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
    scope_own_field = "person__account"

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

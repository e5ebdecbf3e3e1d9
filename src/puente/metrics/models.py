"""Saved dashboard views: a name for a dashboard state, which lives in the query string.

The query string is the view: anyone may open the same URL and see it with their own figures
(a coordinator sees their agency's, a program manager everyone's). Saving only names it.
"""
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from puente.core.querysets import RestrictedManager

# The dashboard's state, in the order it is written back.
STATE_KEYS = ("indicator", "year", "on", "country", "level", "state", "agency", "program", "domain", "threat", "odor",
              "agency_type", "credential", "outcome", "by")


def clean_query(query: str) -> str:
    """Only the dashboard's own keys, in a stable order (anything else is dropped)."""
    given = QueryDict(query.lstrip("?"))
    return urlencode([(key, given[key]) for key in STATE_KEYS if given.get(key)])


class SavedView(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="saved_metric_views")
    name = models.CharField(_("name"), max_length=120)
    query = models.CharField(_("dashboard state"), max_length=1000, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = "owner"

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="one_saved_view_name_per_owner")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        url = reverse("metrics:dashboard")
        return f"{url}?{self.query}" if self.query else url

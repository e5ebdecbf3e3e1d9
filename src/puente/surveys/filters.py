"""Filters of survey results and follow-up lists, shared by the pages, the exports and the API."""
import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puente.capacity.models import Site
from puente.catalog.models import Domain, Program, ThreatTag

from .models import FollowUpSurvey, SessionSurvey


def _session_filters(path: str) -> dict:
    """Filters on the session found at `path` (fiscal year, program, domain, threats, academy)."""
    return {
        "fiscal_year": django_filters.NumberFilter(field_name=f"{path}__fiscal_year", label=_("Fiscal year")),
        "program": django_filters.ModelChoiceFilter(field_name=f"{path}__program", queryset=Program.objects.all(), label=_("Program")),
        "domain": django_filters.ModelChoiceFilter(field_name=f"{path}__program__domain", queryset=Domain.objects.all(), label=_("Domain")),
        "threat": django_filters.ModelMultipleChoiceFilter(
            field_name=f"{path}__program__threats", queryset=ThreatTag.objects.all(), label=_("Threats"),
            help_text=_("Programs answering any of the chosen threats."),
        ),
        "site": django_filters.ModelChoiceFilter(field_name=f"{path}__site", queryset=Site.objects.all(), label=_("Academy")),
    }


def _results_filterset(name: str, model, path: str) -> type:
    meta = type("Meta", (), {"model": model, "fields": []})
    return type(name, (django_filters.FilterSet,), {**_session_filters(path), "Meta": meta, "__module__": __name__})


ResultsFilterSet = _results_filterset("ResultsFilterSet", SessionSurvey, "session")
FollowUpResultsFilterSet = _results_filterset("FollowUpResultsFilterSet", FollowUpSurvey, "enrollment__session")


class FollowUpFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=FollowUpSurvey.Status.choices, label=_("Status"))
    open_now = django_filters.BooleanFilter(method="filter_open", label=_("Open now"))
    program = django_filters.ModelChoiceFilter(field_name="enrollment__session__program", queryset=Program.objects.all(), label=_("Program"))

    class Meta:
        model = FollowUpSurvey
        fields = []

    def filter_open(self, queryset, name, value):
        today = timezone.localdate()
        opened = queryset.filter(opens_on__lte=today, closes_on__gte=today, status=FollowUpSurvey.Status.PENDING)
        return opened if value else queryset.exclude(pk__in=opened.values("pk"))

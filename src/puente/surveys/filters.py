"""Filters of the satisfaction results, shared by the page, the exports and the API."""
import django_filters
from django.utils.translation import gettext_lazy as _

from puente.capacity.models import Site
from puente.catalog.models import Domain, Program, ThreatTag

from .models import SessionSurvey


class ResultsFilterSet(django_filters.FilterSet):
    fiscal_year = django_filters.NumberFilter(field_name="session__fiscal_year", label=_("Fiscal year"))
    program = django_filters.ModelChoiceFilter(field_name="session__program", queryset=Program.objects.all(), label=_("Program"))
    domain = django_filters.ModelChoiceFilter(field_name="session__program__domain", queryset=Domain.objects.all(), label=_("Domain"))
    threat = django_filters.ModelMultipleChoiceFilter(
        field_name="session__program__threats", queryset=ThreatTag.objects.all(), label=_("Threats"),
        help_text=_("Programs answering any of the chosen threats."),
    )
    site = django_filters.ModelChoiceFilter(field_name="session__site", queryset=Site.objects.all(), label=_("Academy"))

    class Meta:
        model = SessionSurvey
        fields = []

"""Filters shared by the catalog lists in the UI and the API."""
import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .models import LANGUAGE_CHOICES, Domain, Program, ThreatTag


def _visible(model):
    def queryset(request):
        return model.objects.restrict(getattr(request, "user", None), "view")

    return queryset


@extend_schema_field(OpenApiTypes.STR)
class CodeChoiceFilter(django_filters.ModelChoiceFilter):
    """A domain or threat named by its code (e.g. ?threat=FENTANYL)."""


def _search_names(queryset, value):
    q = Q()
    for word in value.split():
        q &= Q(code__icontains=word) | Q(name_en__icontains=word) | Q(name_es__icontains=word)
    return queryset.filter(q)


class DomainFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = Domain
        fields = []

    def search(self, queryset, name, value):
        return _search_names(queryset, value)


class ThreatTagFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = ThreatTag
        fields = []

    def search(self, queryset, name, value):
        return _search_names(queryset, value)


class ProgramFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    domain = CodeChoiceFilter(queryset=_visible(Domain), to_field_name="code", label=_("Domain"))
    threat = CodeChoiceFilter(queryset=_visible(ThreatTag), to_field_name="code", field_name="threats", label=_("Threat"))
    mission_critical = django_filters.BooleanFilter(label=_("Mission-critical"))
    delivery_mode = django_filters.ChoiceFilter(choices=Program.DeliveryMode.choices, label=_("Delivery mode"))
    status = django_filters.ChoiceFilter(choices=Program.Status.choices, label=_("Status"))
    language = django_filters.ChoiceFilter(choices=LANGUAGE_CHOICES, method="offered_in", label=_("Language offered"))
    vetting_required = django_filters.BooleanFilter(label=_("Vetting required"))

    class Meta:
        model = Program
        fields = []

    def search(self, queryset, name, value):
        q = Q()
        for word in value.split():
            q &= Q(code__icontains=word) | Q(title_en__icontains=word) | Q(title_es__icontains=word)
        return queryset.filter(q)

    def offered_in(self, queryset, name, value):
        # Index lookups work the same on SQLite and PostgreSQL (a JSON "contains" does not on
        # SQLite); a program offers at most as many languages as there are choices.
        q = Q()
        for index in range(len(LANGUAGE_CHOICES)):
            q |= Q(**{f"languages__{index}": value})
        return queryset.filter(q)

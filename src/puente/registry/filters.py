"""Filters shared by the lists in the UI and the API."""
import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .models import Agency, Country, Jurisdiction, Person


@extend_schema_field(OpenApiTypes.INT)
class StateFilter(django_filters.ModelChoiceFilter):
    """A state, by id: matches agencies of the state and of its municipalities and counties."""


def visible_agencies(request):
    """Offer only the agencies this user may see."""
    return Agency.objects.restrict(getattr(request, "user", None), "view")


class JurisdictionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    country = django_filters.ModelChoiceFilter(queryset=Country.objects.all(), label=_("Country"))
    kind = django_filters.ChoiceFilter(choices=Jurisdiction.Kind.choices, label=_("Kind"))
    border_region = django_filters.BooleanFilter(label=_("Border region"))

    class Meta:
        model = Jurisdiction
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__iexact=value))


class AgencyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    country = django_filters.ModelChoiceFilter(queryset=Country.objects.all(), label=_("Country"))
    level = django_filters.ChoiceFilter(choices=Agency.Level.choices, label=_("Level"))
    kind = django_filters.ChoiceFilter(choices=Agency.Kind.choices, label=_("Kind"))
    state = StateFilter(
        queryset=Jurisdiction.objects.filter(kind=Jurisdiction.Kind.STATE), label=_("State"), method="in_state"
    )
    border_region = django_filters.BooleanFilter(label=_("Border region"))
    remote = django_filters.BooleanFilter(label=_("Remote region"))
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Agency
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value) | Q(code__icontains=value))

    def in_state(self, queryset, name, value):
        return queryset.filter(Q(jurisdiction=value) | Q(jurisdiction__parent=value))


class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, label=_("Agency"))
    country = django_filters.ModelChoiceFilter(queryset=Country.objects.all(), label=_("Country"))
    level = django_filters.ChoiceFilter(choices=Agency.Level.choices, field_name="agency__level", label=_("Level"))
    status = django_filters.ChoiceFilter(choices=Person.Status.choices, label=_("Status"))
    hired_after = django_filters.DateFilter(field_name="hire_date", lookup_expr="gte", label=_("Hired on or after"))

    class Meta:
        model = Person
        fields = []

    def search(self, queryset, name, value):
        q = Q()
        for word in value.split():
            q &= Q(given_names__icontains=word) | Q(family_names__icontains=word) | Q(national_id__iexact=word)
        return queryset.filter(q)

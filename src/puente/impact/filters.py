"""Filters shared by the impact lists in the UI and the API."""
import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from puente.catalog.models import Program
from puente.registry.filters import visible_agencies

from .models import Assignment, Estimate, Measure, Observation, Unit


def visible_units(request):
    return Unit.objects.restrict(getattr(request, "user", None), "view")


class UnitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, label=_("Agency"))
    kind = django_filters.ChoiceFilter(choices=Unit.Kind.choices, label=_("Kind"))

    class Meta:
        model = Unit
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))


class ObservationFilterSet(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(queryset=visible_units, label=_("Unit"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, field_name="unit__agency", label=_("Agency"))
    measure = django_filters.ModelChoiceFilter(queryset=Measure.objects.all(), label=_("Measure"))
    period_from = django_filters.DateFilter(field_name="period", lookup_expr="gte", label=_("From month"))
    period_to = django_filters.DateFilter(field_name="period", lookup_expr="lte", label=_("To month"))

    class Meta:
        model = Observation
        fields = []


class AssignmentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    unit = django_filters.ModelChoiceFilter(queryset=visible_units, label=_("Unit"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, field_name="unit__agency", label=_("Agency"))

    class Meta:
        model = Assignment
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(person__family_names__icontains=value) | Q(person__given_names__icontains=value)
                               | Q(person__national_id__icontains=value))


class EstimateFilterSet(django_filters.FilterSet):
    program = django_filters.ModelChoiceFilter(queryset=Program.objects.all(), label=_("Program"))
    status = django_filters.ChoiceFilter(choices=Estimate.Status.choices, label=_("Status"))

    class Meta:
        model = Estimate
        fields = []

"""Filters shared by the capacity lists in the UI and the API."""
import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from puente.catalog.models import Domain, Program
from puente.registry.filters import visible_agencies
from puente.registry.models import Country

from .models import AllocationRun, Instructor, RequestWindow, RunOutcome, Session, Site, TrainingRequest
from .reasons import REASONS



class SiteFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    country = django_filters.ModelChoiceFilter(queryset=Country.objects.all(), label=_("Country"))
    kind = django_filters.ChoiceFilter(choices=Site.Kind.choices, label=_("Kind"))

    class Meta:
        model = Site
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))


class SessionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    program = django_filters.ModelChoiceFilter(queryset=Program.objects.all(), label=_("Program"))
    domain = django_filters.ModelChoiceFilter(queryset=Domain.objects.all(), field_name="program__domain", label=_("Domain"))
    site = django_filters.ModelChoiceFilter(queryset=Site.objects.all(), label=_("Site"))
    fiscal_year = django_filters.NumberFilter(label=_("Fiscal year"))
    status = django_filters.ChoiceFilter(choices=Session.Status.choices, label=_("Status"))
    starts_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte", label=_("Starts on or after"))
    mission_critical = django_filters.BooleanFilter(field_name="program__mission_critical", label=_("Mission-critical"))

    class Meta:
        model = Session
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(program__code__icontains=value) | Q(program__title_en__icontains=value)
            | Q(program__title_es__icontains=value) | Q(site__code__icontains=value)
        )


class InstructorFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    program = django_filters.ModelChoiceFilter(queryset=Program.objects.all(), field_name="programs", label=_("Qualified for"))
    home_site = django_filters.ModelChoiceFilter(queryset=Site.objects.all(), label=_("Home site"))

    class Meta:
        model = Instructor
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(person__given_names__icontains=value) | Q(person__family_names__icontains=value))


class TrainingRequestFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    window = django_filters.ModelChoiceFilter(queryset=RequestWindow.objects.all(), label=_("Request window"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, label=_("Agency"))
    program = django_filters.ModelChoiceFilter(queryset=Program.objects.all(), label=_("Program"))
    status = django_filters.ChoiceFilter(choices=TrainingRequest.Status.choices, label=_("Status"))
    mission_critical = django_filters.BooleanFilter(field_name="program__mission_critical", label=_("Mission-critical"))

    class Meta:
        model = TrainingRequest
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(agency__name__icontains=value) | Q(agency__code__icontains=value) | Q(program__code__icontains=value)
            | Q(justification__icontains=value)
        )


class AllocationRunFilterSet(django_filters.FilterSet):
    fiscal_year = django_filters.NumberFilter(label=_("Fiscal year"))
    status = django_filters.ChoiceFilter(choices=AllocationRun.Status.choices, label=_("Status"))

    class Meta:
        model = AllocationRun
        fields = []


class RunOutcomeFilterSet(django_filters.FilterSet):
    # By id, not by choice among runs: coordinators read outcomes of runs they may not list.
    run = django_filters.NumberFilter(field_name="run", label=_("Allocation run"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, field_name="request__agency", label=_("Agency"))
    program = django_filters.ModelChoiceFilter(queryset=Program.objects.all(), field_name="request__program", label=_("Program"))
    reason_code = django_filters.ChoiceFilter(choices=list(REASONS.items()), label=_("Reason"))

    class Meta:
        model = RunOutcome
        fields = []

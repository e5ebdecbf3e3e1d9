import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puente.registry.filters import visible_agencies
from puente.registry.models import Country

from . import phases
from .models import Cycle, Finding, Phase, Program, Proof, ProgramType, Standard


def visible_programs(request):
    return Program.objects.restrict(getattr(request, "user", None), "view")


class CycleFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    program = django_filters.ModelChoiceFilter(queryset=visible_programs, label=_("Program"))
    program_type = django_filters.ChoiceFilter(field_name="framework__program_type", choices=ProgramType.choices, label=_("Program type"))
    phase = django_filters.ChoiceFilter(choices=Phase.choices, label=_("Phase"))
    country = django_filters.ModelChoiceFilter(field_name="agency__country", queryset=Country.objects.all(), label=_("Country"))
    year = django_filters.NumberFilter(field_name="enrolled_on__year", label=_("Year enrolled"))
    overdue = django_filters.BooleanFilter(method="by_overdue", label=_("Overdue"))

    class Meta:
        model = Cycle
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(agency__name__icontains=value) | Q(agency__code__iexact=value) | Q(agency__acronym__iexact=value))

    def by_overdue(self, queryset, name, value):
        late = Q(deadline__lt=timezone.localdate()) & ~Q(phase__in=phases.CLOSED)
        return queryset.filter(late) if value else queryset.exclude(late)


class ProofFilterSet(django_filters.FilterSet):
    cycle = django_filters.NumberFilter(field_name="cycle_id", label=_("Cycle"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, field_name="cycle__agency", label=_("Agency"))
    status = django_filters.ChoiceFilter(choices=Proof.Status.choices, label=_("Status"))
    period = django_filters.NumberFilter(label=_("Period"))
    standard = django_filters.CharFilter(field_name="standard__code", lookup_expr="iexact", label=_("Standard code"))

    class Meta:
        model = Proof
        fields = []


class FindingFilterSet(django_filters.FilterSet):
    cycle = django_filters.NumberFilter(field_name="cycle_id", label=_("Cycle"))
    result = django_filters.ChoiceFilter(choices=Finding.Result.choices, label=_("Result"))
    period = django_filters.NumberFilter(label=_("Period"))

    class Meta:
        model = Finding
        fields = []


class StandardFilterSet(django_filters.FilterSet):
    framework = django_filters.NumberFilter(field_name="framework_id", label=_("Framework"))
    mandatory = django_filters.BooleanFilter(label=_("Mandatory"))

    class Meta:
        model = Standard
        fields = []

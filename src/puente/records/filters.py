import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy

from puente.capacity.models import Session
from puente.registry.filters import visible_agencies

from .models import Enrollment, TrainingRecord



class EnrollmentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("Search"), method="search")
    session = django_filters.ModelChoiceFilter(queryset=Session.objects.all(), label=gettext_lazy("Session"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, label=gettext_lazy("Agency"))
    status = django_filters.ChoiceFilter(choices=Enrollment.Status.choices, label=gettext_lazy("Status"))

    class Meta:
        model = Enrollment
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(person__family_names__icontains=value) | Q(person__given_names__icontains=value)
            | Q(person__national_id__iexact=value) | Q(session__program__code__icontains=value)
        )


class TrainingRecordFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("Search"), method="search")
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, label=gettext_lazy("Agency"))
    program = django_filters.CharFilter(field_name="program__code", lookup_expr="iexact", label=gettext_lazy("Program code"))
    person = django_filters.NumberFilter(field_name="person_id", label=gettext_lazy("Person"))
    source = django_filters.ChoiceFilter(choices=TrainingRecord.Source.choices, label=gettext_lazy("Source"))
    result = django_filters.ChoiceFilter(choices=TrainingRecord.Result.choices, label=gettext_lazy("Result"))
    year = django_filters.NumberFilter(field_name="end_date__year", label=gettext_lazy("Year"))

    class Meta:
        model = TrainingRecord
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(person__family_names__icontains=value) | Q(person__given_names__icontains=value)
            | Q(person__national_id__iexact=value) | Q(program__code__icontains=value)
        )

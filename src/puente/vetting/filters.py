import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from puente.registry.filters import visible_agencies

from .models import VettingAccess, VettingCheck


class VettingCheckFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, field_name="person__agency", label=_("Agency"))
    kind = django_filters.ChoiceFilter(choices=VettingCheck.Kind.choices, label=_("Kind"))
    result = django_filters.ChoiceFilter(choices=VettingCheck.Result.choices, label=_("Result"))
    expires_before = django_filters.DateFilter(field_name="valid_until", lookup_expr="lt", label=_("Expires before"))

    class Meta:
        model = VettingCheck
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(person__family_names__icontains=value) | Q(person__given_names__icontains=value)
            | Q(person__national_id__iexact=value) | Q(issuing_center__icontains=value)
        )


class VettingAccessFilterSet(django_filters.FilterSet):
    person = django_filters.CharFilter(label=_("Person (name or national identifier)"), method="by_person")
    viewer = django_filters.CharFilter(field_name="actor_name", lookup_expr="icontains", label=_("Viewer"))
    since = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__gte", label=_("From"))
    until = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__lte", label=_("To"))

    class Meta:
        model = VettingAccess
        fields = []

    def by_person(self, queryset, name, value):
        # Entries name the check read; the check names the person. Looking the checks up here
        # needs no grant on them: only their ids are used, never shown.
        checks = VettingCheck.objects.filter(
            Q(person__national_id__iexact=value) | Q(person__family_names__icontains=value) | Q(person__given_names__icontains=value)
        ).values_list("pk", flat=True)
        return queryset.filter(object_id__in=[str(pk) for pk in checks])

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from puente.registry.filters import visible_agencies

from .models import Credential, UnmatchedOutcome


class CredentialFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, label=_("Agency"))
    active = django_filters.BooleanFilter(field_name="revoked_at", lookup_expr="isnull", label=_("Active"))

    class Meta:
        model = Credential
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(provider__icontains=value) | Q(key__iexact=value))


class UnmatchedOutcomeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, label=_("Agency"))
    status = django_filters.ChoiceFilter(choices=UnmatchedOutcome.Status.choices, label=_("Status"))

    class Meta:
        model = UnmatchedOutcome
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(actor_name__icontains=value) | Q(actor_ifi__icontains=value) | Q(program__code__iexact=value))

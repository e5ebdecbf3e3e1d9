import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from puente.registry.filters import visible_agencies

from .models import CredentialType, Evaluation, IssuedCredential


def _person_search(prefix: str, value: str) -> Q:
    return (Q(**{f"{prefix}family_names__icontains": value}) | Q(**{f"{prefix}given_names__icontains": value})
            | Q(**{f"{prefix}national_id__iexact": value}))


class CredentialTypeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = CredentialType
        fields = ["country"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name_en__icontains=value) | Q(name_es__icontains=value))


class EvaluationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, field_name="person__agency", label=_("Agency"))
    kind = django_filters.ChoiceFilter(choices=Evaluation.Kind.choices, label=_("Kind"))
    result = django_filters.ChoiceFilter(choices=Evaluation.Result.choices, label=_("Result"))
    since = django_filters.DateFilter(field_name="evaluated_on", lookup_expr="gte", label=_("From"))
    until = django_filters.DateFilter(field_name="evaluated_on", lookup_expr="lte", label=_("To"))

    class Meta:
        model = Evaluation
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(_person_search("person__", value) | Q(evaluator__icontains=value))


class IssuedCredentialFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    credential_type = django_filters.ModelChoiceFilter(queryset=CredentialType.objects.all(), label=_("Credential type"))
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, field_name="person__agency", label=_("Agency"))
    status = django_filters.ChoiceFilter(choices=IssuedCredential.Status.choices, label=_("Status"))
    expires_before = django_filters.DateFilter(field_name="valid_until", lookup_expr="lt", label=_("Expires before"))

    class Meta:
        model = IssuedCredential
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(_person_search("person__", value) | Q(serial__iexact=value))

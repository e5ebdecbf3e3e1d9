import django_filters
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry


class AuditEntryFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    actor = django_filters.CharFilter(field_name="actor_name", lookup_expr="icontains", label=_("Actor"))
    action = django_filters.CharFilter(lookup_expr="icontains", label=_("Action"))
    since = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__gte", label=_("From"))
    until = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__lte", label=_("To"))
    request_id = django_filters.CharFilter(label=_("Request id"))

    class Meta:
        model = AuditEntry
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(object_repr__icontains=value)

import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puente.registry.filters import visible_agencies

from .models import EXPIRING_DAYS, Dog, Odor, OdorCertification, Team, TrainingEntry


def _odors(request):
    return Odor.objects.all()


class DogFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, label=_("Agency"))
    status = django_filters.ChoiceFilter(choices=Dog.Status.choices, label=_("Status"))
    breed = django_filters.CharFilter(lookup_expr="icontains", label=_("Breed"))

    class Meta:
        model = Dog
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__iexact=value))


class TeamFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, field_name="dog__agency", label=_("Agency"))
    active = django_filters.BooleanFilter(field_name="ended_on", lookup_expr="isnull", label=_("Active"))

    class Meta:
        model = Team
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(dog__name__icontains=value) | Q(dog__code__iexact=value) | Q(handler__family_names__icontains=value)
            | Q(handler__given_names__icontains=value) | Q(handler__national_id__iexact=value)
        )


class CertificationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, field_name="team__dog__agency", label=_("Agency"))
    odor = django_filters.ModelChoiceFilter(queryset=_odors, label=_("Odor"))
    state = django_filters.ChoiceFilter(choices=OdorCertification.State.choices, label=_("State"), method="by_state")
    active_team = django_filters.BooleanFilter(field_name="team__ended_on", lookup_expr="isnull", label=_("Active team"))

    class Meta:
        model = OdorCertification
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(team__dog__name__icontains=value) | Q(team__dog__code__iexact=value)
                               | Q(team__handler__family_names__icontains=value))

    def by_state(self, queryset, name, value):
        today = timezone.localdate()
        soon = today + datetime.timedelta(days=EXPIRING_DAYS)
        if value == OdorCertification.State.EXPIRED:
            return queryset.filter(expires_on__lt=today)
        if value == OdorCertification.State.EXPIRING:
            return queryset.filter(expires_on__gte=today, expires_on__lte=soon)
        return queryset.filter(expires_on__gt=soon)


class TrainingEntryFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    agency = django_filters.ModelChoiceFilter(queryset=visible_agencies, field_name="team__dog__agency", label=_("Agency"))
    team = django_filters.NumberFilter(field_name="team", label=_("Team"))
    odor = django_filters.ModelChoiceFilter(queryset=_odors, label=_("Odor"))
    exercise = django_filters.ChoiceFilter(choices=TrainingEntry.Exercise.choices, label=_("Exercise"))
    result = django_filters.ChoiceFilter(choices=TrainingEntry.Result.choices, label=_("Result"))
    stage = django_filters.ChoiceFilter(choices=TrainingEntry.Stage.choices, label=_("Approval"), method="by_stage")
    since = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    until = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"))

    class Meta:
        model = TrainingEntry
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(team__dog__name__icontains=value) | Q(team__dog__code__iexact=value)
                               | Q(team__handler__family_names__icontains=value))

    def by_stage(self, queryset, name, value):
        if value == TrainingEntry.Stage.PENDING_TRAINER:
            return queryset.filter(trainer_approved_by__isnull=True)
        if value == TrainingEntry.Stage.PENDING_SUPERVISOR:
            return queryset.filter(trainer_approved_by__isnull=False, supervisor_approved_by__isnull=True)
        return queryset.filter(supervisor_approved_by__isnull=False)

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from puente.catalog.models import Program
from puente.core.api import RestrictedViewSet, ScopedRelatedField
from puente.registry.models import Agency, Person

from . import actions
from .filters import AssignmentFilterSet, EstimateFilterSet, ObservationFilterSet, UnitFilterSet
from .models import Assignment, Estimate, Measure, Observation, Unit


class UnitSerializer(serializers.ModelSerializer):
    agency = ScopedRelatedField(queryset=Agency.objects.all())

    class Meta:
        model = Unit
        fields = ["id", "code", "name", "agency", "kind", "jurisdiction", "is_active"]


class MeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measure
        fields = ["id", "code", "name_en", "name_es", "group", "unit_label"]


class ObservationSerializer(serializers.ModelSerializer):
    """One value; POST with a unit, month and measure already recorded replaces the value."""

    unit = ScopedRelatedField(queryset=Unit.objects.all())
    measure = serializers.SlugRelatedField(slug_field="code", queryset=Measure.objects.all())
    period = serializers.DateField(help_text=_("Any day of the month; stored as the first day."))
    value = serializers.IntegerField()

    class Meta:
        model = Observation
        fields = ["id", "unit", "period", "measure", "value", "updated"]
        read_only_fields = ["updated"]
        validators = []  # unit + month + measure is an upsert key, not a uniqueness error


class AssignmentSerializer(serializers.ModelSerializer):
    person = ScopedRelatedField(queryset=Person.objects.all())
    unit = ScopedRelatedField(queryset=Unit.objects.all())

    class Meta:
        model = Assignment
        fields = ["id", "person", "unit", "start_date", "end_date"]


class EstimateSerializer(serializers.ModelSerializer):
    program = serializers.SlugRelatedField(slug_field="code", queryset=Program.objects.all())

    class Meta:
        model = Estimate
        fields = ["id", "program", "outcome", "threshold", "status", "result", "error", "job", "created"]
        read_only_fields = ["status", "result", "error", "job", "created"]


class UnitViewSet(RestrictedViewSet):
    queryset = Unit.objects.select_related("agency")
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_action = actions.create_unit
    update_action = actions.update_unit


class MeasureViewSet(RestrictedViewSet):
    queryset = Measure.objects.all()
    serializer_class = MeasureSerializer
    http_method_names = ["get", "head", "options"]


class ObservationViewSet(RestrictedViewSet):
    """Monthly operational indicators. DELETE removes the value."""

    queryset = Observation.objects.select_related("unit", "measure")
    serializer_class = ObservationSerializer
    filterset_class = ObservationFilterSet
    ordering_fields = ["period"]
    create_action = actions.record_value
    update_action = actions.update_value
    delete_action = actions.delete_value


class AssignmentViewSet(RestrictedViewSet):
    queryset = Assignment.objects.select_related("person", "unit")
    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilterSet
    create_action = actions.create_assignment
    update_action = actions.update_assignment
    delete_action = actions.delete_assignment


class EstimateViewSet(RestrictedViewSet):
    """Impact estimates. POST queues the estimator; GET the estimate until its status is done."""

    queryset = Estimate.objects.select_related("program")
    serializer_class = EstimateSerializer
    filterset_class = EstimateFilterSet
    http_method_names = ["get", "post", "head", "options"]
    create_action = actions.request_estimate


ROUTES = [
    ("units", UnitViewSet),
    ("measures", MeasureViewSet),
    ("operational-indicators", ObservationViewSet),
    ("unit-assignments", AssignmentViewSet),
    ("impact-estimates", EstimateViewSet),
]

"""Programs, domains and threats over the API. Writes go through the catalog's actions."""
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from puente.core.api import RestrictedViewSet, ScopedRelatedField

from . import actions
from .filters import DomainFilterSet, ProgramFilterSet, ThreatTagFilterSet
from .models import LANGUAGE_CHOICES, AssessmentKind, Domain, Program, ThreatTag


class ScopedSlugRelatedField(serializers.SlugRelatedField):
    """A related object named by its code, chosen among those the requesting user may view."""

    def get_queryset(self):
        request = self.context.get("request")
        return super().get_queryset().model.objects.restrict(getattr(request, "user", None), "view")


@extend_schema_field({
    "type": "array", "minItems": 1, "items": {"type": "string", "enum": [code for code, _label in LANGUAGE_CHOICES]},
})
class LanguagesField(serializers.ListField):
    """Language codes; described inline so the schema does not name a second enum of en/es
    beside the one for a user's language."""

    child = serializers.ChoiceField(choices=LANGUAGE_CHOICES)


class DomainSerializer(serializers.ModelSerializer):
    class Meta:
        model = Domain
        fields = ["id", "code", "name_en", "name_es"]


class ThreatTagSerializer(serializers.ModelSerializer):
    class Meta:
        model = ThreatTag
        fields = ["id", "code", "name_en", "name_es", "weight"]


class ProgramSerializer(serializers.ModelSerializer):
    """A program: its domain and threats by code, its prerequisites by program id."""

    domain = ScopedSlugRelatedField(slug_field="code", queryset=Domain.objects.all())
    threats = ScopedSlugRelatedField(slug_field="code", many=True, required=False, queryset=ThreatTag.objects.all())
    prerequisites = ScopedRelatedField(many=True, required=False, queryset=Program.objects.all())
    languages = LanguagesField(allow_empty=False)
    required_assessments = serializers.ListField(child=serializers.ChoiceField(choices=AssessmentKind.choices), required=False)

    class Meta:
        model = Program
        fields = [
            "id", "code", "title_en", "title_es", "description_en", "description_es", "domain", "threats",
            "mission_critical", "delivery_mode", "hours", "ce_credits", "prerequisites", "vetting_required",
            "min_class_size", "max_class_size", "languages", "min_attendance_percent", "required_assessments", "max_attempts",
            "status", "created", "updated",
        ]
        read_only_fields = ["status", "created", "updated"]


class DomainViewSet(RestrictedViewSet):
    queryset = Domain.objects.all()
    serializer_class = DomainSerializer
    filterset_class = DomainFilterSet
    ordering_fields = ["code", "name_en", "name_es"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_action = actions.create_domain
    update_action = actions.update_domain


class ThreatTagViewSet(RestrictedViewSet):
    queryset = ThreatTag.objects.all()
    serializer_class = ThreatTagSerializer
    filterset_class = ThreatTagFilterSet
    ordering_fields = ["code", "weight"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_action = actions.create_threat
    update_action = actions.update_threat


class ProgramViewSet(RestrictedViewSet):
    """Programs. DELETE retires a program (it is never removed); POST …/reactivate/ offers it again."""

    queryset = Program.objects.select_related("domain").prefetch_related("threats", "prerequisites")
    serializer_class = ProgramSerializer
    filterset_class = ProgramFilterSet
    ordering_fields = ["code", "title_en", "title_es", "hours"]
    create_action = actions.create_program
    update_action = actions.update_program
    delete_action = actions.retire_program

    @extend_schema(request=None, responses=ProgramSerializer)
    @action(detail=True, methods=["post"])
    def reactivate(self, request, pk=None):
        program = self._call(actions.reactivate_program, self.get_object())
        return Response(self.get_serializer(program).data)


ROUTES = [("programs", ProgramViewSet), ("domains", DomainViewSet), ("threats", ThreatTagViewSet)]

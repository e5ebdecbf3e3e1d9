from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from puente.core.api import RestrictedViewSet, ScopedRelatedField
from puente.registry.models import Agency, Person

from . import actions
from .filters import CertificationFilterSet, DogFilterSet, TeamFilterSet, TrainingEntryFilterSet
from .models import Dog, Odor, OdorCertification, Team, TrainingEntry


class OdorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Odor
        fields = ["id", "code", "name_en", "name_es", "validity_months", "is_active"]


class DogSerializer(serializers.ModelSerializer):
    agency = ScopedRelatedField(queryset=Agency.objects.all())

    class Meta:
        model = Dog
        fields = ["id", "code", "name", "breed", "birth_date", "agency", "status", "created", "updated"]
        read_only_fields = ["created", "updated"]


class TeamSerializer(serializers.ModelSerializer):
    dog = ScopedRelatedField(queryset=Dog.objects.all())
    handler = ScopedRelatedField(queryset=Person.objects.all())

    class Meta:
        model = Team
        fields = ["id", "dog", "handler", "formed_on", "ended_on", "created"]
        read_only_fields = ["created"]


class CertificationSerializer(serializers.ModelSerializer):
    team = ScopedRelatedField(queryset=Team.objects.all())
    odor = serializers.SlugRelatedField(slug_field="code", queryset=Odor.objects.all())
    expires_on = serializers.DateField(required=False)
    state = serializers.SerializerMethodField()

    class Meta:
        model = OdorCertification
        fields = ["id", "team", "odor", "certified_on", "expires_on", "state", "evaluator", "notes", "created"]
        read_only_fields = ["created"]

    def get_state(self, certification) -> str:
        return certification.state()


class TrainingEntrySerializer(serializers.ModelSerializer):
    team = ScopedRelatedField(queryset=Team.objects.all())
    odor = serializers.SlugRelatedField(slug_field="code", queryset=Odor.objects.all(), required=False, allow_null=True)
    stage = serializers.CharField(read_only=True)

    class Meta:
        model = TrainingEntry
        fields = [
            "id", "team", "date", "exercise", "odor", "result", "minutes", "notes", "stage", "recorded_by",
            "trainer_approved_by", "trainer_approved_at", "supervisor_approved_by", "supervisor_approved_at", "created",
        ]
        read_only_fields = [
            "recorded_by", "trainer_approved_by", "trainer_approved_at", "supervisor_approved_by", "supervisor_approved_at", "created",
        ]


class OdorViewSet(RestrictedViewSet):
    """Odors teams are certified on; new ones are added as data."""

    queryset = Odor.objects.all()
    serializer_class = OdorSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_action = actions.create_odor
    update_action = actions.update_odor


class DogViewSet(RestrictedViewSet):
    queryset = Dog.objects.select_related("agency")
    serializer_class = DogSerializer
    filterset_class = DogFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_action = actions.create_dog
    update_action = actions.update_dog


class TeamViewSet(RestrictedViewSet):
    """Handler and dog pairs; one active team per dog. DELETE ends the team."""

    queryset = Team.objects.select_related("dog", "handler")
    serializer_class = TeamSerializer
    filterset_class = TeamFilterSet
    create_action = actions.form_team
    update_action = actions.update_team
    delete_action = actions.end_team


class CertificationViewSet(RestrictedViewSet):
    queryset = OdorCertification.objects.select_related("odor")
    serializer_class = CertificationSerializer
    filterset_class = CertificationFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_action = actions.certify
    update_action = actions.update_certification


class TrainingEntryViewSet(RestrictedViewSet):
    """The training log. Entries are approved by a trainer, then by a different supervisor."""

    queryset = TrainingEntry.objects.select_related("odor", "team")
    serializer_class = TrainingEntrySerializer
    filterset_class = TrainingEntryFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_action = actions.log_training
    update_action = actions.update_training

    def _approve(self, fn):
        entry = self._call(fn, self.get_object())
        return Response(self.get_serializer(entry).data)

    @extend_schema(request=None, responses=TrainingEntrySerializer)
    @action(detail=True, methods=["post"], url_path="approve-trainer")
    def approve_trainer(self, request, pk=None):
        """The first approval, by a trainer."""
        return self._approve(actions.approve_as_trainer)

    @extend_schema(request=None, responses=TrainingEntrySerializer)
    @action(detail=True, methods=["post"], url_path="approve-supervisor")
    def approve_supervisor(self, request, pk=None):
        """The second approval, by a supervisor who is not the approving trainer."""
        return self._approve(actions.approve_as_supervisor)


ROUTES = [
    ("canine-odors", OdorViewSet),
    ("canine-dogs", DogViewSet),
    ("canine-teams", TeamViewSet),
    ("canine-certifications", CertificationViewSet),
    ("canine-training", TrainingEntryViewSet),
]

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from puente.capacity.models import Session
from puente.core.api import RestrictedViewSet, ScopedRelatedField
from puente.registry.models import Person

from puente.catalog.models import AssessmentKind
from puente.core.api import ScopedPermission
from puente.core.services import may

from . import actions, transcripts
from .filters import EnrollmentFilterSet, TrainingRecordFilterSet
from .models import Assessment, Attendance, Enrollment, TrainingRecord


class EnrollmentSerializer(serializers.ModelSerializer):
    person = ScopedRelatedField(queryset=Person.objects.all())
    session = ScopedRelatedField(queryset=Session.objects.all())

    class Meta:
        model = Enrollment
        fields = ["id", "person", "session", "agency", "status", "status_reason", "waitlist_priority", "nominated_at"]
        read_only_fields = ["agency", "status", "status_reason", "nominated_at"]
        validators = []  # nominate() refuses a second enrollment in the same session with its reason


class EnrollmentViewSet(RestrictedViewSet):
    """Nominations. POST nominates (or wait-lists) an officer; DELETE withdraws and offers the seat on."""

    queryset = Enrollment.objects.select_related("person", "session", "agency")
    serializer_class = EnrollmentSerializer
    filterset_class = EnrollmentFilterSet
    http_method_names = ["get", "post", "delete", "head", "options"]
    action_grants = {"transition": "change", "close": "change"}

    @staticmethod
    def create_action(actor, *, person, session, waitlist_priority=0):
        return actions.nominate(actor, person, session, waitlist_priority)

    delete_action = actions.withdraw

    @extend_schema(request=inline_serializer("Transition", {"status": serializers.ChoiceField(Enrollment.Status.choices),
                                                             "reason": serializers.CharField(required=False, allow_blank=True)}),
                   responses=EnrollmentSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the enrollment one legal step (confirmed, no_show, cancelled, withdrawn…); 400 names why not."""
        enrollment = self._changeable()
        status = request.data.get("status", "")
        updated = self._call(actions.transition, enrollment, status, str(request.data.get("reason", "")))
        return Response(EnrollmentSerializer(updated, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=EnrollmentSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close the enrollment after the session: completed or failed by the program's rule, or no-show."""
        updated = self._call(actions.finalize, self._changeable())
        return Response(EnrollmentSerializer(updated, context=self.get_serializer_context()).data)

    def _changeable(self):
        return get_object_or_404(Enrollment.objects.restrict(self.request.user, "change").select_related("session__program"), pk=self.kwargs["pk"])


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["id", "enrollment", "day", "mark", "recorded_by", "recorded_at"]
        read_only_fields = fields


class AttendanceMarksSerializer(serializers.Serializer):
    session = serializers.IntegerField()
    day = serializers.DateField()
    marks = serializers.DictField(child=serializers.ChoiceField(Attendance.Mark.choices),
                                  help_text="{enrollment id: present | late | absent | excused}")


class AttendanceViewSet(RestrictedViewSet):
    """Attendance marks. POST records one day of a session for many officers at once."""

    queryset = Attendance.objects.select_related("enrollment")
    serializer_class = AttendanceSerializer
    filterset_fields = ["enrollment", "day", "mark", "enrollment__session"]
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(request=AttendanceMarksSerializer, responses=inline_serializer("MarksSaved", {"changed": serializers.IntegerField()}))
    def create(self, request, *args, **kwargs):
        body = AttendanceMarksSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        session = get_object_or_404(Session.objects.restrict(request.user, "view"), pk=body.validated_data["session"])
        try:
            marks = {int(key): value for key, value in body.validated_data["marks"].items()}
        except ValueError:
            raise exceptions.ValidationError({"marks": ["Keys must be enrollment ids."]}) from None
        changed = self._call(actions.record_attendance, session, body.validated_data["day"], marks)
        return Response({"changed": changed}, status=201)


class AssessmentSerializer(serializers.ModelSerializer):
    enrollment = ScopedRelatedField(queryset=Enrollment.objects.all())
    kind = serializers.ChoiceField(AssessmentKind.choices)
    passed = serializers.BooleanField(read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "enrollment", "kind", "attempt", "taken_on", "score", "pass_mark", "passed", "assessor", "recorded_at"]
        read_only_fields = ["attempt", "assessor", "recorded_at"]


class AssessmentViewSet(RestrictedViewSet):
    """Assessment attempts. POST records the next attempt; past the program's attempts it is refused."""

    queryset = Assessment.objects.select_related("enrollment__session__program")
    serializer_class = AssessmentSerializer
    filterset_fields = ["enrollment", "kind", "enrollment__session"]
    http_method_names = ["get", "post", "head", "options"]

    @staticmethod
    def create_action(actor, *, enrollment, kind, taken_on, score, pass_mark):
        if not Enrollment.objects.restrict(actor, "change").filter(pk=enrollment.pk).exists():
            raise exceptions.PermissionDenied()
        return actions.record_assessment(actor, enrollment, kind, score, pass_mark, taken_on)


class TrainingRecordSerializer(serializers.ModelSerializer):
    program_code = serializers.CharField(source="program.code", read_only=True)
    national_id = serializers.CharField(source="person.national_id", read_only=True)

    class Meta:
        model = TrainingRecord
        fields = ["id", "person", "national_id", "program", "program_code", "agency", "enrollment", "source", "start_date", "end_date",
                  "hours", "ce_credits", "result", "score", "reference", "created"]
        read_only_fields = fields


class TrainingRecordViewSet(viewsets.ReadOnlyModelViewSet):
    """Transcript lines: sessions completed or failed, historic records, e-learning completions."""

    queryset = TrainingRecord.objects.select_related("program", "person")
    serializer_class = TrainingRecordSerializer
    filterset_class = TrainingRecordFilterSet
    permission_classes = [ScopedPermission]

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, "view")


class TranscriptSerializer(serializers.Serializer):
    person = serializers.IntegerField(source="person.pk")
    name = serializers.CharField(source="person.full_name")
    national_id = serializers.CharField(source="person.national_id")
    completed = serializers.IntegerField()
    hours = serializers.DecimalField(max_digits=9, decimal_places=1)
    ce_credits = serializers.DecimalField(max_digits=9, decimal_places=1)
    records = TrainingRecordSerializer(many=True)


class TranscriptViewSet(viewsets.ViewSet):
    """An officer's transcript with credited totals (by person id)."""

    permission_classes = [ScopedPermission]
    queryset = TrainingRecord.objects.all()

    @extend_schema(responses=TranscriptSerializer)
    def retrieve(self, request, pk=None):
        person = get_object_or_404(Person.objects.restrict(request.user, "view"), pk=pk)
        if not may(request.user, "view", TrainingRecord):
            raise exceptions.PermissionDenied()
        return Response(TranscriptSerializer(transcripts.transcript_for(request.user, person)).data)


ROUTES = [
    ("enrollments", EnrollmentViewSet),
    ("attendance", AttendanceViewSet),
    ("assessments", AssessmentViewSet),
    ("training-records", TrainingRecordViewSet),
    ("transcripts", TranscriptViewSet, "transcript"),
]

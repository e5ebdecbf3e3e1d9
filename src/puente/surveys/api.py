"""The survey API: officers list and answer their own surveys; managers read anonymous results;
coordinators answer their officers' follow-ups."""
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from puente.core.api import ScopedPermission
from puente.core.services import may

from . import actions, results
from .filters import FollowUpFilterSet, FollowUpResultsFilterSet, ResultsFilterSet
from .models import FOLLOW_UP_RATINGS, RATINGS, SCALE, FollowUpSurvey, SatisfactionSurvey, SessionSurvey
from .views import own_surveys


class SurveySerializer(serializers.ModelSerializer):
    session = serializers.IntegerField(source="enrollment.session_id", read_only=True)
    program = serializers.CharField(source="enrollment.session.program.code", read_only=True)
    program_title = serializers.CharField(source="enrollment.session.program.title", read_only=True)
    site = serializers.CharField(source="enrollment.session.site.name", read_only=True)
    start_date = serializers.DateField(source="enrollment.session.start_date", read_only=True)
    end_date = serializers.DateField(source="enrollment.session.end_date", read_only=True)

    class Meta:
        model = SatisfactionSurvey
        fields = ["id", "status", "answered_on", "session", "program", "program_title", "site", "start_date", "end_date"]


class AnswerSerializer(serializers.Serializer):
    overall = serializers.IntegerField(min_value=SCALE[0], max_value=SCALE[1])
    relevance = serializers.IntegerField(min_value=SCALE[0], max_value=SCALE[1])
    instructor = serializers.IntegerField(min_value=SCALE[0], max_value=SCALE[1])
    facilities = serializers.IntegerField(min_value=SCALE[0], max_value=SCALE[1])
    recommend = serializers.IntegerField(min_value=SCALE[0], max_value=SCALE[1])
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class AnswerPermission(ScopedPermission):
    """Answering is a change of an existing survey, not the creation of one."""

    def has_permission(self, request, view):
        if view.action != "answer":
            return super().has_permission(request, view)
        return bool(request.user and request.user.is_authenticated) and may(request.user, "change", view.queryset.model)


class SurveyViewSet(viewsets.ReadOnlyModelViewSet):
    """The signed-in officer's satisfaction surveys; `answer` records the answers once, anonymously."""

    queryset = SatisfactionSurvey.objects.all()
    serializer_class = SurveySerializer
    permission_classes = [AnswerPermission]
    filter_backends = [DjangoFilterBackend]
    filterset_fields = ["status"]

    def get_queryset(self):
        return own_surveys(self.request.user)

    @extend_schema(request=AnswerSerializer, responses={201: None})
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        survey = self.get_object()
        body = AnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        _call(actions.answer_survey, request.user, survey, {name: data[name] for name in RATINGS}, data["comment"])
        return Response(status=status.HTTP_201_CREATED)


class ResultSerializer(serializers.Serializer):
    group = serializers.CharField(source="label")
    key = serializers.CharField()
    invited = serializers.IntegerField()
    suppressed = serializers.BooleanField()
    responses = serializers.IntegerField(allow_null=True)
    satisfied = serializers.IntegerField(allow_null=True)
    satisfied_share = serializers.FloatField(allow_null=True)
    response_rate = serializers.FloatField(allow_null=True)
    means = serializers.DictField(child=serializers.FloatField(), allow_null=True)


@extend_schema_serializer(many=False)  # one report, not a list, although served by a list action
class ReportSerializer(serializers.Serializer):
    by = serializers.CharField()
    minimum = serializers.IntegerField(help_text="Groups with fewer responses show no counts.")
    total = ResultSerializer()
    results = ResultSerializer(many=True, source="rows")
    comments = serializers.ListField(child=serializers.CharField())


class ResultViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Anonymous satisfaction results of the sessions the user may see, by one breakdown."""

    queryset = SessionSurvey.objects.all()
    permission_classes = [ScopedPermission]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ResultsFilterSet
    pagination_class = None

    def get_queryset(self):
        return results.visible(self.request.user)

    @extend_schema(
        parameters=[OpenApiParameter("by", OpenApiTypes.STR, enum=list(results.BREAKDOWNS), description="How to group (default program).")],
        responses=ReportSerializer,
    )
    def list(self, request):
        by = request.query_params.get("by", "program")
        if by not in results.BREAKDOWNS:
            raise exceptions.ValidationError({"by": [_("Choose one of: %(choices)s.") % {"choices": ", ".join(results.BREAKDOWNS)}]})
        return Response(ReportSerializer(results.report(self.filter_queryset(self.get_queryset()), by)).data)


class FollowUpSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="enrollment.person_id", read_only=True)
    officer = serializers.CharField(source="enrollment.person.full_name", read_only=True)
    session = serializers.IntegerField(source="enrollment.session_id", read_only=True)
    program = serializers.CharField(source="enrollment.session.program.code", read_only=True)

    class Meta:
        model = FollowUpSurvey
        fields = ["id", "person", "officer", "session", "program", "agency", "opens_on", "closes_on", "status", "answered_on",
                  *FOLLOW_UP_RATINGS, "comment"]
        read_only_fields = fields


class FollowUpAnswerSerializer(serializers.Serializer):
    skills_used = serializers.IntegerField(min_value=SCALE[0], max_value=SCALE[1])
    performance = serializers.IntegerField(min_value=SCALE[0], max_value=SCALE[1])
    recommend = serializers.IntegerField(min_value=SCALE[0], max_value=SCALE[1])
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class FollowUpViewSet(viewsets.ReadOnlyModelViewSet):
    """Follow-up surveys (level 3) of the officers of the agencies the user may see; `answer` records the agency's answers once."""

    queryset = FollowUpSurvey.objects.select_related("enrollment__person", "enrollment__session__program")
    serializer_class = FollowUpSerializer
    permission_classes = [AnswerPermission]
    filter_backends = [DjangoFilterBackend]
    filterset_class = FollowUpFilterSet

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, "change" if self.action == "answer" else "view")

    @extend_schema(request=FollowUpAnswerSerializer, responses={201: FollowUpSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        survey = self.get_object()
        body = FollowUpAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        survey = _call(actions.answer_follow_up, request.user, survey, {name: data[name] for name in FOLLOW_UP_RATINGS}, data["comment"])
        return Response(FollowUpSerializer(survey).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[
            OpenApiParameter("by", OpenApiTypes.STR, enum=list(results.FOLLOW_UP_BREAKDOWNS), description="How to group (default program)."),
            *[OpenApiParameter(name, OpenApiTypes.INT, many=name == "threat") for name in FollowUpResultsFilterSet.base_filters],
        ],
        responses=ReportSerializer, filters=False,
    )
    @action(detail=False, pagination_class=None)
    def results(self, request):
        """Follow-up results (level 3): whether trainings are used on the job, by one breakdown, small groups hidden."""
        by = request.query_params.get("by", "program")
        if by not in results.FOLLOW_UP_BREAKDOWNS:
            raise exceptions.ValidationError({"by": [_("Choose one of: %(choices)s.") % {"choices": ", ".join(results.FOLLOW_UP_BREAKDOWNS)}]})
        filterset = FollowUpResultsFilterSet(request.query_params, queryset=results.visible_follow_ups(request.user), request=request)
        if not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        return Response(ReportSerializer(results.follow_up_report(filterset.qs, by)).data)


def _call(fn, *args):
    """An action's refusals as API errors: a ValidationError is a 400, a PermissionDenied a 403."""
    try:
        return fn(*args)
    except DjangoValidationError as exc:
        raise exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from None
    except DjangoPermissionDenied:
        raise exceptions.PermissionDenied() from None


ROUTES = [
    ("satisfaction-surveys", SurveyViewSet), ("satisfaction-results", ResultViewSet),
    ("follow-up-surveys", FollowUpViewSet),
]

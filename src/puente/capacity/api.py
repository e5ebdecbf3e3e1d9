"""Demand and capacity over the API: the calendar, requests and their windows, allocation runs,
their outcomes and the service-rate report. Writes go through the app's actions."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from puente.catalog.models import Program
from puente.core.api import RestrictedViewSet, ScopedPermission, ScopedRelatedField
from puente.core.jobs import JobError
from puente.registry.models import Agency

from . import actions, reports, runs
from .allocation.model import ProblemError
from .filters import (
    AllocationRunFilterSet, InstructorFilterSet, RunOutcomeFilterSet, SessionFilterSet, SiteFilterSet, TrainingRequestFilterSet,
)
from .models import AllocationRun, Instructor, RequestWindow, Room, RunOutcome, Session, Site, TrainingRequest
from .reasons import EXAMPLE, REASONS


class GrantedActionsMixin:
    """Extra actions that change an object find it among what the user may change (`action_grants`)."""

    action_grants: dict = {}

    def get_queryset(self):
        grant = self.action_grants.get(getattr(self, "action", None))
        if grant is None:
            return super().get_queryset()
        return self.queryset.all().restrict(self.request.user, grant)


class SiteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Site
        fields = ["id", "code", "name", "kind", "agency", "country", "jurisdiction", "is_active"]


class RoomSerializer(serializers.ModelSerializer):
    class Meta:
        model = Room
        fields = ["id", "site", "name", "kind", "capacity"]


class InstructorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Instructor
        fields = ["id", "person", "programs", "home_site", "days_per_year", "is_active"]


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "program", "site", "room", "start_date", "end_date", "seats", "language", "instructors", "status", "fiscal_year"]
        read_only_fields = ["fiscal_year"]


class RequestWindowSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequestWindow
        fields = ["id", "fiscal_year", "opens_on", "closes_on", "status"]
        read_only_fields = ["status"]


class TrainingRequestSerializer(serializers.ModelSerializer):
    agency = ScopedRelatedField(queryset=Agency.objects.all())
    program = serializers.PrimaryKeyRelatedField(queryset=Program.objects.filter(status=Program.Status.ACTIVE))
    preferred_months = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=12), required=False)

    class Meta:
        model = TrainingRequest
        fields = [
            "id", "window", "agency", "program", "seats", "preferred_months", "preferred_sites",
            "justification", "priority", "status", "submitted_at",
        ]
        read_only_fields = ["status", "submitted_at"]


class SiteViewSet(RestrictedViewSet):
    queryset = Site.objects.select_related("country")
    serializer_class = SiteSerializer
    filterset_class = SiteFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_action = actions.create_site
    update_action = actions.update_site


class RoomViewSet(RestrictedViewSet):
    queryset = Room.objects.select_related("site")
    serializer_class = RoomSerializer
    filterset_fields = ["site", "kind"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_action = actions.create_room
    update_action = actions.update_room


class InstructorViewSet(RestrictedViewSet):
    queryset = Instructor.objects.select_related("person").prefetch_related("programs")
    serializer_class = InstructorSerializer
    filterset_class = InstructorFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_action = actions.create_instructor
    update_action = actions.update_instructor


class SessionViewSet(RestrictedViewSet):
    """Sessions. DELETE cancels the session."""

    queryset = Session.objects.select_related("program", "site").prefetch_related("instructors")
    serializer_class = SessionSerializer
    filterset_class = SessionFilterSet
    ordering_fields = ["start_date", "seats"]
    create_action = actions.create_session
    update_action = actions.update_session
    delete_action = actions.cancel_session


class RequestWindowViewSet(GrantedActionsMixin, RestrictedViewSet):
    """Request windows. `close` stops coordinators submitting, changing or withdrawing requests; `reopen` lets them again."""

    queryset = RequestWindow.objects.all()
    serializer_class = RequestWindowSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_action = actions.open_window
    update_action = actions.update_window
    action_grants = {"close": "change", "reopen": "change"}

    @extend_schema(request=None, responses=RequestWindowSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close the window: coordinators can no longer submit, change or withdraw its requests."""
        window = self._call(actions.close_window, self.get_object())
        return Response(RequestWindowSerializer(window, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=RequestWindowSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """Open the window again for coordinators' requests."""
        window = self._call(actions.reopen_window, self.get_object())
        return Response(RequestWindowSerializer(window, context=self.get_serializer_context()).data)


class TrainingRequestViewSet(RestrictedViewSet):
    """Training requests. DELETE withdraws the request (only while its window is open)."""

    queryset = TrainingRequest.objects.select_related("agency", "program", "window").prefetch_related("preferred_sites")
    serializer_class = TrainingRequestSerializer
    filterset_class = TrainingRequestFilterSet
    ordering_fields = ["submitted_at", "seats", "priority"]
    create_action = actions.submit_request
    update_action = actions.update_request
    delete_action = actions.withdraw_request


class AllocationRunSerializer(serializers.ModelSerializer):
    rules = serializers.DictField(
        required=False, help_text=gettext_lazy(
            "The allocation rules by name: critical_factor, border_factor, remote_factor, underserved_factor, "
            "first_seat_fairness, max_share (null: no cap), program_relevance and threat_weights (keyed by "
            "program and threat codes), default_relevance, first_seat_bonus; a rule left out keeps its default."))

    class Meta:
        model = AllocationRun
        fields = ["id", "fiscal_year", "status", "rules", "summary", "plan", "error", "job", "created_by", "created_at",
                  "published_at", "published_by"]
        read_only_fields = ["status", "summary", "plan", "error", "job", "created_by", "created_at", "published_at", "published_by"]


class WhatIfSerializer(serializers.Serializer):
    program_id = serializers.PrimaryKeyRelatedField(queryset=Program.objects.all(), help_text=gettext_lazy("The program of the extra session."))
    site_id = ScopedRelatedField(queryset=Site.objects.all(), help_text=gettext_lazy("The site of the extra session."))
    month = serializers.IntegerField(
        min_value=1, max_value=12, help_text=gettext_lazy("Month of the fiscal year (October = 1), as in the run's capacity plan."))
    seats = serializers.IntegerField(min_value=1, help_text=gettext_lazy("Seats of the extra session."))


class WhatIfResultSerializer(serializers.Serializer):
    predicted_gain = serializers.FloatField(help_text=gettext_lazy("Weighted seats the LP duals predict the session adds."))
    actual_gain = serializers.FloatField(help_text=gettext_lazy("What solving again with the session adds to the objective."))
    actual_weighted_gain = serializers.FloatField(help_text=gettext_lazy("Weighted seats added by solving again."))
    actual_seats_gain = serializers.IntegerField(help_text=gettext_lazy("Seats filled added by solving again."))


class AllocationRunViewSet(GrantedActionsMixin, RestrictedViewSet):
    """Allocation runs. POST stores a run with its rules and queues the solve as a job (see /api/jobs/);
    `publish` publishes a finished run and notifies coordinators; `what-if` solves again with one more session."""

    queryset = AllocationRun.objects.all()
    serializer_class = AllocationRunSerializer
    filterset_class = AllocationRunFilterSet
    ordering_fields = ["created_at", "fiscal_year"]
    http_method_names = ["get", "post", "head", "options"]
    action_grants = {"publish": "change", "what_if": "change"}

    @staticmethod
    def create_action(actor, *, fiscal_year, rules=None):
        return actions.start_run(actor, fiscal_year=fiscal_year, rules=rules)

    def perform_create(self, serializer):
        super().perform_create(serializer)
        serializer.instance.refresh_from_db()  # the job, once the solve is queued

    @extend_schema(request=None, responses=AllocationRunSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish a finished run (the year's earlier published run is withdrawn); coordinators are e-mailed their seats."""
        run = self._call(actions.publish_run, self.get_object())
        return Response(AllocationRunSerializer(run, context=self.get_serializer_context()).data)

    @extend_schema(request=WhatIfSerializer, responses=WhatIfResultSerializer)
    @action(detail=True, methods=["post"], url_path="what-if")
    def what_if(self, request, pk=None):
        """Add one session to the run's problem and solve again: the gain the duals predicted and the actual one."""
        run = self.get_object()
        body = WhatIfSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        numbers = {**body.validated_data, "program_id": body.validated_data["program_id"].pk, "site_id": body.validated_data["site_id"].pk}
        try:
            result = runs.try_extra_session(run, **numbers)
        except (JobError, ProblemError) as exc:
            raise exceptions.ValidationError({"run": [str(exc)]}) from None
        return Response(WhatIfResultSerializer(result).data)


class RunOutcomeSerializer(serializers.ModelSerializer):
    fiscal_year = serializers.IntegerField(source="run.fiscal_year", read_only=True)
    agency = serializers.IntegerField(source="request.agency_id", read_only=True)
    agency_code = serializers.CharField(source="request.agency.code", read_only=True)
    agency_name = serializers.CharField(source="request.agency.name", read_only=True)
    program = serializers.IntegerField(source="request.program_id", read_only=True)
    program_code = serializers.CharField(source="request.program.code", read_only=True)
    reason = serializers.SerializerMethodField(help_text=gettext_lazy("Why the request did not get every seat, in the reader's language."))
    allocation = serializers.DictField(child=serializers.IntegerField(), read_only=True, help_text=gettext_lazy("Seats by session id."))

    class Meta:
        model = RunOutcome
        fields = ["id", "run", "fiscal_year", "request", "agency", "agency_code", "agency_name", "program", "program_code",
                  "seats_requested", "seats_allocated", "first_come_seats", "weight", "reason_code", "reason", "allocation"]
        read_only_fields = fields

    def get_reason(self, outcome) -> str:
        names = self.context.get("example_agencies")
        if names is None:
            return outcome.reason_text
        # RunOutcome.reason_text, with the example agencies' names read once for the whole page.
        text = str(REASONS.get(outcome.reason_code, outcome.reason_code))
        name = names.get(outcome.reason_params.get("example_agency"))
        if name and outcome.reason_code in ("lower_priority", "program_full"):
            text += " " + str(EXAMPLE) % {"agency": name}
        return text


class RunOutcomeViewSet(viewsets.ReadOnlyModelViewSet):
    """What each request got in a run, what first come would have given it, and why not more.
    Coordinators read their agency's outcomes in published runs."""

    queryset = RunOutcome.objects.select_related("run", "request__agency", "request__program")
    serializer_class = RunOutcomeSerializer
    filterset_class = RunOutcomeFilterSet
    permission_classes = [ScopedPermission]
    ordering_fields = ["seats_requested", "seats_allocated", "weight"]

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, "view")

    def get_serializer(self, *args, **kwargs):
        if args and kwargs.get("many"):
            args = (list(args[0]), *args[1:])
            ids = {o.reason_params.get("example_agency") for o in args[0] if o.reason_params}
            names = dict(Agency.objects.filter(pk__in=ids - {None}).values_list("pk", "name")) if ids - {None} else {}
            kwargs["context"] = {**self.get_serializer_context(), "example_agencies": names}
        return super().get_serializer(*args, **kwargs)


class ServiceRateRowSerializer(serializers.Serializer):
    group = serializers.CharField(help_text=gettext_lazy("The program, domain, country, level, state or agency."))
    requested = serializers.IntegerField()
    filled = serializers.IntegerField()
    unmet = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)


class ServiceRateTotalsSerializer(serializers.Serializer):
    run = serializers.IntegerField(source="run.pk", help_text=gettext_lazy("The published run the figures come from."))
    fiscal_year = serializers.IntegerField()
    requested = serializers.IntegerField()
    filled = serializers.IntegerField()
    unmet = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)
    critical_rate = serializers.FloatField(allow_null=True)
    other_rate = serializers.FloatField(allow_null=True)


class ServiceRateYearSerializer(ServiceRateTotalsSerializer):
    request_growth = serializers.FloatField(allow_null=True, help_text=gettext_lazy("Growth in seats requested against the year before."))


class ServiceRateReportSerializer(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True)
    years = serializers.ListField(child=serializers.IntegerField(), help_text=gettext_lazy("The years with a published run."))
    by = serializers.ChoiceField(choices=list(reports.BREAKDOWNS.items()))
    by_label = serializers.CharField()
    rows = ServiceRateRowSerializer(many=True)
    totals = ServiceRateTotalsSerializer(allow_null=True)
    by_year = ServiceRateYearSerializer(many=True)


class _ReportSchema(AutoSchema):
    """The report answers one object, though the router calls its action "list"."""

    def _is_list_view(self, serializer=None):
        return False


class ServiceRateViewSet(viewsets.GenericViewSet):
    """Service rate of the published allocation runs, as the service-rate report shows it: a year's rows by
    program, domain, country, level, state or agency, the year's totals and every published year,
    counted over what the reader may see (a coordinator, their agency)."""

    queryset = RunOutcome.objects.all()  # the grant check: those who may read allocation outcomes
    permission_classes = [ScopedPermission]
    pagination_class = None
    filter_backends = []
    schema = _ReportSchema()

    @extend_schema(
        operation_id="service_rates_retrieve",
        parameters=[
            OpenApiParameter("year", int, description=gettext_lazy("The fiscal year; default the latest with a published run.")),
            OpenApiParameter("by", enum=list(reports.BREAKDOWNS), description=gettext_lazy("The breakdown; default program.")),
        ],
        responses=ServiceRateReportSerializer,
    )
    def list(self, request):
        years = reports.published_years()
        raw_year = request.query_params.get("year", "").strip()
        if raw_year:
            try:
                year = int(raw_year)
            except ValueError:
                year = None
            if year is None or not 2000 <= year <= 2100:
                raise exceptions.ValidationError({"year": [_("“%(value)s” is not a fiscal year.") % {"value": raw_year}]})
        else:
            year = years[-1] if years else None
        by = request.query_params.get("by") or "program"
        if by not in reports.BREAKDOWNS:
            raise exceptions.ValidationError({"by": [_("Break down by one of %(choices)s, not “%(value)s”.") % {
                "choices": ", ".join(reports.BREAKDOWNS), "value": by}]})
        user = request.user
        body = {
            "year": year, "years": years, "by": by, "by_label": str(reports.BREAKDOWNS[by]),
            "rows": reports.breakdown(user, year, by) if year else [],
            "totals": reports.totals(user, year) if year else None,
            "by_year": reports.by_year(user),
        }
        return Response(ServiceRateReportSerializer(body).data)


ROUTES = [
    ("sites", SiteViewSet),
    ("rooms", RoomViewSet),
    ("instructors", InstructorViewSet),
    ("sessions", SessionViewSet),
    ("request-windows", RequestWindowViewSet),
    ("training-requests", TrainingRequestViewSet),
    ("allocation-runs", AllocationRunViewSet, "allocation-run"),
    ("allocation-outcomes", RunOutcomeViewSet, "allocation-outcome"),
    ("service-rates", ServiceRateViewSet, "service-rate"),
]

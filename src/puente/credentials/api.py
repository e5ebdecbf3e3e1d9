import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from puente.catalog.models import Program
from puente.core.api import RestrictedViewSet, ScopedPermission, ScopedRelatedField
from puente.registry.models import Person

from . import actions, views
from .filters import EvaluationFilterSet, IssuedCredentialFilterSet
from .models import Component, CredentialType, Evaluation, IssuedCredential


class ComponentSerializer(serializers.ModelSerializer):
    program = serializers.SlugRelatedField(slug_field="code", queryset=Program.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Component
        fields = ["kind", "evaluation_kind", "program", "vetting_kind", "validity_months"]
        extra_kwargs = {"evaluation_kind": {"required": False}, "vetting_kind": {"required": False}}


class CredentialTypeSerializer(serializers.ModelSerializer):
    components = ComponentSerializer(many=True)

    class Meta:
        model = CredentialType
        fields = ["id", "code", "name_en", "name_es", "description_en", "description_es", "country", "levels", "validity_months",
                  "renewal_window_months", "is_active", "components"]


def _create_type(actor, components=(), **fields):
    return actions.save_type(actor, None, fields, list(components))


def _update_type(actor, credential_type, components=None, **fields):
    if components is None:
        components = [{"kind": c.kind, "evaluation_kind": c.evaluation_kind, "program": c.program, "vetting_kind": c.vetting_kind,
                       "validity_months": c.validity_months} for c in credential_type.components.select_related("program")]
    return actions.save_type(actor, credential_type, fields, list(components))


class CredentialTypeViewSet(RestrictedViewSet):
    """Credential types with their components; a write replaces the whole list of components."""

    queryset = CredentialType.objects.prefetch_related("components__program")
    serializer_class = CredentialTypeSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_action = _create_type
    update_action = _update_type


class EvaluationSerializer(serializers.ModelSerializer):
    person = ScopedRelatedField(queryset=Person.objects.all())

    class Meta:
        model = Evaluation
        fields = ["id", "person", "kind", "evaluated_on", "result", "score", "evaluator", "notes", "recorded_by", "created"]
        read_only_fields = ["recorded_by", "created"]


class EvaluationViewSet(RestrictedViewSet):
    """Evaluations; evidence files are uploaded and read on the web pages only."""

    queryset = Evaluation.objects.select_related("person")
    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_action = actions.record_evaluation
    update_action = actions.update_evaluation


class IssuedCredentialSerializer(serializers.ModelSerializer):
    person = ScopedRelatedField(queryset=Person.objects.all())
    state = serializers.CharField(read_only=True)

    class Meta:
        model = IssuedCredential
        fields = ["id", "serial", "credential_type", "person", "issued_on", "valid_until", "status", "state", "issuer_agency",
                  "issued_by", "renewal_of", "components", "suspended_on", "suspended_reason", "revoked_on", "revoked_reason"]
        read_only_fields = [name for name in fields if name not in ("credential_type", "person", "issued_on")]
        extra_kwargs = {"issued_on": {"required": False}}


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)
    on_date = serializers.DateField(required=False)


class DateSerializer(serializers.Serializer):
    issued_on = serializers.DateField(required=False)


def _issue(actor, credential_type, person, issued_on=None):
    return actions.issue_credential(actor, credential_type, person, issued_on)


class IssuedCredentialViewSet(RestrictedViewSet):
    """Issued credentials. POST issues one (refused with the engine's reasons); actions renew,
    suspend, reinstate and revoke it."""

    queryset = IssuedCredential.objects.select_related("credential_type", "person")
    serializer_class = IssuedCredentialSerializer
    filterset_class = IssuedCredentialFilterSet
    http_method_names = ["get", "post", "head", "options"]
    create_action = _issue

    def get_queryset(self):
        # The state-changing actions are POSTs on an existing credential: they need "change".
        action = "change" if self.action in ("renew", "suspend", "reinstate", "revoke") else None
        if action is None:
            return super().get_queryset()
        return self.queryset.model.objects.restrict(self.request.user, action).select_related("credential_type", "person")

    def _act(self, request, fn, serializer_class=None):
        credential = self.get_object()
        data = {}
        if serializer_class is not None:
            payload = serializer_class(data=request.data)
            payload.is_valid(raise_exception=True)
            data = payload.validated_data
        result = self._call(fn, credential, **data)
        return Response(IssuedCredentialSerializer(result, context=self.get_serializer_context()).data)

    @extend_schema(request=DateSerializer, responses=IssuedCredentialSerializer)
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        return self._act(request, actions.renew_credential, DateSerializer)

    @extend_schema(request=ReasonSerializer, responses=IssuedCredentialSerializer)
    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        return self._act(request, actions.suspend_credential, ReasonSerializer)

    @extend_schema(request=None, responses=IssuedCredentialSerializer)
    @action(detail=True, methods=["post"])
    def reinstate(self, request, pk=None):
        return self._act(request, actions.reinstate_credential)

    @extend_schema(request=ReasonSerializer, responses=IssuedCredentialSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        return self._act(request, actions.revoke_credential, ReasonSerializer)


def _on_date(request) -> datetime.date:
    raw = request.query_params.get("on")
    if not raw:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise exceptions.ValidationError({"on": f"“{raw}” is not a date in the form YYYY-MM-DD."}) from None


class CoverageViewSet(viewsets.GenericViewSet):
    """Coverage of a credential type on a date (?type=MX-CUP&on=2024-03-31), by country, level,
    state and agency, computed from the people's component records."""

    queryset = CredentialType.objects.all()
    permission_classes = [ScopedPermission]
    pagination_class = None

    @extend_schema(parameters=[
        OpenApiParameter("type", OpenApiTypes.STR, description="credential type code, e.g. MX-CUP", required=True),
        OpenApiParameter("on", OpenApiTypes.DATE, description="the date (default today)"),
    ], responses=OpenApiTypes.OBJECT)
    def list(self, request):
        types = CredentialType.objects.restrict(request.user, "view")
        credential_type = get_object_or_404(types, code=request.query_params.get("type", ""))
        if not credential_type.components.exists():
            raise exceptions.ValidationError({"type": "This credential type has no components."})
        return Response(views.coverage_api_payload(credential_type, _on_date(request)))


class StandingViewSet(viewsets.GenericViewSet):
    """A person's standing for every credential type that applies to them (?on=DATE): status,
    last valid day and what is missing or lapsed, from their records."""

    queryset = Person.objects.all()
    permission_classes = [ScopedPermission]

    @extend_schema(parameters=[OpenApiParameter("on", OpenApiTypes.DATE, description="the date (default today)")],
                   responses=OpenApiTypes.OBJECT)
    def retrieve(self, request, pk=None):
        person = get_object_or_404(Person.objects.restrict(request.user, "view").select_related("agency"), pk=pk)
        rows, _issued = views.standing(request.user, person, _on_date(request))
        return Response({"person": person.pk, "on_date": _on_date(request).isoformat(), "credentials": [{
            "credential_type": row["type"].code, "status": str(row["result"].status),
            "valid_until": row["result"].valid_until, "renewal_opens": row["result"].renewal_opens, "reasons": row["reasons"],
        } for row in rows]})


ROUTES = [
    ("credential-types", CredentialTypeViewSet),
    ("evaluations", EvaluationViewSet),
    ("issued-credentials", IssuedCredentialViewSet),
    ("credential-coverage", CoverageViewSet, "credential-coverage"),
    ("credential-standing", StandingViewSet, "credential-standing"),
]

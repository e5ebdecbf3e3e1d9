"""Managing the learning record store over the REST API (the xAPI itself lives at /xapi/)."""
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from puente.catalog.models import Program
from puente.core.api import RestrictedViewSet, ScopedPermission, ScopedRelatedField
from puente.core.services import may
from puente.registry.models import Agency, Person

from . import actions
from .models import ActivityLink, Credential, UnmatchedOutcome


class XAPICredentialSerializer(serializers.ModelSerializer):
    agency = ScopedRelatedField(queryset=Agency.objects.all())
    active = serializers.BooleanField(read_only=True)

    class Meta:
        model = Credential
        fields = ["id", "provider", "agency", "key", "agency_read", "active", "created", "revoked_at"]
        read_only_fields = ["key", "created", "revoked_at"]


class XAPINewCredentialSerializer(XAPICredentialSerializer):
    secret = serializers.CharField(read_only=True, help_text="Shown in this answer only; it is not stored.")

    class Meta(XAPICredentialSerializer.Meta):
        fields = [*XAPICredentialSerializer.Meta.fields, "secret"]


class CredentialViewSet(RestrictedViewSet):
    """xAPI credentials. POST issues one and answers with its secret, once; DELETE revokes."""

    queryset = Credential.objects.select_related("agency")
    serializer_class = XAPICredentialSerializer
    http_method_names = ["get", "post", "delete", "head", "options"]
    filterset_fields = ["agency", "agency_read"]
    delete_action = actions.revoke_credential

    @extend_schema(responses={201: XAPINewCredentialSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        credential, secret = self._call(actions.issue_credential, **serializer.validated_data)
        credential.secret = secret
        return Response(XAPINewCredentialSerializer(credential, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)


class XAPIActivityLinkSerializer(serializers.ModelSerializer):
    program = ScopedRelatedField(queryset=Program.objects.all())

    class Meta:
        model = ActivityLink
        fields = ["id", "activity_iri", "program", "created_by", "created"]
        read_only_fields = ["created_by", "created"]


class ActivityLinkViewSet(RestrictedViewSet):
    """Activities whose completions count as finishing an e-learning or blended program."""

    queryset = ActivityLink.objects.select_related("program")
    serializer_class = XAPIActivityLinkSerializer
    http_method_names = ["get", "post", "delete", "head", "options"]
    filterset_fields = ["program"]
    create_action = actions.link_activity
    delete_action = actions.unlink_activity


class XAPIUnmatchedOutcomeSerializer(serializers.ModelSerializer):
    statement = serializers.UUIDField(source="statement.statement_id", read_only=True)

    class Meta:
        model = UnmatchedOutcome
        fields = ["id", "statement", "agency", "program", "actor_name", "actor_ifi", "result", "finished_on", "reason",
                  "status", "person", "resolved_by", "resolved_at", "created"]
        read_only_fields = fields


class XAPIResolveSerializer(serializers.Serializer):
    person = ScopedRelatedField(queryset=Person.objects.all())


class ResolvePermission(ScopedPermission):
    """Resolving changes an outcome: it needs the change grant, not add."""

    def has_permission(self, request, view):
        if getattr(view, "action", None) == "resolve":
            return bool(request.user and request.user.is_authenticated and may(request.user, "change", UnmatchedOutcome))
        return super().has_permission(request, view)


class UnmatchedOutcomeViewSet(RestrictedViewSet):
    """Completions of linked activities whose actor matched no person; resolve picks the person."""

    queryset = UnmatchedOutcome.objects.select_related("statement")
    permission_classes = [ResolvePermission]
    serializer_class = XAPIUnmatchedOutcomeSerializer
    http_method_names = ["get", "post", "head", "options"]
    filterset_fields = ["status", "agency", "program"]

    def get_queryset(self):
        if self.action == "resolve":
            return self.queryset.restrict(self.request.user, "change")
        return super().get_queryset()

    def create(self, request, *args, **kwargs):
        return Response(status=status.HTTP_405_METHOD_NOT_ALLOWED)

    @extend_schema(request=XAPIResolveSerializer, responses={200: XAPIUnmatchedOutcomeSerializer})
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        outcome = self.get_object()
        body = XAPIResolveSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        outcome = self._call(actions.resolve_outcome, outcome, body.validated_data["person"])
        return Response(XAPIUnmatchedOutcomeSerializer(outcome).data)


ROUTES = [
    ("xapi-credentials", CredentialViewSet, "xapi-credential"),
    ("xapi-activity-links", ActivityLinkViewSet, "xapi-activity-link"),
    ("xapi-unmatched-outcomes", UnmatchedOutcomeViewSet, "xapi-unmatched-outcome"),
]

"""The API's shared pieces: scoped viewsets whose writes go through the apps' actions."""
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, permissions, serializers, viewsets

from .filters import AuditEntryFilterSet
from .models import AuditEntry, Job
from .services import may

METHOD_ACTIONS = {"GET": "view", "HEAD": "view", "OPTIONS": "view", "POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}


class ScopedPermission(permissions.BasePermission):
    """403 when the user's roles grant the method's action nowhere; rows are scoped by restrict()."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        # A viewset's extra actions may name the grant they need (e.g. a status change is "change").
        needed = getattr(view, "action_grants", {}).get(getattr(view, "action", None), METHOD_ACTIONS[request.method])
        return may(request.user, needed, view.queryset.model)


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related-object field whose choices are what the requesting user may view."""

    def get_queryset(self):
        request = self.context.get("request")
        return super().get_queryset().model.objects.restrict(getattr(request, "user", None), "view")


class RestrictedViewSet(viewsets.ModelViewSet):
    """List, retrieve, create, update; DELETE deactivates through the app's action.

    `create_action(actor, **fields)`, `update_action(actor, obj, **fields)` and
    `delete_action(actor, obj)` are the app's service functions.
    """

    permission_classes = [ScopedPermission]
    create_action = update_action = delete_action = None
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, METHOD_ACTIONS[self.request.method])

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(self.request.user, *args, **kwargs)
        except DjangoValidationError as exc:
            raise exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from None
        except DjangoPermissionDenied:
            raise exceptions.PermissionDenied() from None

    def perform_create(self, serializer):
        serializer.instance = self._call(type(self).create_action, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = self._call(type(self).update_action, serializer.instance, **serializer.validated_data)

    def perform_destroy(self, instance):
        if type(self).delete_action is None:
            raise exceptions.MethodNotAllowed("DELETE")
        self._call(type(self).delete_action, instance)


class JobSerializer(serializers.ModelSerializer):
    # While the job runs, what it reported last (see Job.progress), not only what its row holds.
    percent = serializers.IntegerField(source="progress.percent", read_only=True)
    message = serializers.CharField(source="progress.message", read_only=True)

    class Meta:
        model = Job
        fields = ["id", "kind", "params", "state", "percent", "message", "result", "error", "created_by", "created_at", "started_at", "finished_at"]


class JobViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Job.objects.all()
    serializer_class = JobSerializer
    permission_classes = [ScopedPermission]
    filterset_fields = ["state", "kind"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, "view")


class AuditEntrySerializer(serializers.ModelSerializer):
    object_type = serializers.SerializerMethodField()

    class Meta:
        model = AuditEntry
        fields = ["id", "timestamp", "actor", "actor_name", "action", "object_type", "object_id", "object_repr", "changes", "request_id"]

    def get_object_type(self, entry) -> str:
        return entry.content_type.model if entry.content_type_id else ""


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = AuditEntry.objects.select_related("content_type")
    serializer_class = AuditEntrySerializer
    permission_classes = [ScopedPermission]
    search_fields = ["object_repr", "actor_name", "action"]
    filterset_class = AuditEntryFilterSet

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, "view")


ROUTES = [("jobs", JobViewSet), ("audit-entries", AuditEntryViewSet)]

from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from puente.core.api import RestrictedViewSet, ScopedPermission, ScopedRelatedField

from . import actions
from .models import RoleAssignment, User
from .roles import Role


class RoleAssignmentSerializer(serializers.ModelSerializer):
    user = ScopedRelatedField(queryset=User.objects.all())
    agency = ScopedRelatedField(queryset=RoleAssignment._meta.get_field("agency").related_model.objects.all(), allow_null=True, required=False)
    role = serializers.ChoiceField(choices=Role.choices)

    class Meta:
        model = RoleAssignment
        fields = ["id", "user", "role", "agency"]
        validators = []  # the action validates uniqueness and answers 400


class UserSerializer(serializers.ModelSerializer):
    roles = RoleAssignmentSerializer(source="role_assignments", many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "email", "language", "person", "is_active", "roles"]


class UserViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = User.objects.prefetch_related("role_assignments")
    serializer_class = UserSerializer
    permission_classes = [ScopedPermission]
    search_fields = ["username", "first_name", "last_name", "email"]
    filterset_fields = ["is_active"]

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, "view")

    @action(detail=False, methods=["get"])
    def me(self, request):
        """The signed-in user, with their roles."""
        return Response(self.get_serializer(request.user).data)


class RoleAssignmentViewSet(RestrictedViewSet):
    queryset = RoleAssignment.objects.select_related("user", "agency")
    serializer_class = RoleAssignmentSerializer
    filterset_fields = ["role", "agency", "user"]
    http_method_names = ["get", "post", "delete", "head", "options"]

    @staticmethod
    def create_action(actor, *, user, role, agency=None):
        return actions.grant_role(actor, user, role, agency)

    delete_action = actions.revoke_role


ROUTES = [("users", UserViewSet), ("role-assignments", RoleAssignmentViewSet)]

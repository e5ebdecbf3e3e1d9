from rest_framework import serializers

from puente.capacity.models import Session
from puente.core.api import RestrictedViewSet, ScopedRelatedField
from puente.registry.models import Person

from . import actions
from .filters import EnrollmentFilterSet
from .models import Enrollment


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

    @staticmethod
    def create_action(actor, *, person, session, waitlist_priority=0):
        return actions.nominate(actor, person, session, waitlist_priority)

    delete_action = actions.withdraw


ROUTES = [("enrollments", EnrollmentViewSet)]

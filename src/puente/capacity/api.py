from rest_framework import serializers

from puente.catalog.models import Program
from puente.core.api import RestrictedViewSet, ScopedRelatedField
from puente.registry.models import Agency

from . import actions
from .filters import InstructorFilterSet, SessionFilterSet, SiteFilterSet, TrainingRequestFilterSet
from .models import Instructor, RequestWindow, Room, Session, Site, TrainingRequest


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


class RequestWindowViewSet(RestrictedViewSet):
    queryset = RequestWindow.objects.all()
    serializer_class = RequestWindowSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_action = actions.open_window
    update_action = actions.update_window


class TrainingRequestViewSet(RestrictedViewSet):
    """Training requests. DELETE withdraws the request (only while its window is open)."""

    queryset = TrainingRequest.objects.select_related("agency", "program", "window").prefetch_related("preferred_sites")
    serializer_class = TrainingRequestSerializer
    filterset_class = TrainingRequestFilterSet
    ordering_fields = ["submitted_at", "seats", "priority"]
    create_action = actions.submit_request
    update_action = actions.update_request
    delete_action = actions.withdraw_request


ROUTES = [
    ("sites", SiteViewSet),
    ("rooms", RoomViewSet),
    ("instructors", InstructorViewSet),
    ("sessions", SessionViewSet),
    ("request-windows", RequestWindowViewSet),
    ("training-requests", TrainingRequestViewSet),
]

from rest_framework import serializers

from puente.core.api import RestrictedViewSet, ScopedRelatedField
from puente.registry.models import Person

from . import actions
from .filters import VettingCheckFilterSet
from .models import VettingCheck


class VettingCheckSerializer(serializers.ModelSerializer):
    person = ScopedRelatedField(queryset=Person.objects.all())

    class Meta:
        model = VettingCheck
        fields = ["id", "person", "kind", "result", "checked_on", "valid_until", "issuing_center", "notes", "recorded_by", "created"]
        read_only_fields = ["recorded_by", "created"]


class VettingCheckViewSet(RestrictedViewSet):
    """Vetting checks, for vetting officers only. Every retrieve is audited; files are not served here."""

    queryset = VettingCheck.objects.select_related("person")
    serializer_class = VettingCheckSerializer
    filterset_class = VettingCheckFilterSet
    http_method_names = ["get", "post", "head", "options"]
    create_action = actions.record_check

    def get_object(self):
        check = super().get_object()
        if self.request.method in ("GET", "HEAD"):
            self._call(actions.view_check, check)
        return check


ROUTES = [("vetting-checks", VettingCheckViewSet)]

from rest_framework import serializers, viewsets

from puente.core.api import RestrictedViewSet, ScopedPermission, ScopedRelatedField

from . import actions
from .filters import AgencyFilterSet, JurisdictionFilterSet, PersonFilterSet
from .models import Agency, Country, Jurisdiction, Person


class CountrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["code", "name_en", "name_es"]


class JurisdictionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Jurisdiction
        fields = ["id", "country", "kind", "name", "code", "parent", "border_region"]


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = [
            "id", "code", "name", "acronym", "country", "jurisdiction", "level", "kind",
            "border_region", "remote", "is_active", "created", "updated",
        ]
        read_only_fields = ["is_active", "created", "updated"]


class PersonSerializer(serializers.ModelSerializer):
    agency = ScopedRelatedField(queryset=Agency.objects.all())

    class Meta:
        model = Person
        fields = [
            "id", "agency", "country", "given_names", "family_names", "rank", "status",
            "hire_date", "national_id", "email", "created", "updated",
        ]
        read_only_fields = ["country", "created", "updated"]


class CountryViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Country.objects.all()
    serializer_class = CountrySerializer
    permission_classes = [ScopedPermission]
    pagination_class = None

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, "view")


class JurisdictionViewSet(RestrictedViewSet):
    queryset = Jurisdiction.objects.select_related("country")
    serializer_class = JurisdictionSerializer
    filterset_class = JurisdictionFilterSet
    ordering_fields = ["name", "code"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    create_action = actions.create_jurisdiction
    update_action = actions.update_jurisdiction


class AgencyViewSet(RestrictedViewSet):
    """Agencies. DELETE deactivates: agencies are never removed."""

    queryset = Agency.objects.select_related("country", "jurisdiction")
    serializer_class = AgencySerializer
    filterset_class = AgencyFilterSet
    ordering_fields = ["name", "code", "level"]
    create_action = actions.create_agency
    update_action = actions.update_agency
    delete_action = actions.deactivate_agency


class PersonViewSet(RestrictedViewSet):
    """People. DELETE marks the person inactive: their history is kept."""

    queryset = Person.objects.select_related("agency")
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    ordering_fields = ["family_names", "hire_date"]
    create_action = actions.create_person
    update_action = actions.update_person
    delete_action = actions.deactivate_person


ROUTES = [
    ("countries", CountryViewSet),
    ("jurisdictions", JurisdictionViewSet),
    ("agencies", AgencyViewSet),
    ("people", PersonViewSet),
]

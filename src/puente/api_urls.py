"""The REST API: one router for every app, the OpenAPI schema and its local Swagger UI."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from puente.accounts.api import RoleAssignmentViewSet, UserViewSet
from puente.core.api import AuditEntryViewSet, JobViewSet
from puente.registry.api import AgencyViewSet, CountryViewSet, JurisdictionViewSet, PersonViewSet

app_name = "api"

router = DefaultRouter()
router.include_format_suffixes = False
router.register("countries", CountryViewSet)
router.register("jurisdictions", JurisdictionViewSet)
router.register("agencies", AgencyViewSet)
router.register("people", PersonViewSet)
router.register("users", UserViewSet)
router.register("role-assignments", RoleAssignmentViewSet)
router.register("jobs", JobViewSet)
router.register("audit-entries", AuditEntryViewSet)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so the page works under our CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]

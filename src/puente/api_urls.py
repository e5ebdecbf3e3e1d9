"""The REST API: one router for every app's ROUTES, the OpenAPI schema and its local Swagger UI."""
from importlib import import_module

from django.apps import apps
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

app_name = "api"

router = DefaultRouter()
router.include_format_suffixes = False
for config in apps.get_app_configs():
    if config.name.startswith("puente."):
        try:
            module = import_module(f"{config.name}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.api":
                raise
            continue
        # (prefix, viewset) or (prefix, viewset, basename) when two viewsets share a model.
        for prefix, viewset, *basename in getattr(module, "ROUTES", []):
            router.register(prefix, viewset, *basename)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so the page works under our CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]

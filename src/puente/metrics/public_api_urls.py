"""The public API: the published tables as JSON, no sign-in, small cells suppressed."""
from django.urls import path

from . import api

app_name = "public_api"

urlpatterns = [
    path("", api.PublicIndexApi.as_view(), name="index"),
    path("<slug:code>/", api.PublicTableApi.as_view(), name="table"),
]

"""The public API: the published tables as JSON, no sign-in, small cells suppressed."""
from django.urls import path

from . import views

app_name = "public_api"

urlpatterns = [
    path("", views.PublicIndexApi.as_view(), name="index"),
    path("<slug:code>/", views.PublicTableApi.as_view(), name="table"),
]

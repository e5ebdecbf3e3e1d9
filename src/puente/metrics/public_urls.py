"""The public view: no sign-in, aggregated indicators only."""
from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.PublicView.as_view(), name="metrics"),
]

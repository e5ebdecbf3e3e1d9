"""Public verification of certificates: no account needed."""
from django.urls import path

from . import verify_views

app_name = "verify"

urlpatterns = [
    path("", verify_views.VerifyFileView.as_view(), name="check"),
    path("<str:token>/", verify_views.VerifyCredentialView.as_view(), name="credential"),
]

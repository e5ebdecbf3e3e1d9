"""The issuer's public documents: its profile with the public key, its status lists, its achievements."""
from django.urls import path

from puente.credentials import verify_views

app_name = "issuer"

urlpatterns = [
    path("", verify_views.IssuerProfileView.as_view(), name="profile"),
    path("status/<str:purpose>/<int:number>/", verify_views.StatusListView.as_view(), name="status_list"),
    path("achievements/<str:code>/", verify_views.AchievementView.as_view(), name="achievement"),
]

from django.urls import path

from . import views

app_name = "vetting"

urlpatterns = [
    path("checks/", views.VettingCheckListView.as_view(), name="check_list"),
    path("checks/add/", views.VettingCheckEditView.as_view(), name="check_add"),
    path("checks/<int:pk>/", views.VettingCheckDetailView.as_view(), name="check_detail"),
    path("checks/<int:pk>/edit/", views.VettingCheckEditView.as_view(), name="check_edit"),
    path("checks/<int:pk>/evidence/", views.VettingEvidenceView.as_view(), name="check_evidence"),
    path("status/<int:person_id>/", views.VettingStatusView.as_view(), name="status"),
    path("access-log/", views.VettingAccessListView.as_view(), name="access_log"),
]

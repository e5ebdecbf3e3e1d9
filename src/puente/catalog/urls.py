from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("programs/", views.ProgramListView.as_view(), name="program_list"),
    path("programs/add/", views.ProgramEditView.as_view(), name="program_add"),
    path("programs/<int:pk>/", views.ProgramDetailView.as_view(), name="program_detail"),
    path("programs/<int:pk>/edit/", views.ProgramEditView.as_view(), name="program_edit"),
    path("programs/<int:pk>/retire/", views.ProgramRetireView.as_view(), name="program_retire"),
    path("programs/<int:pk>/reactivate/", views.ProgramReactivateView.as_view(), name="program_reactivate"),
    path("domains/", views.DomainListView.as_view(), name="domain_list"),
    path("domains/add/", views.DomainEditView.as_view(), name="domain_add"),
    path("domains/<int:pk>/", views.DomainDetailView.as_view(), name="domain_detail"),
    path("domains/<int:pk>/edit/", views.DomainEditView.as_view(), name="domain_edit"),
    path("threats/", views.ThreatTagListView.as_view(), name="threat_list"),
    path("threats/add/", views.ThreatTagEditView.as_view(), name="threat_add"),
    path("threats/<int:pk>/", views.ThreatTagDetailView.as_view(), name="threat_detail"),
    path("threats/<int:pk>/edit/", views.ThreatTagEditView.as_view(), name="threat_edit"),
]

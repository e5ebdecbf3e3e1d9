from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("jurisdictions/", views.JurisdictionListView.as_view(), name="jurisdiction_list"),
    path("jurisdictions/add/", views.JurisdictionEditView.as_view(), name="jurisdiction_add"),
    path("jurisdictions/<int:pk>/", views.JurisdictionDetailView.as_view(), name="jurisdiction_detail"),
    path("jurisdictions/<int:pk>/edit/", views.JurisdictionEditView.as_view(), name="jurisdiction_edit"),
    path("agencies/", views.AgencyListView.as_view(), name="agency_list"),
    path("agencies/add/", views.AgencyEditView.as_view(), name="agency_add"),
    path("agencies/<int:pk>/", views.AgencyDetailView.as_view(), name="agency_detail"),
    path("agencies/<int:pk>/edit/", views.AgencyEditView.as_view(), name="agency_edit"),
    path("agencies/<int:pk>/deactivate/", views.AgencyDeactivateView.as_view(), name="agency_deactivate"),
    path("agencies/<int:pk>/reactivate/", views.AgencyReactivateView.as_view(), name="agency_reactivate"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/add/", views.PersonEditView.as_view(), name="person_add"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("people/<int:pk>/edit/", views.PersonEditView.as_view(), name="person_edit"),
    path("people/<int:pk>/deactivate/", views.PersonDeactivateView.as_view(), name="person_deactivate"),
]

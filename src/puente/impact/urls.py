from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("", views.ImpactView.as_view(), name="impact"),
    path("estimates/", views.EstimateListView.as_view(), name="estimate_list"),
    path("estimates/<int:pk>/", views.EstimateDetailView.as_view(), name="estimate_detail"),
    path("units/", views.UnitListView.as_view(), name="unit_list"),
    path("units/add/", views.UnitEditView.as_view(), name="unit_add"),
    path("units/<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("units/<int:pk>/edit/", views.UnitEditView.as_view(), name="unit_edit"),
    path("units/<int:pk>/months/<int:year>/<int:month>/", views.UnitMonthView.as_view(), name="unit_month"),
    path("indicators/", views.ObservationListView.as_view(), name="observation_list"),
    path("assignments/", views.AssignmentListView.as_view(), name="assignment_list"),
    path("assignments/add/", views.AssignmentEditView.as_view(), name="assignment_add"),
    path("assignments/<int:pk>/edit/", views.AssignmentEditView.as_view(), name="assignment_edit"),
]

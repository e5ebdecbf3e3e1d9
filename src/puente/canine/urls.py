from django.urls import path

from . import views

app_name = "canine"

urlpatterns = [
    path("", views.TeamListView.as_view(), name="team_list"),
    path("teams/add/", views.TeamEditView.as_view(), name="team_add"),
    path("teams/<int:pk>/", views.TeamDetailView.as_view(), name="team_detail"),
    path("teams/<int:pk>/edit/", views.TeamEditView.as_view(), name="team_edit"),
    path("teams/<int:pk>/end/", views.TeamEndView.as_view(), name="team_end"),
    path("dogs/", views.DogListView.as_view(), name="dog_list"),
    path("dogs/add/", views.DogEditView.as_view(), name="dog_add"),
    path("dogs/<int:pk>/", views.DogDetailView.as_view(), name="dog_detail"),
    path("dogs/<int:pk>/edit/", views.DogEditView.as_view(), name="dog_edit"),
    path("odors/", views.OdorListView.as_view(), name="odor_list"),
    path("odors/add/", views.OdorEditView.as_view(), name="odor_add"),
    path("odors/<int:pk>/", views.OdorDetailView.as_view(), name="odor_detail"),
    path("odors/<int:pk>/edit/", views.OdorEditView.as_view(), name="odor_edit"),
    path("certifications/", views.CertificationListView.as_view(), name="certification_list"),
    path("certifications/add/", views.CertificationEditView.as_view(), name="certification_add"),
    path("certifications/<int:pk>/edit/", views.CertificationEditView.as_view(), name="certification_edit"),
    path("training/", views.TrainingListView.as_view(), name="training_list"),
    path("training/add/", views.TrainingEditView.as_view(), name="training_add"),
    path("training/<int:pk>/", views.TrainingDetailView.as_view(), name="training_detail"),
    path("training/<int:pk>/edit/", views.TrainingEditView.as_view(), name="training_edit"),
    path("training/<int:pk>/approve/trainer/", views.TrainerApproveView.as_view(), name="training_approve_trainer"),
    path("training/<int:pk>/approve/supervisor/", views.SupervisorApproveView.as_view(), name="training_approve_supervisor"),
]

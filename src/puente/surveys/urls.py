from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("mine/", views.MySurveys.as_view(), name="mine"),
    path("<int:pk>/answer/", views.AnswerSurvey.as_view(), name="answer"),
    path("results/", views.ResultsView.as_view(), name="results"),
]

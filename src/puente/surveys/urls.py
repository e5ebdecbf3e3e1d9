from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("mine/", views.MySurveys.as_view(), name="mine"),
    path("<int:pk>/answer/", views.AnswerSurvey.as_view(), name="answer"),
    path("results/", views.ResultsView.as_view(), name="results"),
    path("follow-ups/", views.FollowUpList.as_view(), name="follow_up_list"),
    path("follow-ups/<int:pk>/", views.FollowUpAnswer.as_view(), name="follow_up_answer"),
    path("follow-ups/results/", views.FollowUpResultsView.as_view(), name="follow_up_results"),
]

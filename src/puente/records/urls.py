from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("nominations/", views.EnrollmentListView.as_view(), name="enrollment_list"),
    path("nominations/<int:pk>/", views.EnrollmentDetailView.as_view(), name="enrollment_detail"),
    path("nominations/<int:pk>/withdraw/", views.EnrollmentWithdrawView.as_view(), name="enrollment_withdraw"),
    path("nominations/<int:pk>/status/", views.EnrollmentTransitionView.as_view(), name="enrollment_transition"),
    path("nominations/<int:pk>/assessments/", views.AssessmentAddView.as_view(), name="assessment_add"),
    path("nominations/<int:pk>/close/", views.EnrollmentFinalizeView.as_view(), name="enrollment_finalize"),
    path("sessions/<int:pk>/nominate/", views.NominateView.as_view(), name="nominate"),
    path("fill-term/", views.FillTermView.as_view(), name="fill_term"),
    path("rosters/", views.RosterListView.as_view(), name="roster_list"),
    path("rosters/<int:pk>/", views.RosterView.as_view(), name="roster"),
    path("rosters/<int:pk>/close/", views.RosterFinalizeView.as_view(), name="roster_finalize"),
    path("training-records/", views.TrainingRecordListView.as_view(), name="record_list"),
    path("training-records/<int:pk>/", views.TrainingRecordDetailView.as_view(), name="record_detail"),
    path("transcripts/<int:pk>/", views.TranscriptView.as_view(), name="transcript"),
    path("my-transcript/", views.MyTranscriptView.as_view(), name="my_transcript"),
]

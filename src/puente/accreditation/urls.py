from django.urls import path

from . import views

app_name = "accreditation"

urlpatterns = [
    path("frameworks/", views.FrameworkListView.as_view(), name="framework_list"),
    path("frameworks/import/", views.FrameworkImportView.as_view(), name="framework_import"),
    path("frameworks/compare/", views.FrameworkCompareView.as_view(), name="framework_compare"),
    path("frameworks/<int:pk>/", views.FrameworkDetailView.as_view(), name="framework_detail"),
    path("programs/", views.ProgramListView.as_view(), name="program_list"),
    path("programs/add/", views.ProgramEditView.as_view(), name="program_add"),
    path("programs/<int:pk>/", views.TalliesView.as_view(), name="program_detail"),
    path("programs/<int:pk>/edit/", views.ProgramEditView.as_view(), name="program_edit"),
    path("tallies/", views.TalliesView.as_view(), name="tallies"),
    path("cycles/", views.CycleListView.as_view(), name="cycle_list"),
    path("cycles/add/", views.CycleEnrollView.as_view(), name="cycle_add"),
    path("cycles/<int:pk>/", views.CycleDetailView.as_view(), name="cycle_detail"),
    path("cycles/<int:pk>/advance/", views.CycleAdvanceView.as_view(), name="cycle_advance"),
    path("cycles/<int:pk>/close/", views.CycleCloseView.as_view(), name="cycle_close"),
    path("cycles/<int:pk>/assessors/", views.CycleAssignView.as_view(), name="cycle_assign"),
    path("cycles/<int:pk>/findings/", views.FindingsView.as_view(), name="cycle_findings"),
    path("cycles/<int:pk>/recommendation/", views.RecommendationView.as_view(), name="cycle_recommendation"),
    path("cycles/<int:pk>/onsite/", views.OnsiteAddView.as_view(), name="cycle_onsite"),
    path("cycles/<int:pk>/standards/<int:standard_pk>/", views.CycleStandardView.as_view(), name="cycle_standard"),
    path("proofs/", views.ProofListView.as_view(), name="proof_list"),
    path("proofs/<int:pk>/", views.ProofDetailView.as_view(), name="proof_detail"),
    path("proofs/<int:pk>/file/", views.ProofFileView.as_view(), name="proof_file"),
    path("proofs/<int:pk>/submit/", views.ProofSubmitView.as_view(), name="proof_submit"),
    path("proofs/<int:pk>/review/", views.ProofReviewView.as_view(), name="proof_review"),
    path("proofs/<int:pk>/delete/", views.ProofDeleteView.as_view(), name="proof_delete"),
    path("surveys/", views.SurveyListView.as_view(), name="survey_list"),
    path("surveys/add/", views.SurveyAddView.as_view(), name="survey_add"),
    path("surveys/<int:pk>/", views.SurveyDetailView.as_view(), name="survey_detail"),
    path("surveys/invitations/<int:pk>/", views.SurveyRespondView.as_view(), name="survey_respond"),
]

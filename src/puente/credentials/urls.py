from django.urls import path

from . import views

app_name = "credentials"

urlpatterns = [
    path("", views.IssuedCredentialListView.as_view(), name="credential_list"),
    path("issue/", views.IssueView.as_view(), name="credential_issue"),
    path("<int:pk>/", views.IssuedCredentialDetailView.as_view(), name="credential_detail"),
    path("<int:pk>/renew/", views.RenewView.as_view(), name="credential_renew"),
    path("<int:pk>/suspend/", views.SuspendView.as_view(), name="credential_suspend"),
    path("<int:pk>/reinstate/", views.ReinstateView.as_view(), name="credential_reinstate"),
    path("<int:pk>/revoke/", views.RevokeView.as_view(), name="credential_revoke"),
    path("types/", views.CredentialTypeListView.as_view(), name="type_list"),
    path("types/add/", views.CredentialTypeEditView.as_view(), name="type_add"),
    path("types/import/", views.CredentialTypeImportView.as_view(), name="type_import"),
    path("types/export/", views.CredentialTypeExportView.as_view(), name="type_export"),
    path("types/<int:pk>/", views.CredentialTypeDetailView.as_view(), name="type_detail"),
    path("types/<int:pk>/edit/", views.CredentialTypeEditView.as_view(), name="type_edit"),
    path("evaluations/", views.EvaluationListView.as_view(), name="evaluation_list"),
    path("evaluations/add/", views.EvaluationEditView.as_view(), name="evaluation_add"),
    path("evaluations/<int:pk>/", views.EvaluationDetailView.as_view(), name="evaluation_detail"),
    path("evaluations/<int:pk>/edit/", views.EvaluationEditView.as_view(), name="evaluation_edit"),
    path("evaluations/<int:pk>/evidence/", views.EvaluationEvidenceView.as_view(), name="evaluation_evidence"),
    path("people/<int:pk>/", views.PersonCredentialsView.as_view(), name="person"),
    path("mine/", views.PersonCredentialsView.as_view(), name="mine"),
    path("renewals/", views.RenewalListView.as_view(), name="renewal_list"),
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
]

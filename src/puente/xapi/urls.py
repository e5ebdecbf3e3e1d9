from django.urls import path

from . import lrs, views

app_name = "xapi"

# The xAPI resources keep the specification's paths (no trailing slash); the pages follow the site's.
urlpatterns = [
    path("statements", lrs.statements_view, name="statements"),
    path("activities/state", lrs.state_view, name="state"),
    path("activities/profile", lrs.activity_profile_view, name="activity_profile"),
    path("activities", lrs.activities_view, name="activities"),
    path("agents/profile", lrs.agent_profile_view, name="agent_profile"),
    path("agents", lrs.agents_view, name="agents"),
    path("about", lrs.about_view, name="about"),
    path("credentials/", views.CredentialListView.as_view(), name="credential_list"),
    path("credentials/add/", views.CredentialIssueView.as_view(), name="credential_add"),
    path("credentials/<int:pk>/", views.CredentialDetailView.as_view(), name="credential_detail"),
    path("credentials/<int:pk>/revoke/", views.CredentialRevokeView.as_view(), name="credential_revoke"),
    path("links/", views.LinkListView.as_view(), name="link_list"),
    path("links/add/", views.LinkAddView.as_view(), name="link_add"),
    path("links/<int:pk>/delete/", views.LinkDeleteView.as_view(), name="link_delete"),
    path("unmatched/", views.UnmatchedListView.as_view(), name="unmatched_list"),
    path("unmatched/<int:pk>/", views.UnmatchedResolveView.as_view(), name="unmatched_resolve"),
]

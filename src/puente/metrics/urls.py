from django.urls import path

from . import views

app_name = "metrics"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("views/", views.SavedViewListView.as_view(), name="saved_list"),
    path("views/save/", views.SaveViewView.as_view(), name="saved_add"),
    path("views/<int:pk>/delete/", views.DeleteViewView.as_view(), name="saved_delete"),
    path("report/", views.ReportView.as_view(), name="report"),
    path("report/<int:pk>/download/", views.ReportDownloadView.as_view(), name="report_download"),
]

from django.urls import path

from . import views

app_name = "capacity"

urlpatterns = [
    path("sites/", views.SiteListView.as_view(), name="site_list"),
    path("sites/add/", views.SiteEditView.as_view(), name="site_add"),
    path("sites/<int:pk>/", views.SiteDetailView.as_view(), name="site_detail"),
    path("sites/<int:pk>/edit/", views.SiteEditView.as_view(), name="site_edit"),
    path("rooms/add/", views.RoomEditView.as_view(), name="room_add"),
    path("rooms/<int:pk>/edit/", views.RoomEditView.as_view(), name="room_edit"),
    path("instructors/", views.InstructorListView.as_view(), name="instructor_list"),
    path("instructors/add/", views.InstructorEditView.as_view(), name="instructor_add"),
    path("instructors/<int:pk>/", views.InstructorDetailView.as_view(), name="instructor_detail"),
    path("instructors/<int:pk>/edit/", views.InstructorEditView.as_view(), name="instructor_edit"),
    path("instructors/<int:pk>/absences/", views.InstructorAbsenceView.as_view(), name="instructor_absence"),
    path("sessions/", views.SessionListView.as_view(), name="session_list"),
    path("sessions/add/", views.SessionEditView.as_view(), name="session_add"),
    path("sessions/plan/", views.TermPlanView.as_view(), name="session_plan"),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("sessions/<int:pk>/edit/", views.SessionEditView.as_view(), name="session_edit"),
    path("sessions/<int:pk>/cancel/", views.SessionCancelView.as_view(), name="session_cancel"),
    path("windows/", views.WindowListView.as_view(), name="window_list"),
    path("windows/add/", views.WindowEditView.as_view(), name="window_add"),
    path("windows/<int:pk>/", views.WindowDetailView.as_view(), name="window_detail"),
    path("windows/<int:pk>/edit/", views.WindowEditView.as_view(), name="window_edit"),
    path("windows/<int:pk>/close/", views.WindowCloseView.as_view(), name="window_close"),
    path("windows/<int:pk>/reopen/", views.WindowReopenView.as_view(), name="window_reopen"),
    path("requests/", views.RequestListView.as_view(), name="request_list"),
    path("requests/add/", views.RequestEditView.as_view(), name="request_add"),
    path("requests/<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path("requests/<int:pk>/edit/", views.RequestEditView.as_view(), name="request_edit"),
    path("requests/<int:pk>/withdraw/", views.RequestWithdrawView.as_view(), name="request_withdraw"),
    path("runs/", views.RunListView.as_view(), name="run_list"),
    path("runs/add/", views.RunStartView.as_view(), name="run_add"),
    path("runs/compare/", views.RunCompareView.as_view(), name="run_compare"),
    path("runs/<int:pk>/", views.RunDetailView.as_view(), name="run_detail"),
    path("runs/<int:pk>/publish/", views.RunPublishView.as_view(), name="run_publish"),
    path("runs/<int:pk>/what-if/", views.RunWhatIfView.as_view(), name="run_whatif"),
    path("allocations/", views.OutcomeListView.as_view(), name="outcome_list"),
    path("reports/service-rate/", views.ServiceReportView.as_view(), name="service_report"),
]

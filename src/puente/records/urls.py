from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("nominations/", views.EnrollmentListView.as_view(), name="enrollment_list"),
    path("nominations/<int:pk>/", views.EnrollmentDetailView.as_view(), name="enrollment_detail"),
    path("nominations/<int:pk>/withdraw/", views.EnrollmentWithdrawView.as_view(), name="enrollment_withdraw"),
    path("sessions/<int:pk>/nominate/", views.NominateView.as_view(), name="nominate"),
    path("fill-term/", views.FillTermView.as_view(), name="fill_term"),
]

from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("<int:pk>/certificate.pdf", views.CertificatePdfView.as_view(), name="pdf"),
    path("<int:pk>/open-badge.json", views.OpenBadgeView.as_view(), name="open_badge"),
]

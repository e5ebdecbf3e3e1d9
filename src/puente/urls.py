from django.urls import include, path

from puente.core.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("puente.accounts.urls")),
    path("api/", include("puente.api_urls")),
    path("", include("puente.core.urls")),
    path("", include("puente.registry.urls")),
    path("catalog/", include("puente.catalog.urls")),
    path("capacity/", include("puente.capacity.urls")),
    path("records/", include("puente.records.urls")),
    path("vetting/", include("puente.vetting.urls")),
    path("credentials/", include("puente.credentials.urls")),
    path("credentials/certificates/", include("puente.credentials.certificates.urls")),
    path("credentials/issuer/", include("puente.credentials.certificates.issuer_urls")),
    path("verify/", include("puente.credentials.verify_urls")),
    path("canine/", include("puente.canine.urls")),
    path("accreditation/", include("puente.accreditation.urls")),
    path("xapi/", include("puente.xapi.urls")),
    path("surveys/", include("puente.surveys.urls")),
    path("metrics/", include("puente.metrics.urls")),
    path("public/", include("puente.metrics.public_urls")),
    path("api/public/", include("puente.metrics.public_api_urls")),
    path("impact/", include("puente.impact.urls")),
]

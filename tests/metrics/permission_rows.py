"""Metrics endpoints in the permission matrix: the dashboard for program managers, auditors and
coordinators (a coordinator's figures count their own agency only), saved views per owner."""
from django.urls import reverse

from matrix import ALL, OWN, Endpoint, everyone, expect
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from puente.core.models import Job
from puente.metrics.models import SavedView
from tests.capacity.fixtures import capacity

READERS = expect(program_manager=ALL, auditor=ALL, agency_coordinator=ALL)
FIGURES = expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN)
OWN_VIEWS = expect(program_manager=OWN, auditor=OWN, agency_coordinator=OWN)


def _agency_row(w, t):
    capacity(w)  # the published run the service rate reads
    return f">{w.agency(t).name}<"


def _agency_key(w, t):
    capacity(w)
    return f'"key":{w.agency(t).pk},'


def _view(w, t):
    """A saved view of the signed-in user (own) or of someone else (other)."""
    owner = w.me if t == "own" else w.other_user
    return SavedView.objects.get_or_create(owner=owner, name=f"VIEW-{t}", defaults={"query": "indicator=service_rate"})[0]


RUN_REPORT = expect(program_manager=ALL, agency_coordinator=ALL)


def _report(w, t):
    """A finished report job of the signed-in user (own) or of someone else (other)."""
    owner = w.me if t == "own" else w.other_user
    name = default_storage.save(f"reports/matrix-{t}.html", ContentFile(b"<p>report</p>"))
    return Job.objects.create(kind="metrics.annual_report", created_by=owner, state="succeeded",
                              params={"year": 2024, "language": "en", "fmt": "html"}, result={"file": name})


ROWS = [
    Endpoint("metrics:dashboard", "list", FIGURES, url=lambda w, t: f"{reverse('metrics:dashboard')}?indicator=service_rate&year=2025&by=agency",
             marker=_agency_row),
    Endpoint("metrics:saved_list", "page", READERS),
    Endpoint("metrics:saved_add", "write", READERS, method="post",
             data=lambda w, t: {"name": f"NEW-{t}", "query": "indicator=people_trained"},
             effect=lambda w, t: SavedView.objects.filter(name=f"NEW-{t}").exists()),
    Endpoint("metrics:saved_delete", "write", OWN_VIEWS, obj=_view, method="post", data=lambda w, t: {},
             effect=lambda w, t: not SavedView.objects.filter(name=f"VIEW-{t}").exists()),
    Endpoint("metrics:report", "page", READERS),
    Endpoint("metrics:report", "write", RUN_REPORT, method="post",
             data=lambda w, t: {"year": "2024", "language": "en" if t == "own" else "es", "fmt": "html"},
             effect=lambda w, t: Job.objects.filter(kind="metrics.annual_report", params__language="en" if t == "own" else "es").exists()),
    Endpoint("metrics:report_download", "detail", OWN_VIEWS, obj=_report),
    Endpoint("api:metrics-indicator-list", "page", READERS, api=True),
    Endpoint("api:metrics-indicator-detail", "list", FIGURES, api=True, marker=_agency_key,
             url=lambda w, t: f"{reverse('api:metrics-indicator-detail', args=['service_rate'])}?year=2025&by=agency",
             label="GET api:metrics-indicator-detail by agency"),
    Endpoint("api:metrics-saved-view-list", "list", OWN_VIEWS, api=True, marker=lambda w, t: f'"id":{_view(w, t).pk},'),
    Endpoint("api:metrics-saved-view-detail", "detail", OWN_VIEWS, api=True, obj=_view),
    Endpoint("api:metrics-saved-view-list", "write", READERS, api=True, method="post",
             data=lambda w, t: {"name": f"API-{t}", "query": "indicator=people_trained"},
             effect=lambda w, t: SavedView.objects.filter(name=f"API-{t}").exists()),
    Endpoint("api:metrics-saved-view-detail", "write", OWN_VIEWS, api=True, obj=_view, method="delete",
             effect=lambda w, t: not SavedView.objects.filter(name=f"VIEW-{t}").exists()),
    # Public: aggregated and suppressed, for anyone, signed in or not.
    Endpoint("public:metrics", "page", everyone(ALL), public=True),
    Endpoint("public_api:index", "page", everyone(ALL), public=True, api=True),
    Endpoint("public_api:table", "page", everyone(ALL), public=True, api=True,
             url=lambda w, t: reverse("public_api:table", args=["people-trained"])),
]

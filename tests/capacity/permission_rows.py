"""Demand-and-capacity endpoints in the permission matrix."""
import itertools

from django.urls import reverse

from matrix import ALL, NONE, OWN, Endpoint, expect
from puente.capacity.models import AllocationRun, RequestWindow, Session, Site, TrainingRequest

from .fixtures import capacity, teach

_n = itertools.count()
STAFF = expect(ALL, no_role=NONE)
PM_ONLY = expect(program_manager=ALL)
REQUESTS_VIEW = expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN)
REQUESTS_CHANGE = expect(program_manager=ALL, agency_coordinator=OWN)
SESSION_CHANGE = expect(program_manager=ALL, registrar=OWN)
INSTRUCTORS_VIEW = expect(program_manager=ALL, auditor=ALL, registrar=OWN, agency_coordinator=OWN)


RUNS_VIEW = expect(program_manager=ALL, auditor=ALL)


def _agency_row(w, t):
    capacity(w)  # the published run the report reads
    return f">{w.agency(t).name}<"


def _fresh_draft(w, t):
    AllocationRun.objects.filter(pk=capacity(w)["draft"].pk).update(status="done")
    return {}


def _run(w, t):
    return capacity(w)["run"] if t == "own" else capacity(w)["draft"]


def site(w, t):
    return capacity(w)["site"][t]


def session(w, t):
    chosen = capacity(w)["session"][t]
    if t == "own" and getattr(w, "me", None) is not None:
        teach(w, chosen)
    return chosen


def request_(w, t):
    return capacity(w)["request"][t]


def instructor(w, t):
    return capacity(w)["instructor"][t]


def window(w, t):
    return capacity(w)["window"]


def _session_form(w, t, seats=18):
    s = session(w, t)
    return {"program": s.program_id, "site": s.site_id, "start_date": s.start_date.isoformat(),
            "end_date": s.end_date.isoformat(), "seats": seats, "language": s.language, "status": s.status,
            "instructors": [i.pk for i in s.instructors.all()]}


def _seats_changed(w, t):
    return Session.objects.get(pk=capacity(w)["session"][t].pk).seats == 18


def _request_form(w, t):
    r = request_(w, t)
    return {"window": r.window_id, "agency": r.agency_id, "program": r.program_id, "seats": 9, "justification": r.justification, "priority": 0}


def _request_changed(w, t):
    return TrainingRequest.objects.get(pk=request_(w, t).pk).seats == 9


def _new_request(w, t):
    cap = capacity(w)
    w.marker = f"NEW-{next(_n)}"
    return {"window": cap["window"].pk, "agency": w.agency(t).pk, "program": cap["program"].pk, "seats": 3, "justification": w.marker, "priority": 0}


def _new_request_exists(w, t):
    return TrainingRequest.objects.filter(justification=getattr(w, "marker", "-")).exists()


def _withdrawn(w, t):
    return TrainingRequest.objects.get(pk=request_(w, t).pk).status == TrainingRequest.Status.WITHDRAWN


def _cancelled(w, t):
    return Session.objects.get(pk=capacity(w)["session"][t].pk).status == Session.Status.CANCELLED


def _new_site(w, t):
    w.marker = f"SITE-{next(_n)}"
    return {"code": w.marker, "name": "Nuevo sitio", "kind": "campus", "country": w.agency(t).country_id}


def _new_site_exists(w, t):
    return Site.objects.filter(code=getattr(w, "marker", "-")).exists()


def _closed(w, t):
    return RequestWindow.objects.get(pk=capacity(w)["window"].pk).status == RequestWindow.Status.CLOSED


def _closed_then_reopened(w, t):
    RequestWindow.objects.filter(pk=capacity(w)["window"].pk).update(status=RequestWindow.Status.CLOSED)
    return {}


def _reopened(w, t):
    return RequestWindow.objects.get(pk=capacity(w)["window"].pk).status == RequestWindow.Status.OPEN


def _plan(w, t):
    cap = capacity(w)
    return {"program": cap["program"].pk, "site": site(w, t).pk, "first_start": "2025-03-03", "days": 3,
            "every_weeks": 2, "count": 3, "seats": 12, "language": "es"}


def _planned(w, t):
    return Session.objects.filter(site=site(w, t), seats=12).count() == 3


def _new_window(w, t):
    w.marker = 2030 + next(_n) % 50
    return {"fiscal_year": w.marker, "opens_on": "2029-06-01", "closes_on": "2029-09-30"}


def _window_exists(w, t):
    return RequestWindow.objects.filter(fiscal_year=getattr(w, "marker", 0)).exists()


def _opened_then_closed(w, t):
    RequestWindow.objects.filter(pk=capacity(w)["window"].pk).update(status=RequestWindow.Status.OPEN)
    return {}


def _new_run(w, t):
    capacity(w)  # FY2025 has a request window
    w.runs_before = AllocationRun.objects.count()
    return {"fiscal_year": 2025, "rules": {"max_share": 0.5}}


def _run_started(w, t):
    return AllocationRun.objects.count() > getattr(w, "runs_before", 10**9)


def _what_if(w, t):
    return {"program_id": capacity(w)["program"].pk, "site_id": site(w, t).pk, "month": 5, "seats": 10}


def _outcome(w, t):
    return capacity(w)["outcome"][t]


ROWS = [
    Endpoint("capacity:site_list", "list", STAFF, marker=lambda w, t: site(w, t).code),
    Endpoint("capacity:site_detail", "detail", STAFF, obj=site),
    Endpoint("capacity:site_add", "page", PM_ONLY),
    Endpoint("capacity:site_add", "write", PM_ONLY, method="post", data=_new_site, effect=_new_site_exists),
    Endpoint("capacity:site_edit", "detail", PM_ONLY, obj=site),
    Endpoint("capacity:room_add", "page", PM_ONLY),
    Endpoint("capacity:room_edit", "detail", PM_ONLY, obj=lambda w, t: capacity(w)["room"]),
    Endpoint("capacity:instructor_list", "list", INSTRUCTORS_VIEW, marker=lambda w, t: instructor(w, t).person.family_names),
    Endpoint("capacity:instructor_detail", "detail", INSTRUCTORS_VIEW, obj=instructor),
    Endpoint("capacity:instructor_add", "page", PM_ONLY),
    Endpoint("capacity:instructor_edit", "detail", PM_ONLY, obj=instructor),
    Endpoint("capacity:instructor_absence", "write", PM_ONLY, obj=instructor, method="post",
             data=lambda w, t: {"start_date": "2025-07-01", "end_date": "2025-07-03", "reason": "Licencia"},
             effect=lambda w, t: instructor(w, t).absences.exists()),
    Endpoint("capacity:session_list", "list", STAFF, marker=lambda w, t: f"{session(w, t).site.code}<"),
    Endpoint("capacity:session_detail", "detail", STAFF, obj=session),
    Endpoint("capacity:session_add", "page", PM_ONLY),
    Endpoint("capacity:session_plan", "page", PM_ONLY),
    Endpoint("capacity:session_plan", "write", PM_ONLY, method="post", data=_plan, effect=_planned),
    Endpoint("capacity:session_edit", "detail", SESSION_CHANGE, obj=session),
    Endpoint("capacity:session_edit", "write", SESSION_CHANGE, obj=session, method="post", data=_session_form, effect=_seats_changed),
    Endpoint("capacity:session_cancel", "write", PM_ONLY, obj=session, method="post", data=lambda w, t: {}, effect=_cancelled),
    Endpoint("capacity:window_list", "list", STAFF, marker=lambda w, t: f">{window(w, t).fiscal_year}<"),
    Endpoint("capacity:window_detail", "detail", STAFF, obj=window),
    Endpoint("capacity:window_add", "page", PM_ONLY),
    Endpoint("capacity:window_add", "write", PM_ONLY, method="post", data=_new_window, effect=_window_exists),
    Endpoint("capacity:window_edit", "detail", PM_ONLY, obj=window),
    Endpoint("capacity:window_close", "write", PM_ONLY, obj=window, method="post", data=lambda w, t: {}, effect=_closed),
    Endpoint("capacity:window_reopen", "write", PM_ONLY, obj=window, method="post", data=_closed_then_reopened, effect=_reopened),
    Endpoint("capacity:request_list", "list", REQUESTS_VIEW, marker=lambda w, t: f">#{request_(w, t).pk}<"),
    Endpoint("capacity:request_detail", "detail", REQUESTS_VIEW, obj=request_),
    Endpoint("capacity:request_add", "page", expect(program_manager=ALL, agency_coordinator=ALL)),
    Endpoint("capacity:request_add", "write", REQUESTS_CHANGE, method="post", data=_new_request, effect=_new_request_exists),
    Endpoint("capacity:request_edit", "detail", REQUESTS_CHANGE, obj=request_),
    Endpoint("capacity:request_edit", "write", REQUESTS_CHANGE, obj=request_, method="post", data=_request_form, effect=_request_changed),
    Endpoint("capacity:request_withdraw", "write", REQUESTS_CHANGE, obj=request_, method="post", data=lambda w, t: {}, effect=_withdrawn),
    Endpoint("capacity:run_list", "list", RUNS_VIEW, marker=lambda w, t: f">#{_run(w, t).pk}<"),
    Endpoint("capacity:run_detail", "detail", RUNS_VIEW, obj=_run),
    Endpoint("capacity:run_add", "page", PM_ONLY),
    Endpoint("capacity:run_compare", "page", RUNS_VIEW, url=lambda w, t: f"{reverse('capacity:run_compare')}?a={_run(w, t).pk}&b={capacity(w)['draft'].pk}"),
    Endpoint("capacity:run_publish", "write", PM_ONLY, obj=lambda w, t: capacity(w)["draft"], method="post", data=_fresh_draft,
             effect=lambda w, t: AllocationRun.objects.get(pk=capacity(w)["draft"].pk).status == "published"),
    Endpoint("capacity:run_whatif", "page", PM_ONLY, obj=lambda w, t: capacity(w)["draft"], method="post",
             data=lambda w, t: {"program_id": capacity(w)["program"].pk, "site_id": site(w, t).pk, "month": 5, "seats": 10}),
    Endpoint("capacity:outcome_list", "list", REQUESTS_VIEW, marker=lambda w, t: f">#{capacity(w)['outcome'][t].request_id}<"),
    Endpoint("capacity:service_report", "list", REQUESTS_VIEW, url=lambda w, t: f"{reverse('capacity:service_report')}?by=agency",
             marker=_agency_row),
    # API
    Endpoint("api:site-list", "list", STAFF, api=True, marker=lambda w, t: f'"code":"{site(w, t).code}"'),
    Endpoint("api:site-detail", "detail", STAFF, api=True, obj=site),
    Endpoint("api:site-list", "write", PM_ONLY, api=True, method="post", data=_new_site, effect=_new_site_exists),
    Endpoint("api:room-list", "list", STAFF, api=True, marker=lambda w, t: f'"id":{capacity(w)["room"].pk},'),
    Endpoint("api:room-detail", "detail", STAFF, api=True, obj=lambda w, t: capacity(w)["room"]),
    Endpoint("api:instructor-list", "list", INSTRUCTORS_VIEW, api=True, marker=lambda w, t: f'"id":{instructor(w, t).pk},'),
    Endpoint("api:instructor-detail", "detail", INSTRUCTORS_VIEW, api=True, obj=instructor),
    Endpoint("api:session-list", "list", STAFF, api=True, marker=lambda w, t: f'"id":{session(w, t).pk},'),
    Endpoint("api:session-detail", "detail", STAFF, api=True, obj=session),
    Endpoint("api:session-detail", "write", SESSION_CHANGE, api=True, obj=session, method="patch",
             data=lambda w, t: {"seats": 18}, effect=_seats_changed),
    Endpoint("api:session-detail", "write", PM_ONLY, api=True, obj=session, method="delete", effect=_cancelled),
    Endpoint("api:requestwindow-list", "list", STAFF, api=True, marker=lambda w, t: f'"fiscal_year":{window(w, t).fiscal_year}'),
    Endpoint("api:requestwindow-detail", "detail", STAFF, api=True, obj=window),
    Endpoint("api:requestwindow-list", "write", PM_ONLY, api=True, method="post", data=_new_window, effect=_window_exists),
    Endpoint("api:trainingrequest-list", "list", REQUESTS_VIEW, api=True, marker=lambda w, t: request_(w, t).justification),
    Endpoint("api:trainingrequest-detail", "detail", REQUESTS_VIEW, api=True, obj=request_),
    Endpoint("api:trainingrequest-list", "write", REQUESTS_CHANGE, api=True, method="post", data=_new_request, effect=_new_request_exists),
    Endpoint("api:trainingrequest-detail", "write", REQUESTS_CHANGE, api=True, obj=request_, method="patch",
             data=lambda w, t: {"seats": 9}, effect=_request_changed),
    Endpoint("api:trainingrequest-detail", "write", REQUESTS_CHANGE, api=True, obj=request_, method="delete", effect=_withdrawn),
    Endpoint("api:requestwindow-close", "write", PM_ONLY, api=True, obj=window, method="post", data=_opened_then_closed, effect=_closed),
    Endpoint("api:requestwindow-reopen", "write", PM_ONLY, api=True, obj=window, method="post", data=_closed_then_reopened, effect=_reopened),
    Endpoint("api:allocation-run-list", "list", RUNS_VIEW, api=True, marker=lambda w, t: f'"id":{_run(w, t).pk},'),
    Endpoint("api:allocation-run-detail", "detail", RUNS_VIEW, api=True, obj=_run),
    Endpoint("api:allocation-run-list", "write", PM_ONLY, api=True, method="post", data=_new_run, effect=_run_started),
    Endpoint("api:allocation-run-publish", "write", PM_ONLY, api=True, obj=lambda w, t: capacity(w)["draft"], method="post",
             data=_fresh_draft, effect=lambda w, t: AllocationRun.objects.get(pk=capacity(w)["draft"].pk).status == "published"),
    Endpoint("api:allocation-run-what-if", "page", PM_ONLY, api=True, obj=lambda w, t: capacity(w)["draft"], method="post", data=_what_if),
    Endpoint("api:allocation-outcome-list", "list", REQUESTS_VIEW, api=True, marker=lambda w, t: f'"request":{_outcome(w, t).request_id},'),
    Endpoint("api:allocation-outcome-detail", "detail", REQUESTS_VIEW, api=True, obj=_outcome),
    Endpoint("api:service-rate-list", "list", REQUESTS_VIEW, api=True, url=lambda w, t: f"{reverse('api:service-rate-list')}?by=agency",
             marker=lambda w, t: f'"group":"{_agency_row(w, t)[1:-1]}"'),
]

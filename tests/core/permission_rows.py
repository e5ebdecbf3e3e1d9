"""Jobs, audit log and imports in the permission matrix."""
from django.urls import reverse

from matrix import ALL, OWN, Endpoint, expect

SEES_JOBS = expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN, registrar=OWN)
SEES_AUDIT = expect(program_manager=ALL, auditor=ALL)


def _job(w, t):
    return w.my_job if t == "own" else w.other_job


def _entry(w, t):
    return w.own_entry if t == "own" else w.other_entry


ROWS = [
    Endpoint("core:job_list", "list", SEES_JOBS, marker=lambda w, t: f"{_job(w, t).kind} #{_job(w, t).pk}<"),
    Endpoint("core:job_detail", "detail", SEES_JOBS, obj=_job),
    Endpoint("core:audit_list", "list", SEES_AUDIT, marker=lambda w, t: _entry(w, t).object_repr),
    Endpoint("core:audit_detail", "detail", SEES_AUDIT, obj=_entry),
    Endpoint("core:import", "page", expect(program_manager=ALL, agency_coordinator=ALL), url=lambda w, t: reverse("core:import", args=["people"]), label="GET core:import people"),
    Endpoint("core:import", "page", expect(program_manager=ALL), url=lambda w, t: reverse("core:import", args=["agencies"]), label="GET core:import agencies"),
    # Registrars record their sessions' completions but do not import history.
    Endpoint("core:import", "page", expect(program_manager=ALL, agency_coordinator=ALL), url=lambda w, t: reverse("core:import", args=["training-records"]), label="GET core:import training-records"),
    Endpoint("api:job-list", "list", SEES_JOBS, api=True, marker=lambda w, t: f'"id":{_job(w, t).pk},'),
    Endpoint("api:job-detail", "detail", SEES_JOBS, api=True, obj=_job),
    Endpoint("api:auditentry-list", "list", SEES_AUDIT, api=True, marker=lambda w, t: _entry(w, t).object_repr),
    Endpoint("api:auditentry-detail", "detail", SEES_AUDIT, api=True, obj=_entry),
]

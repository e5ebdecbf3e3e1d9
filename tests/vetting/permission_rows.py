"""Vetting endpoints in the permission matrix: details for vetting officers only, status for
anyone who may see the person, the access log for program managers and auditors."""
from django.urls import reverse

from matrix import ALL, OWN, Endpoint, expect
from puente.core import audit
from puente.vetting.models import VIEW_ACTION, VettingCheck

from tests.vetting.fixtures import vetting_check, with_evidence

DETAILS = expect(vetting_officer=ALL)
# Who may view a person (registry grants): their status comes with it.
STATUS = expect(program_manager=ALL, auditor=ALL, vetting_officer=ALL, agency_coordinator=OWN, registrar=OWN, officer=OWN)
ACCESS_LOG = expect(program_manager=ALL, auditor=ALL)


def _form(w, t):
    return {"person": w.person(t).national_id, "kind": "polygraph", "result": "passed", "checked_on": "2024-03-01",
            "valid_until": "2027-03-01", "issuing_center": f"NEW-{t}", "notes": ""}


def _added(w, t):
    return VettingCheck.objects.filter(issuing_center=f"NEW-{t}").exists()


def _edit_form(w, t):
    body = _form(w, t)
    body["issuing_center"] = f"EDITED-{t}"
    vetting_check(w, t)
    return body


def _edited(w, t):
    return VettingCheck.objects.get(pk=vetting_check(w, t).pk).issuing_center == f"EDITED-{t}"


def _api_body(w, t):
    return {"person": w.person(t).pk, "kind": "polygraph", "result": "passed", "checked_on": "2024-03-01",
            "valid_until": "2027-03-01", "issuing_center": f"NEW-{t}"}


def _access(w, t):
    """An entry of a read of the target's check, by a viewer named after the target."""
    check = vetting_check(w, t)
    if not hasattr(w, "vetting_reads"):
        w.vetting_reads = {}
    if t not in w.vetting_reads:
        w.vetting_reads[t] = audit.record(w.user("vetting_officer", username=f"VIEWER-{t}"), VIEW_ACTION, check)
    return f">VIEWER-{t}<"


ROWS = [
    Endpoint("vetting:check_list", "list", DETAILS, marker=lambda w, t: f">{vetting_check(w, t).issuing_center}<"),
    Endpoint("vetting:check_add", "page", DETAILS),
    Endpoint("vetting:check_add", "write", DETAILS, method="post", data=_form, effect=_added),
    Endpoint("vetting:check_detail", "detail", DETAILS, obj=vetting_check),
    Endpoint("vetting:check_edit", "detail", DETAILS, obj=vetting_check),
    Endpoint("vetting:check_edit", "write", DETAILS, obj=vetting_check, method="post", data=_edit_form, effect=_edited),
    Endpoint("vetting:check_evidence", "detail", DETAILS, obj=with_evidence),
    Endpoint("vetting:status", "detail", STATUS, url=lambda w, t: reverse("vetting:status", args=[w.person(t).pk])),
    Endpoint("vetting:access_log", "list", ACCESS_LOG, marker=_access),
    Endpoint("api:vettingcheck-list", "list", DETAILS, api=True, marker=lambda w, t: f'"id":{vetting_check(w, t).pk},'),
    Endpoint("api:vettingcheck-detail", "detail", DETAILS, api=True, obj=vetting_check),
    Endpoint("api:vettingcheck-list", "write", DETAILS, api=True, method="post", data=_api_body, effect=_added),
]

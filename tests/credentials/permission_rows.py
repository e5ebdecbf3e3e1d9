"""Credential endpoints in the permission matrix.

Types and coverage are reference data every role reads; program managers define types and
issue, renew, suspend and revoke credentials. Coordinators see their agency's evaluations,
credentials and renewal list and send reminders; registrars record evaluations; officers see
their own.
"""
from django.urls import reverse
from django.utils import timezone

from matrix import ALL, OWN, Endpoint, expect
from puente.core.models import AuditEntry
from puente.credentials.models import CredentialType, Evaluation, IssuedCredential

from tests.credentials.certificates.permission_rows import ROWS as CERTIFICATE_ROWS
from tests.credentials.fixtures import credential, credential_type, due, evaluation, suspended, with_evidence

EVERY_ROLE = expect(ALL, no_role="none")
MANAGER = expect(program_manager=ALL)
EVALUATIONS = expect(program_manager=ALL, agency_coordinator=OWN, registrar=OWN, officer=OWN)
RECORD_EVALUATIONS = expect(program_manager=ALL, agency_coordinator=OWN, registrar=OWN)
CHANGE_EVALUATIONS = expect(program_manager=ALL, agency_coordinator=OWN)
CREDENTIALS = expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN, officer=OWN)
RENEWALS = expect(program_manager=ALL, agency_coordinator=OWN)
# Whoever may view the person (registry grants) sees their standing.
PERSON = expect(program_manager=ALL, auditor=ALL, vetting_officer=ALL, agency_coordinator=OWN, registrar=OWN, officer=OWN)


def _issue_form(w, t):
    evaluation(w, t)
    return {"credential_type": credential_type(w, t).pk, "person": w.person(t).national_id, "issued_on": ""}


def _issued(w, t):
    return IssuedCredential.objects.filter(person=w.person(t), issued_by__isnull=False).exists()


def _type_form(w, t):
    return {"code": f"NEW-{t.upper()}", "name_en": "New", "name_es": "Nuevo", "description_en": "", "description_es": "",
            "country": w.person(t).country_id, "validity_months": 24, "renewal_window_months": 3, "is_active": "on",
            "components-TOTAL_FORMS": "1", "components-INITIAL_FORMS": "0", "components-0-kind": "evaluation",
            "components-0-evaluation_kind": "performance", "components-0-validity_months": "12"}


def _type_added(w, t):
    return CredentialType.objects.filter(code=f"NEW-{t.upper()}").exists()


def _type_edit_form(w, t):
    body = _type_form(w, t)
    body["code"] = credential_type(w, t).code
    body["name_en"] = f"EDITED-{t}"
    return body


def _type_edited(w, t):
    return CredentialType.objects.get(pk=credential_type(w, t).pk).name_en == f"EDITED-{t}"


def _evaluation_form(w, t):
    return {"person": w.person(t).national_id, "kind": "performance", "evaluated_on": "2024-03-01", "result": "passed",
            "score": "90", "evaluator": f"NEW-{t}", "notes": ""}


def _evaluation_added(w, t):
    return Evaluation.objects.filter(evaluator=f"NEW-{t}").exists()


def _evaluation_edit_form(w, t):
    body = _evaluation_form(w, t)
    body.update(kind="firearms", evaluator=f"EDITED-{t}", evaluated_on=evaluation(w, t).evaluated_on.isoformat())
    return body


def _evaluation_edited(w, t):
    return Evaluation.objects.get(pk=evaluation(w, t).pk).evaluator == f"EDITED-{t}"


def _status_is(state, fixture=credential):
    return lambda w, t: IssuedCredential.objects.get(pk=fixture(w, t).pk).status == state


def _renewed(w, t):
    return IssuedCredential.objects.filter(renewal_of=credential(w, t)).exists()


def _renewal_url(w, t):
    due(w, t)
    return f"{reverse('credentials:renewal_list')}?credential_type={credential_type(w, t).pk}&months=12"


def _remind_form(w, t):
    due(w, t)
    return {"credential_type": credential_type(w, t).pk, "agency": w.agency(t).pk, "months": 12}


def _reminded(w, t):
    return AuditEntry.objects.filter(action="credentials.renewal.remind", object_id=str(w.person(t).pk)).exists()


def _api_type(w, t):
    return {"code": f"NEW-{t.upper()}", "name_en": "New", "name_es": "Nuevo", "country": w.person(t).country_id,
            "levels": [], "validity_months": 24, "renewal_window_months": 3,
            "components": [{"kind": "evaluation", "evaluation_kind": "performance", "validity_months": 12}]}


def _api_evaluation(w, t):
    return {"person": w.person(t).pk, "kind": "performance", "evaluated_on": "2024-03-01", "result": "passed",
            "evaluator": f"NEW-{t}"}


def _api_issue(w, t):
    evaluation(w, t)
    return {"credential_type": credential_type(w, t).pk, "person": w.person(t).pk}


def _coverage_url(w, t):
    evaluation(w, t)
    return f"{reverse('api:credential-coverage-list')}?type={credential_type(w, t).code}&on={timezone.localdate().isoformat()}"


ROWS = [
    # Issued credentials
    Endpoint("credentials:credential_list", "list", CREDENTIALS, marker=lambda w, t: f">{credential(w, t).serial}<"),
    Endpoint("credentials:credential_detail", "detail", CREDENTIALS, obj=credential),
    Endpoint("credentials:credential_issue", "page", MANAGER),
    Endpoint("credentials:credential_issue", "write", MANAGER, method="post", data=_issue_form, effect=_issued),
    Endpoint("credentials:credential_renew", "detail", MANAGER, obj=credential),
    Endpoint("credentials:credential_renew", "write", MANAGER, obj=credential, method="post", data=lambda w, t: {"issued_on": ""},
             effect=_renewed),
    Endpoint("credentials:credential_suspend", "detail", MANAGER, obj=credential),
    Endpoint("credentials:credential_suspend", "write", MANAGER, obj=credential, method="post",
             data=lambda w, t: {"reason": "Internal investigation"}, effect=_status_is("suspended")),
    Endpoint("credentials:credential_reinstate", "detail", MANAGER, obj=suspended),
    Endpoint("credentials:credential_reinstate", "write", MANAGER, obj=suspended, method="post", data=lambda w, t: {},
             effect=_status_is("current", suspended)),
    Endpoint("credentials:credential_revoke", "detail", MANAGER, obj=credential),
    Endpoint("credentials:credential_revoke", "write", MANAGER, obj=credential, method="post",
             data=lambda w, t: {"reason": "Dismissed"}, effect=_status_is("revoked")),
    # Types
    Endpoint("credentials:type_list", "list", EVERY_ROLE, marker=lambda w, t: f">{credential_type(w, t).code}<"),
    Endpoint("credentials:type_detail", "detail", EVERY_ROLE, obj=credential_type),
    Endpoint("credentials:type_export", "page", EVERY_ROLE),
    Endpoint("credentials:type_add", "page", MANAGER),
    Endpoint("credentials:type_add", "write", MANAGER, method="post", data=_type_form, effect=_type_added),
    Endpoint("credentials:type_edit", "detail", MANAGER, obj=credential_type),
    Endpoint("credentials:type_edit", "write", MANAGER, obj=credential_type, method="post", data=_type_edit_form, effect=_type_edited),
    Endpoint("credentials:type_import", "page", MANAGER),
    # Evaluations
    Endpoint("credentials:evaluation_list", "list", EVALUATIONS, marker=lambda w, t: f">{evaluation(w, t).evaluator}<"),
    Endpoint("credentials:evaluation_detail", "detail", EVALUATIONS, obj=evaluation),
    Endpoint("credentials:evaluation_evidence", "detail", EVALUATIONS, obj=with_evidence),
    Endpoint("credentials:evaluation_add", "page", expect(program_manager=ALL, agency_coordinator=ALL, registrar=ALL)),
    Endpoint("credentials:evaluation_add", "write", RECORD_EVALUATIONS, method="post", data=_evaluation_form, effect=_evaluation_added),
    Endpoint("credentials:evaluation_edit", "detail", CHANGE_EVALUATIONS, obj=evaluation),
    Endpoint("credentials:evaluation_edit", "write", CHANGE_EVALUATIONS, obj=evaluation, method="post", data=_evaluation_edit_form,
             effect=_evaluation_edited),
    # A person's standing, renewals, coverage
    Endpoint("credentials:person", "detail", PERSON, url=lambda w, t: reverse("credentials:person", args=[w.person(t).pk])),
    Endpoint("credentials:mine", "page", expect(officer=ALL)),
    Endpoint("credentials:renewal_list", "list", RENEWALS, url=_renewal_url, marker=lambda w, t: f">{w.person(t).national_id}<"),
    Endpoint("credentials:renewal_list", "write", RENEWALS, method="post", data=_remind_form, effect=_reminded),
    Endpoint("credentials:coverage", "page", EVERY_ROLE),
    # API
    Endpoint("api:credentialtype-list", "list", EVERY_ROLE, api=True, marker=lambda w, t: f'"code":"{credential_type(w, t).code}"'),
    Endpoint("api:credentialtype-detail", "detail", EVERY_ROLE, api=True, obj=credential_type),
    Endpoint("api:credentialtype-list", "write", MANAGER, api=True, method="post", data=_api_type, effect=_type_added),
    Endpoint("api:evaluation-list", "list", EVALUATIONS, api=True, marker=lambda w, t: f'"id":{evaluation(w, t).pk},'),
    Endpoint("api:evaluation-detail", "detail", EVALUATIONS, api=True, obj=evaluation),
    Endpoint("api:evaluation-list", "write", RECORD_EVALUATIONS, api=True, method="post", data=_api_evaluation, effect=_evaluation_added),
    Endpoint("api:issuedcredential-list", "list", CREDENTIALS, api=True, marker=lambda w, t: f'"serial":"{credential(w, t).serial}"'),
    Endpoint("api:issuedcredential-detail", "detail", CREDENTIALS, api=True, obj=credential),
    Endpoint("api:issuedcredential-list", "write", MANAGER, api=True, method="post", data=_api_issue, effect=_issued),
    Endpoint("api:issuedcredential-renew", "write", MANAGER, api=True, obj=credential, method="post", data=lambda w, t: {},
             effect=_renewed),
    Endpoint("api:issuedcredential-suspend", "write", MANAGER, api=True, obj=credential, method="post",
             data=lambda w, t: {"reason": "Investigation"}, effect=_status_is("suspended")),
    Endpoint("api:issuedcredential-reinstate", "write", MANAGER, api=True, obj=suspended, method="post", data=lambda w, t: {},
             effect=_status_is("current", suspended)),
    Endpoint("api:issuedcredential-revoke", "write", MANAGER, api=True, obj=credential, method="post",
             data=lambda w, t: {"reason": "Dismissed"}, effect=_status_is("revoked")),
    Endpoint("api:credential-coverage-list", "page", EVERY_ROLE, api=True, url=_coverage_url),
    Endpoint("api:credential-standing-detail", "detail", PERSON, api=True,
             url=lambda w, t: reverse("api:credential-standing-detail", args=[w.person(t).pk])),
]

ROWS += CERTIFICATE_ROWS

"""Learning record store endpoints in the permission matrix.

The xAPI resources answer HTTP Basic credentials only: no role reaches them through a
signed-in session (403), and without credentials they answer 401, like the API. Only
/xapi/about is public. The management pages and API follow the role grants: program
managers issue credentials and link activities, coordinators resolve their agency's
unmatched outcomes, auditors read.
"""
import json
import uuid
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from matrix import ALL, NONE, OWN, Endpoint, everyone, expect
from puente.accounts.roles import Role
from puente.catalog.models import Domain, Program
from puente.xapi import actions
from puente.xapi.models import ActivityLink, Credential, Statement, UnmatchedOutcome

CREDENTIALS = expect(program_manager=ALL, auditor=ALL)
MANAGE = expect(program_manager=ALL)
UNMATCHED = expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN)
RESOLVE = expect(program_manager=ALL, agency_coordinator=OWN)
BASIC_ONLY = everyone(NONE)


def _cache(w, name, t, build):
    store = w.__dict__.setdefault(name, {})
    if t not in store:
        store[t] = build()
    return store[t]


def _issuer(w):
    return _cache(w, "xapi_issuer", "", lambda: w.user(Role.PROGRAM_MANAGER, username="xapi-issuer"))


def credential(w, t):
    return _cache(w, "xapi_credentials", t, lambda: actions.issue_credential(_issuer(w), f"LMS {t}", w.agency(t))[0])


def program(w):
    def build():
        domain, _ = Domain.objects.get_or_create(code="ELEARN", defaults={"name_en": "E-learning", "name_es": "En línea"})
        return Program.objects.get_or_create(code="EL-MATRIX", defaults={
            "title_en": "Online course", "title_es": "Curso en línea", "domain": domain, "hours": Decimal("4"),
            "delivery_mode": Program.DeliveryMode.E_LEARNING, "languages": ["es"]})[0]
    return _cache(w, "xapi_program", "", build)


def link(w, t):
    return _cache(w, "xapi_links", t, lambda: ActivityLink.objects.create(activity_iri=f"https://lms.example.org/{t}", program=program(w)))


def outcome(w, t):
    def build():
        c = credential(w, t)
        row = Statement.objects.create(
            statement_id=uuid.uuid4(), credential=c, agency=c.agency, verb="http://adlnet.gov/expapi/verbs/completed", verb_key="k",
            timestamp=timezone.now(), stored=timezone.now(), data="{}")
        return UnmatchedOutcome.objects.create(statement=row, agency=c.agency, program=program(w), actor_name=f"Learner {t}",
                                               actor_ifi=f"mbox:mailto:{t}@example.org", result="completed",
                                               finished_on=timezone.localdate(), reason="No person")
    return _cache(w, "xapi_outcomes", t, build)


def _statement_body(w, t):
    return {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, t)), "actor": {"mbox": f"mailto:{t}@example.org"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"}, "object": {"id": "https://lms.example.org/a"}}


def _xapi(name, **params):
    path = reverse(f"xapi:{name}")
    return lambda w, t: path + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


AGENT = json.dumps({"mbox": "mailto:a@example.org"})


def _revoked(w, t):
    return Credential.objects.get(pk=credential(w, t).pk).revoked_at is not None


def _resolved(w, t):
    return UnmatchedOutcome.objects.get(pk=outcome(w, t).pk).status == "resolved"


ROWS = [
    # The xAPI itself: Basic-auth credentials only.
    Endpoint("xapi:statements", "detail", BASIC_ONLY, api=True),
    Endpoint("xapi:statements", "write", BASIC_ONLY, api=True, method="post", data=_statement_body,
             effect=lambda w, t: Statement.objects.filter(statement_id=uuid.uuid5(uuid.NAMESPACE_URL, t)).exists()),
    Endpoint("xapi:state", "detail", BASIC_ONLY, api=True, url=_xapi("state", activityId="https://x.org/a", agent=AGENT)),
    Endpoint("xapi:activity_profile", "detail", BASIC_ONLY, api=True, url=_xapi("activity_profile", activityId="https://x.org/a")),
    Endpoint("xapi:agent_profile", "detail", BASIC_ONLY, api=True, url=_xapi("agent_profile", agent=AGENT)),
    Endpoint("xapi:activities", "detail", BASIC_ONLY, api=True, url=_xapi("activities", activityId="https://x.org/a")),
    Endpoint("xapi:agents", "detail", BASIC_ONLY, api=True, url=_xapi("agents", agent=AGENT)),
    Endpoint("xapi:about", "page", everyone(ALL), api=True, public=True),
    # Credentials.
    Endpoint("xapi:credential_list", "list", CREDENTIALS, marker=lambda w, t: f">{credential(w, t).key}<"),
    Endpoint("xapi:credential_add", "page", MANAGE),
    Endpoint("xapi:credential_add", "write", MANAGE, method="post",
             data=lambda w, t: {"provider": f"NEW-{t}", "agency": w.agency(t).pk},
             effect=lambda w, t: Credential.objects.filter(provider=f"NEW-{t}").exists()),
    Endpoint("xapi:credential_detail", "detail", CREDENTIALS, obj=credential),
    Endpoint("xapi:credential_revoke", "detail", MANAGE, obj=credential),
    Endpoint("xapi:credential_revoke", "write", MANAGE, obj=credential, method="post", data=lambda w, t: {}, effect=_revoked),
    Endpoint("api:xapi-credential-list", "list", CREDENTIALS, api=True, marker=lambda w, t: f'"key":"{credential(w, t).key}"'),
    Endpoint("api:xapi-credential-detail", "detail", CREDENTIALS, api=True, obj=credential),
    Endpoint("api:xapi-credential-list", "write", MANAGE, api=True, method="post",
             data=lambda w, t: {"provider": f"API-{t}", "agency": w.agency(t).pk},
             effect=lambda w, t: Credential.objects.filter(provider=f"API-{t}").exists()),
    Endpoint("api:xapi-credential-detail", "write", MANAGE, api=True, obj=credential, method="delete", effect=_revoked),
    # Linked activities (not tied to an agency: both targets are anyone's).
    Endpoint("xapi:link_list", "list", CREDENTIALS, marker=lambda w, t: link(w, t).activity_iri),
    Endpoint("xapi:link_add", "page", MANAGE),
    Endpoint("xapi:link_add", "write", MANAGE, method="post",
             data=lambda w, t: {"activity_iri": f"https://lms.example.org/new-{t}", "program": program(w).pk},
             effect=lambda w, t: ActivityLink.objects.filter(activity_iri=f"https://lms.example.org/new-{t}").exists()),
    Endpoint("xapi:link_delete", "detail", MANAGE, obj=link),
    Endpoint("xapi:link_delete", "write", MANAGE, obj=link, method="post", data=lambda w, t: {},
             effect=lambda w, t: not ActivityLink.objects.filter(pk=link(w, t).pk).exists()),
    Endpoint("api:xapi-activity-link-list", "list", CREDENTIALS, api=True, marker=lambda w, t: f'"activity_iri":"{link(w, t).activity_iri}"'),
    Endpoint("api:xapi-activity-link-detail", "detail", CREDENTIALS, api=True, obj=link),
    Endpoint("api:xapi-activity-link-list", "write", MANAGE, api=True, method="post",
             data=lambda w, t: {"activity_iri": f"https://lms.example.org/api-{t}", "program": program(w).pk},
             effect=lambda w, t: ActivityLink.objects.filter(activity_iri=f"https://lms.example.org/api-{t}").exists()),
    # Unmatched outcomes.
    Endpoint("xapi:unmatched_list", "list", UNMATCHED, marker=lambda w, t: f">{outcome(w, t).actor_name}<"),
    Endpoint("xapi:unmatched_resolve", "detail", UNMATCHED, obj=outcome),
    Endpoint("xapi:unmatched_resolve", "write", RESOLVE, obj=outcome, method="post",
             data=lambda w, t: {"person": w.person(t).national_id}, effect=_resolved),
    Endpoint("api:xapi-unmatched-outcome-list", "list", UNMATCHED, api=True, marker=lambda w, t: f'"actor_name":"{outcome(w, t).actor_name}"'),
    Endpoint("api:xapi-unmatched-outcome-detail", "detail", UNMATCHED, api=True, obj=outcome),
    Endpoint("api:xapi-unmatched-outcome-resolve", "write", RESOLVE, api=True, obj=outcome, method="post",
             data=lambda w, t: {"person": w.person(t).pk}, effect=_resolved),
]

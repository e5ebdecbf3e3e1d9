"""Accreditation endpoints in the permission matrix.

Cycles reach program managers and auditors everywhere, coordinators in their own agency and
assessors only where assigned (the `own` cycle is assigned to the signed-in user). Proofs are
the agencies' documents: not for auditors. Findings and recommendations are the assessors'.
"""
import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from matrix import ALL, OWN, Endpoint, expect
from puente.accounts.roles import Role
from puente.accreditation import phases
from puente.accreditation.models import Cycle, Finding, Framework, OnsiteRecord, OutcomeResponse, OutcomeSurvey, Program, Proof, Recommendation

from tests.accreditation.fixtures import cycle, program, proof, shipped, standard, survey

READERS = expect(program_manager=ALL, agency_coordinator=ALL, assessor=ALL, auditor=ALL)
PM = expect(program_manager=ALL)
CYCLE = expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN, assessor=OWN)
ASSESS = expect(program_manager=ALL, assessor=OWN)
PROOF = expect(program_manager=ALL, agency_coordinator=OWN, assessor=OWN)
PROOF_WRITE = expect(program_manager=ALL, agency_coordinator=OWN)
SURVEY = expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN)
ANSWER = expect(agency_coordinator=OWN)


def _framework_file(w, t):
    text = (f"code: T-{t}\nprogram_type: law_enforcement\nedition: 'T{t}'\ntitle: {{en: Test {t}, es: Prueba {t}}}\n"
            "tiers: [{code: basic}]\nchapters:\n- number: '1'\n  title: {en: One, es: Uno}\n  standards:\n"
            "  - {code: '1.1', title: {en: A, es: A}, text: {en: Text, es: Texto}, mandatory: true}\n")
    return {"file": SimpleUploadedFile(f"t-{t}.yaml", text.encode())}


def _program_form(w, t):
    return {"code": f"new-{t}", "name_en": f"New {t}", "name_es": f"Nuevo {t}", "country": w.agency(t).country_id, "started_on": "2024-01-01"}


def _program_edit(w, t):
    return {**_program_form(w, t), "code": program(w, t).code, "sponsor": f"SPONSOR-{t}"}


def _enroll_form(w, t):
    return {"program": program(w, t).pk, "agency": w.agency(t).pk, "framework": shipped(w).pk, "tier": "basic", "enrolled_on": "2024-02-01"}


def _phase(w, t):
    return Cycle.objects.get(pk=cycle(w, t).pk).phase


def _assessor(w, t):
    if not hasattr(w, "assignees"):
        w.assignees = {}
    if t not in w.assignees:
        w.assignees[t] = w.user(Role.ASSESSOR, username=f"ASSIGNEE-{t}")
    return {"assessor": w.assignees[t].pk}


def _findings(w, t):
    return {f"result_{standard(w, t).pk}": "compliant", f"note_{standard(w, t).pk}": f"FOUND-{t}"}


def _onsite(w, t):
    Cycle.objects.filter(pk=cycle(w, t).pk).update(phase=phases.ONSITE)
    return {"kind": "interview", "held_on": "2023-03-01", "participants": "Chief", "summary": f"HEARD-{t}"}


def _draft(w, t):
    Proof.objects.filter(pk=proof(w, t).pk).update(status=Proof.Status.DRAFT)
    return {}


def _status(w, t):
    found = Proof.objects.filter(pk=proof(w, t).pk).first()
    return found.status if found else None


def _survey_form(w, t):
    cycle(w, t)
    return {"program": program(w, t).pk, "title_en": f"NEWSURVEY-{t}", "title_es": f"NUEVA-{t}", "opened_on": "2024-01-01",
            "closes_on": "2030-01-01"}


def _answers(w, t):
    survey(w, t)
    return {"processes": 5, "collaboration": 4, "improvement": 4, "pride": 5, "community": 3, "comment": f"ANSWER-{t}"}


def _api_proof(w, t):
    return {"cycle": cycle(w, t).pk, "standard": standard(w, t).pk, "notes": f"API-{t}", "submit": True}


def _api_finding(w, t):
    return {"cycle": cycle(w, t).pk, "standard": standard(w, t).pk, "result": "non_compliant", "note": f"API-{t}"}


def _tally_url(w, t):
    return reverse("api:accreditation-tallies-list") + "?by=country"


ROWS = [
    Endpoint("accreditation:framework_list", "list", READERS, marker=lambda w, t: f">{shipped(w).code}<"),
    Endpoint("accreditation:framework_import", "page", PM),
    Endpoint("accreditation:framework_import", "write", PM, method="post", data=_framework_file,
             effect=lambda w, t: Framework.objects.filter(code=f"T-{t}").exists()),
    Endpoint("accreditation:framework_compare", "page", READERS,
             url=lambda w, t: reverse("accreditation:framework_compare") + f"?a={shipped(w).pk}&b={shipped(w, 'law_enforcement_2024.yaml').pk}"),
    Endpoint("accreditation:framework_detail", "detail", READERS, obj=lambda w, t: shipped(w)),
    Endpoint("accreditation:program_list", "list", READERS, marker=lambda w, t: f">{program(w, t)}<"),
    Endpoint("accreditation:program_add", "page", PM),
    Endpoint("accreditation:program_add", "write", PM, method="post", data=_program_form,
             effect=lambda w, t: Program.objects.filter(code=f"new-{t}").exists()),
    Endpoint("accreditation:program_detail", "detail", READERS, obj=program),
    Endpoint("accreditation:program_edit", "detail", PM, obj=program),
    Endpoint("accreditation:program_edit", "write", PM, obj=program, method="post", data=_program_edit,
             effect=lambda w, t: Program.objects.filter(sponsor=f"SPONSOR-{t}").exists()),
    Endpoint("accreditation:tallies", "page", READERS),
    Endpoint("accreditation:cycle_list", "list", CYCLE, marker=lambda w, t: f">{cycle(w, t).agency.name}<"),
    Endpoint("accreditation:cycle_add", "page", PM),
    Endpoint("accreditation:cycle_add", "write", PM, method="post", data=_enroll_form,
             effect=lambda w, t: Cycle.objects.filter(agency=w.agency(t), enrolled_on=datetime.date(2024, 2, 1)).exists()),
    Endpoint("accreditation:cycle_detail", "detail", CYCLE, obj=cycle),
    Endpoint("accreditation:cycle_advance", "detail", PM, obj=cycle),
    Endpoint("accreditation:cycle_advance", "write", PM, obj=cycle, method="post", data=lambda w, t: {"to_phase": phases.ONSITE, "on": "2023-06-01"},
             effect=lambda w, t: _phase(w, t) == phases.ONSITE),
    Endpoint("accreditation:cycle_close", "detail", PM, obj=cycle),
    Endpoint("accreditation:cycle_close", "write", PM, obj=cycle, method="post",
             data=lambda w, t: {"outcome": phases.WITHDRAWN, "on": "2023-06-01", "reason": "Budget"},
             effect=lambda w, t: _phase(w, t) == phases.WITHDRAWN),
    Endpoint("accreditation:cycle_assign", "detail", PM, obj=cycle),
    Endpoint("accreditation:cycle_assign", "write", PM, obj=cycle, method="post", data=_assessor,
             effect=lambda w, t: cycle(w, t).assignments.filter(assessor__username=f"ASSIGNEE-{t}").exists()),
    Endpoint("accreditation:cycle_findings", "detail", ASSESS, obj=cycle),
    Endpoint("accreditation:cycle_findings", "write", ASSESS, obj=cycle, method="post", data=_findings,
             effect=lambda w, t: Finding.objects.filter(note=f"FOUND-{t}").exists()),
    Endpoint("accreditation:cycle_recommendation", "detail", ASSESS, obj=cycle),
    Endpoint("accreditation:cycle_recommendation", "write", ASSESS, obj=cycle, method="post",
             data=lambda w, t: {"verdict": "accredit", "summary": f"RECOMMEND-{t}"},
             effect=lambda w, t: Recommendation.objects.filter(summary=f"RECOMMEND-{t}").exists()),
    Endpoint("accreditation:cycle_onsite", "detail", ASSESS, obj=cycle),
    Endpoint("accreditation:cycle_onsite", "write", ASSESS, obj=cycle, method="post", data=_onsite,
             effect=lambda w, t: OnsiteRecord.objects.filter(summary=f"HEARD-{t}").exists()),
    Endpoint("accreditation:cycle_standard", "detail", CYCLE,
             url=lambda w, t: reverse("accreditation:cycle_standard", args=[cycle(w, t).pk, standard(w, t).pk])),
    Endpoint("accreditation:cycle_standard", "write", PROOF_WRITE, method="post",
             url=lambda w, t: reverse("accreditation:cycle_standard", args=[cycle(w, t).pk, standard(w, t).pk]),
             data=lambda w, t: {"notes": f"NEW-{t}", "submit": "on"}, effect=lambda w, t: Proof.objects.filter(notes=f"NEW-{t}").exists()),
    Endpoint("accreditation:proof_list", "list", PROOF, marker=lambda w, t: f"{proof(w, t).file_name} ("),
    Endpoint("accreditation:proof_detail", "detail", PROOF, obj=proof),
    Endpoint("accreditation:proof_file", "detail", PROOF, obj=proof),
    Endpoint("accreditation:proof_submit", "write", PROOF_WRITE, obj=proof, method="post", data=_draft,
             effect=lambda w, t: _status(w, t) == Proof.Status.SUBMITTED),
    Endpoint("accreditation:proof_review", "write", ASSESS, obj=proof, method="post", data=lambda w, t: {"decision": "accepted"},
             effect=lambda w, t: _status(w, t) == Proof.Status.ACCEPTED),
    Endpoint("accreditation:proof_delete", "write", PROOF_WRITE, obj=proof, method="post", data=_draft,
             effect=lambda w, t: _status(w, t) is None),
    Endpoint("accreditation:survey_list", "list", SURVEY, marker=lambda w, t: f">{survey(w, t).survey.title_en}<"),
    Endpoint("accreditation:survey_add", "page", PM),
    Endpoint("accreditation:survey_add", "write", PM, method="post", data=_survey_form,
             effect=lambda w, t: OutcomeSurvey.objects.filter(title_en=f"NEWSURVEY-{t}").exists()),
    Endpoint("accreditation:survey_detail", "detail", SURVEY, obj=lambda w, t: survey(w, t).survey),
    Endpoint("accreditation:survey_respond", "detail", ANSWER, obj=survey),
    Endpoint("accreditation:survey_respond", "write", ANSWER, obj=survey, method="post", data=_answers,
             effect=lambda w, t: OutcomeResponse.objects.filter(comment=f"ANSWER-{t}").exists()),
    Endpoint("api:accreditation-framework-list", "list", READERS, api=True, marker=lambda w, t: f'"id":{shipped(w).pk},'),
    Endpoint("api:accreditation-framework-detail", "detail", READERS, api=True, obj=lambda w, t: shipped(w)),
    Endpoint("api:accreditation-standard-list", "list", READERS, api=True, marker=lambda w, t: f'"id":{standard(w, t).pk},'),
    Endpoint("api:accreditation-standard-detail", "detail", READERS, api=True, obj=standard),
    Endpoint("api:accreditation-cycle-list", "list", CYCLE, api=True, marker=lambda w, t: f'"id":{cycle(w, t).pk},'),
    Endpoint("api:accreditation-cycle-detail", "detail", CYCLE, api=True, obj=cycle),
    Endpoint("api:accreditation-cycle-advance", "write", PM, api=True, obj=cycle, method="post", data=lambda w, t: {"to_phase": phases.ONSITE},
             effect=lambda w, t: _phase(w, t) == phases.ONSITE),
    Endpoint("api:accreditation-proof-list", "list", PROOF, api=True, marker=lambda w, t: f'"id":{proof(w, t).pk},'),
    Endpoint("api:accreditation-proof-detail", "detail", PROOF, api=True, obj=proof),
    Endpoint("api:accreditation-proof-list", "write", PROOF_WRITE, api=True, method="post", data=_api_proof,
             effect=lambda w, t: Proof.objects.filter(notes=f"API-{t}").exists()),
    Endpoint("api:accreditation-proof-review", "write", ASSESS, api=True, obj=proof, method="post", data=lambda w, t: {"decision": "accepted"},
             effect=lambda w, t: _status(w, t) == Proof.Status.ACCEPTED),
    Endpoint("api:accreditation-finding-list", "list", CYCLE, api=True, marker=lambda w, t: f'"id":{finding(w, t).pk},'),
    Endpoint("api:accreditation-finding-detail", "detail", CYCLE, api=True, obj=lambda w, t: finding(w, t)),
    Endpoint("api:accreditation-finding-list", "write", ASSESS, api=True, method="post", data=_api_finding,
             effect=lambda w, t: Finding.objects.filter(note=f"API-{t}").exists()),
    Endpoint("api:accreditation-tallies-list", "page", READERS, api=True, url=_tally_url),
]


def finding(w, t):
    c = cycle(w, t)
    return Finding.objects.get_or_create(cycle=c, standard=standard(w, t), period=0, defaults={"result": "compliant"})[0]

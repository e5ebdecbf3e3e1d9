"""Credential objects for tests, built lazily on the shared World (one of each per target)."""
import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from puente.credentials.models import Component, CredentialType, Evaluation, IssuedCredential

EVIDENCE = "evaluations/test-evidence.pdf"


def _cache(w, name):
    if not hasattr(w, name):
        setattr(w, name, {})
    return getattr(w, name)


def credential_type(w, t):
    """A type for the target person's country: one firearms qualification, valid 12 months."""
    cache = _cache(w, "credential_types")
    if t not in cache:
        person = w.person(t)
        cache[t] = CredentialType.objects.create(
            code=f"T-{t.upper()}", name_en=f"Type {t}", name_es=f"Tipo {t}", country_id=person.country_id,
            validity_months=12, renewal_window_months=2,
        )
        Component.objects.create(credential_type=cache[t], kind=Component.Kind.EVALUATION, evaluation_kind=Evaluation.Kind.FIREARMS,
                                 validity_months=12)
    return cache[t]


def evaluation(w, t):
    """A passed firearms qualification of the target person, a month ago (current for 11 more)."""
    cache = _cache(w, "evaluations")
    if t not in cache:
        credential_type(w, t)
        cache[t] = Evaluation.objects.create(
            person=w.person(t), kind=Evaluation.Kind.FIREARMS, result=Evaluation.Result.PASSED,
            evaluated_on=timezone.localdate() - datetime.timedelta(days=30), evaluator=f"EVALUATOR-{t.upper()}",
        )
    return cache[t]


def with_evidence(w, t):
    record = evaluation(w, t)
    if not record.evidence:
        if not default_storage.exists(EVIDENCE):
            default_storage.save(EVIDENCE, ContentFile(b"%PDF-1.4\n%%EOF\n"))
        record.evidence.name = EVIDENCE
        record.save(update_fields=["evidence"])
    return record


def credential(w, t, state: str = IssuedCredential.Status.CURRENT):
    """An issued credential of the target person (current, or suspended when asked)."""
    cache = _cache(w, f"credentials_{state}")
    if t not in cache:
        record = evaluation(w, t)
        cache[t] = IssuedCredential.objects.create(
            serial=f"T-{t.upper()}-{state.upper()}-000001", credential_type=credential_type(w, t), person=w.person(t),
            issued_on=record.evaluated_on, valid_until=record.evaluated_on + datetime.timedelta(days=300),
            issuer_agency=w.agency(t), status=state,
            suspended_on=record.evaluated_on if state == IssuedCredential.Status.SUSPENDED else None,
        )
    return cache[t]


def suspended(w, t):
    return credential(w, t, IssuedCredential.Status.SUSPENDED)


def due(w, t):
    """The target person, due within 12 months (their only qualification lapses in 11), with an address."""
    evaluation(w, t)
    person = w.person(t)
    if not person.email:
        person.email = f"{t}@example.org"
        person.save(update_fields=["email"])
    return person

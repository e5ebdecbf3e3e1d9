"""Every write about credentials: types, evaluations, issuing and the credential's life, reminders.

Each function is atomic, checks the actor's scope and writes the audit log. Issuing and
renewing ask the rules engine first and refuse with its reasons.
"""
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from puente.core import audit
from puente.core.services import action_name, create_object, may, require, save_with_file, snapshot_with_file, update_object
from puente.registry.models import Person

from . import status
from .models import Component, CredentialType, Evaluation, IssuedCredential
from .rules import RulesError, evaluate

TYPE_FIELDS = ("code", "name_en", "name_es", "description_en", "description_es", "country", "levels", "validity_months",
               "renewal_window_months", "is_active")
COMPONENT_FIELDS = ("kind", "evaluation_kind", "program", "vetting_kind", "validity_months")


# --- Credential types ---------------------------------------------------------------------------


def _components_summary(components) -> list[str]:
    return [f"{c.key}/{c.validity_months or '-'}" for c in components]


def _build_components(credential_type: CredentialType, rows: list[dict]) -> list[Component]:
    """Component objects for `rows`, each validated; errors name the component's position."""
    components, errors = [], []
    for position, row in enumerate(rows, start=1):
        component = Component(credential_type=credential_type, position=position,
                              **{name: value for name, value in row.items() if name in COMPONENT_FIELDS})
        try:
            component.full_clean(exclude=["credential_type"])
        except ValidationError as exc:
            errors.extend(
                _("Component %(n)s, %(field)s: %(message)s") % {"n": position, "field": field, "message": message}
                for field, messages in exc.message_dict.items() for message in messages
            )
        components.append(component)
    if errors:
        raise ValidationError({"components": errors})
    try:
        status.rules_for(credential_type, components)
    except RulesError as exc:
        if not components:
            message = _("A credential type must require at least one component: an evaluation, a program or a vetting check.")
        elif len({component.key for component in components}) < len(components):
            message = _("The same component is listed twice.")
        else:
            message = str(exc)  # the type's own fields were refused above, field by field
        raise ValidationError({"components": message}) from None
    return components


def _write_type(actor, credential_type: CredentialType | None, fields: dict, rows: list[dict]) -> CredentialType:
    created = credential_type is None
    credential_type = credential_type or CredentialType()
    before = {} if created else audit.snapshot(credential_type) | {
        "components": _components_summary(credential_type.components.select_related("program"))
    }
    for name, value in fields.items():
        if name in TYPE_FIELDS:
            setattr(credential_type, name, value)
    errors = {}
    try:
        credential_type.full_clean()
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        components = _build_components(credential_type, rows)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    credential_type.save()
    credential_type.components.all().delete()
    for component in components:
        component.credential_type = credential_type
    Component.objects.bulk_create(components)
    changes = audit.diff(before, audit.snapshot(credential_type) | {"components": _components_summary(components)})
    if actor is not None:
        require(actor, "add" if created else "change", credential_type)
    if changes:
        audit.record(actor, action_name(CredentialType, "create" if created else "update"), credential_type, changes)
    return credential_type


@transaction.atomic
def save_type(actor, credential_type: CredentialType | None, fields: dict, components: list[dict]) -> CredentialType:
    """Create (credential_type None) or change a type with its full list of components."""
    if credential_type is None:
        if not may(actor, "add", CredentialType):
            raise PermissionDenied("add credential type")
    else:
        require(actor, "change", credential_type)
    return _write_type(actor, credential_type, fields, components)


@transaction.atomic
def import_types(actor, entries: list[tuple[str, dict, list[dict]]]) -> tuple[int, int]:
    """Create or update types by code from parsed entries (where, fields, components): all or nothing.

    `actor` None is the system (the shipped defaults loaded before any user exists).
    Errors name the entry and the field; nothing is written unless every entry is good.
    """
    if actor is not None and not may(actor, "add", CredentialType):
        raise PermissionDenied("add credential type")
    errors, created, updated = [], 0, 0
    existing = {t.code: t for t in CredentialType.objects.filter(code__in=[fields.get("code") for _w, fields, _c in entries])}
    for where, fields, components in entries:
        credential_type = existing.get(fields.get("code"))
        try:
            with transaction.atomic():
                _write_type(actor, credential_type, fields, components)
        except ValidationError as exc:
            errors.extend(f"{where}, {field}: {message}" for field, messages in exc.message_dict.items() for message in messages)
        except PermissionDenied:
            errors.append(_("%(where)s: you may not change this credential type.") % {"where": where})
        else:
            created, updated = created + (credential_type is None), updated + (credential_type is not None)
    if errors:
        raise ValidationError(errors)
    return created, updated


def set_type_active(actor, credential_type: CredentialType, active: bool) -> CredentialType:
    return update_object(actor, credential_type, {"is_active": active}, verb="activate" if active else "deactivate")


# --- Evaluations --------------------------------------------------------------------------------

EVALUATION_FIELDS = ("person", "kind", "evaluated_on", "result", "score", "evaluator", "notes", "evidence")


def record_evaluation(actor, **values) -> Evaluation:
    """Record an evaluation of a person the actor may add evaluations for; future dates are refused."""
    if not may(actor, "add", Evaluation):
        raise PermissionDenied("add evaluation")
    fields = {name: value for name, value in values.items() if name in EVALUATION_FIELDS and value is not None}
    fields["evidence"] = fields.get("evidence") or ""
    recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    return save_with_file(actor, Evaluation(**fields, recorded_by=recorded_by), {}, "create", "add")


def update_evaluation(actor, evaluation: Evaluation, **values) -> Evaluation:
    """Change an evaluation; evidence=None keeps the file, False removes it."""
    require(actor, "change", evaluation)
    before = snapshot_with_file(evaluation)
    for name, value in values.items():
        if name not in EVALUATION_FIELDS or (name == "evidence" and value is None):
            continue
        setattr(evaluation, name, "" if value is False else value)
    return save_with_file(actor, evaluation, before, "update", "change")


@transaction.atomic
def open_evidence(actor, evaluation: Evaluation):
    """The evidence file opened for reading, for those who may view the evaluation; audited."""
    require(actor, "view", evaluation)
    if not evaluation.evidence:
        raise FileNotFoundError(evaluation.pk)
    audit.record(actor, action_name(Evaluation, "evidence"), evaluation, {"evidence": [None, evaluation.evidence_name]})
    return evaluation.evidence.open("rb")


# --- Issued credentials -------------------------------------------------------------------------


def _next_serial(credential_type: CredentialType, issued_on: datetime.date) -> str:
    """TYPE-YEAR-NNNNNN, counted per type and year; the type row is locked while counting."""
    CredentialType.objects.select_for_update().filter(pk=credential_type.pk).first()
    prefix = f"{credential_type.code}-{issued_on.year}-"
    last = (
        IssuedCredential.objects.filter(serial__startswith=prefix).order_by("-serial").values_list("serial", flat=True).first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:06d}"


def _eligibility(credential_type: CredentialType, person: Person, issued_on: datetime.date):
    """The engine's result with the validity counted from `issued_on`; refuses with its reasons."""
    if not credential_type.is_active:
        raise ValidationError(_("The credential type %(type)s is no longer issued.") % {"type": credential_type.code})
    if not status.population(credential_type).filter(pk=person.pk).exists():
        raise ValidationError(_("%(type)s does not apply to %(person)s (another country or agency level).")
                              % {"type": credential_type.code, "person": person})
    components = list(credential_type.components.select_related("program"))
    rules = status.rules_for(credential_type, components)
    facts = status.facts_for(credential_type, [person.pk], components).get(person.pk, [])
    result = evaluate(rules, facts, issued_on, issued_on=issued_on)
    if not result.covered:
        reasons = "; ".join(status.reasons(result, components))
        raise ValidationError(_("%(person)s cannot be issued %(type)s on %(date)s: %(reasons)s.")
                              % {"person": person, "type": credential_type.code, "date": issued_on.isoformat(), "reasons": reasons})
    return result


def _issue(actor, credential_type, person, issued_on, issuer_agency, renewal_of=None) -> IssuedCredential:
    if not may(actor, "add", IssuedCredential):
        raise PermissionDenied("add issued credential")
    if not Person.objects.restrict(actor, "view").filter(pk=person.pk).exists():
        raise PermissionDenied(f"view person #{person.pk}")
    issued_on = issued_on or timezone.localdate()
    if issued_on > timezone.localdate():
        raise ValidationError({"issued_on": _("A credential cannot be issued with a future date.")})
    result = _eligibility(credential_type, person, issued_on)
    components = [
        {"key": state.key, "on": state.fact.on.isoformat(), "valid_until": state.valid_until.isoformat() if state.valid_until else None,
         "source": state.fact.reference}
        for state in result.components
    ]
    return create_object(actor, IssuedCredential, {
        "serial": _next_serial(credential_type, issued_on), "credential_type": credential_type, "person": person,
        "issued_on": issued_on, "valid_until": result.valid_until, "issuer_agency": issuer_agency or person.agency,
        "issued_by": actor if getattr(actor, "is_authenticated", False) else None, "renewal_of": renewal_of,
        "components": components,
    })


@transaction.atomic
def issue_credential(actor, credential_type: CredentialType, person: Person, issued_on: datetime.date | None = None,
                     issuer_agency=None) -> IssuedCredential:
    """Issue a credential when every component is current on the issue date (else refuse with reasons)."""
    return _issue(actor, credential_type, person, issued_on, issuer_agency)


@transaction.atomic
def renew_credential(actor, credential: IssuedCredential, issued_on: datetime.date | None = None) -> IssuedCredential:
    """Issue the next credential of the same type to the same holder, linked to this one."""
    require(actor, "change", credential)
    if credential.status == IssuedCredential.Status.REVOKED:
        raise ValidationError(_("A revoked credential cannot be renewed; issue a new one when the holder qualifies."))
    return _issue(actor, credential.credential_type, credential.person, issued_on, credential.issuer_agency, renewal_of=credential)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    return reason


def _on(on_date, credential: IssuedCredential) -> datetime.date:
    on_date = on_date or timezone.localdate()
    if on_date > timezone.localdate():
        raise ValidationError({"on_date": _("The date cannot be in the future.")})
    if on_date < credential.issued_on:
        raise ValidationError({"on_date": _("The date cannot be before the credential was issued.")})
    return on_date


@transaction.atomic
def suspend_credential(actor, credential: IssuedCredential, reason: str, on_date: datetime.date | None = None) -> IssuedCredential:
    require(actor, "change", credential)
    if credential.status != IssuedCredential.Status.CURRENT:
        raise ValidationError(_("Only a current credential can be suspended; this one is %(status)s.")
                              % {"status": credential.get_status_display()})
    return update_object(actor, credential, {
        "status": IssuedCredential.Status.SUSPENDED, "suspended_on": _on(on_date, credential), "suspended_reason": _reason(reason),
    }, verb="suspend")


@transaction.atomic
def reinstate_credential(actor, credential: IssuedCredential) -> IssuedCredential:
    require(actor, "change", credential)
    if credential.status != IssuedCredential.Status.SUSPENDED:
        raise ValidationError(_("Only a suspended credential can be reinstated."))
    return update_object(actor, credential, {"status": IssuedCredential.Status.CURRENT, "suspended_on": None, "suspended_reason": ""},
                         verb="reinstate")


@transaction.atomic
def revoke_credential(actor, credential: IssuedCredential, reason: str, on_date: datetime.date | None = None) -> IssuedCredential:
    """Revoke for good (a revoked credential is never reinstated or renewed)."""
    require(actor, "change", credential)
    if credential.status == IssuedCredential.Status.REVOKED:
        raise ValidationError(_("This credential is already revoked."))
    return update_object(actor, credential, {
        "status": IssuedCredential.Status.REVOKED, "revoked_on": _on(on_date, credential), "revoked_reason": _reason(reason),
    }, verb="revoke")


@transaction.atomic
def load_defaults(actor=None) -> tuple[int, int]:
    """Load the shipped types (data/defaults.yaml), creating the catalog programs they need.

    Programs already in the catalog are reused as they are. `actor` None is the system.
    """
    from pathlib import Path

    from puente.catalog.models import Domain, Program

    from . import typefile

    data = typefile.read_path(Path(__file__).parent / "data" / "defaults.yaml")
    if actor is not None and not may(actor, "add", CredentialType):
        raise PermissionDenied("add credential type")
    for spec in data.get("programs", []):
        if Program.objects.filter(code=spec["code"]).exists():
            continue
        code, name_en, name_es = spec["domain"]
        domain = Domain.objects.filter(code=code).first()
        if domain is None:
            domain = Domain(code=code, name_en=name_en, name_es=name_es)
            domain.full_clean()
            domain.save()
            audit.record(actor, action_name(Domain, "create"), domain, audit.diff({}, audit.snapshot(domain)))
        program = Program(code=spec["code"], title_en=spec["title_en"], title_es=spec["title_es"], domain=domain,
                          hours=spec["hours"], languages=spec.get("languages", []))
        program.full_clean()
        program.save()
        audit.record(actor, action_name(Program, "create"), program, audit.diff({}, audit.snapshot(program)))
    return import_types(actor, typefile.parse(data, "defaults.yaml"))


# --- Renewal reminders --------------------------------------------------------------------------


def reminder(person, credential_type: CredentialType, result, components, language: str) -> tuple[str, str]:
    """Subject and body in `language`, then the same text in the other language."""
    from django.template.loader import render_to_string
    from django.utils import translation

    parts, subject = [], ""
    for code in (language, "es" if language == "en" else "en"):
        with translation.override(code):
            context = {"person": person, "type": credential_type, "result": result, "reasons": status.reasons(result, components)}
            parts.append(render_to_string("credentials/email/reminder.txt", context).strip())
            subject = subject or render_to_string("credentials/email/reminder_subject.txt", context).strip()
    return subject, "\n\n-----\n\n".join(parts)


def send_reminders(actor, credential_type: CredentialType, people, today: datetime.date, progress=None) -> dict:
    """E-mail each of `people` (a Person queryset: the work list) what they must renew, and audit it.

    The actor needs the "change" grant on the work list of each person's agency. People without
    an e-mail address are counted, not skipped silently. Mail goes out after each batch commits.
    """
    from django.core.mail import get_connection, EmailMessage

    from .models import Renewal

    if not may(actor, "change", Renewal):
        raise PermissionDenied("send renewal reminders")
    allowed = Renewal.objects.restrict(actor, "change").values("pk")
    components = list(credential_type.components.select_related("program"))
    ids = list(people.filter(pk__in=allowed).values_list("pk", flat=True))
    sent = without_address = 0
    for start in range(0, len(ids), 500):
        chunk = list(Person.objects.filter(pk__in=ids[start:start + 500]).select_related("account", "agency"))
        results = status.statuses(credential_type, chunk, today)
        messages, entries = [], []
        for person in chunk:
            address = person.contact_email
            if not address:
                without_address += 1
                continue
            subject, body = reminder(person, credential_type, results[person.pk], components, person.preferred_language)
            messages.append(EmailMessage(subject, body, None, [address]))
            entries.append(audit.AuditEntry(**audit.entry_fields(actor, "credentials.renewal.remind", person, {
                "credential_type": [None, credential_type.code], "status": [None, str(results[person.pk].status)],
            })))
        with transaction.atomic():
            audit.AuditEntry.objects.bulk_create(entries)
            transaction.on_commit(lambda messages=messages: get_connection().send_messages(messages))
        sent += len(messages)
        if progress:
            progress(100 * min(len(ids), start + 500) / max(1, len(ids)), f"{sent} reminders")
    return {"sent": sent, "without_address": without_address, "people": len(ids)}

"""Credential writes: types, evaluations, issuing and the credential's life, reminders."""
import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from puente.accounts.roles import Role
from puente.catalog.models import Domain, Program
from puente.core.models import AuditEntry
from puente.credentials import actions, renewals, typefile
from puente.credentials.models import Component, CredentialType, Evaluation, IssuedCredential
from puente.credentials.rules import last_valid_day
from puente.vetting.models import VettingCheck

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def program(db):
    domain = Domain.objects.create(code="LEGAL", name_en="Law", name_es="Derecho")
    return Program.objects.create(code="SESNSP-FI", title_en="Initial training", title_es="Formación inicial", domain=domain, hours=480)


@pytest.fixture
def cup(world, program):
    """A CUP-like type for the own (Mexican) agency: trust check, initial training, two evaluations."""
    return actions.save_type(world.user(Role.PROGRAM_MANAGER, username="type-maker"), None, {
        "code": "MX-CUP", "name_en": "CUP", "name_es": "CUP", "country": world.mx, "levels": [], "validity_months": 36,
        "renewal_window_months": 6,
    }, [
        {"kind": "vetting", "vetting_kind": "trust"},
        {"kind": "program", "program": program},
        {"kind": "evaluation", "evaluation_kind": "basic_competencies", "validity_months": 36},
        {"kind": "evaluation", "evaluation_kind": "performance", "validity_months": 36},
    ])


def complete(person, program, on=None, skip=()):
    """Give `person` every CUP component dated `on` (default 100 days ago), except those in `skip`."""
    from puente.records.models import TrainingRecord

    on = on or TODAY - 100 * DAY
    if "trust" not in skip:
        VettingCheck.objects.create(person=person, kind="trust", result="passed", checked_on=on, valid_until=on + 3 * 365 * DAY)
    if "program" not in skip:
        TrainingRecord.objects.create(person=person, program=program, agency=person.agency, source="historic",
                                      start_date=on - 120 * DAY, end_date=on - 30 * DAY, hours=480, result="completed")
    for kind in ("basic_competencies", "performance"):
        if kind not in skip:
            Evaluation.objects.create(person=person, kind=kind, evaluated_on=on, result="passed", evaluator="C3 Sonora")


# --- Types ----------------------------------------------------------------------------------------


def test_a_type_that_references_nothing_is_refused(world):
    pm = world.user(Role.PROGRAM_MANAGER)
    fields = {"code": "EMPTY", "name_en": "E", "name_es": "E", "country": world.mx, "validity_months": 12, "renewal_window_months": 1}
    with pytest.raises(ValidationError) as refused:
        actions.save_type(pm, None, fields, [])
    assert "at least one component" in str(refused.value.message_dict["components"])
    assert not CredentialType.objects.filter(code="EMPTY").exists()


def test_component_and_type_errors_are_named_and_nothing_is_saved(world):
    pm = world.user(Role.PROGRAM_MANAGER)
    fields = {"code": "BAD", "name_en": "B", "name_es": "B", "country": world.mx, "validity_months": 12, "renewal_window_months": 12}
    with pytest.raises(ValidationError) as refused:
        actions.save_type(pm, None, fields, [{"kind": "evaluation", "evaluation_kind": "astrology"}, {"kind": "program"}])
    errors = refused.value.message_dict
    assert "renewal_window_months" in errors
    assert any("Component 1" in message for message in errors["components"])
    assert any("Component 2" in message for message in errors["components"])
    assert not CredentialType.objects.exists() and not Component.objects.exists()


def test_only_program_managers_define_types(world, cup):
    with pytest.raises(PermissionDenied):
        actions.save_type(world.user(Role.AGENCY_COORDINATOR), cup, {"name_en": "Changed"}, [{"kind": "vetting", "vetting_kind": "trust"}])
    pm = world.user(Role.PROGRAM_MANAGER)
    actions.save_type(pm, cup, {"name_en": "Changed"}, [{"kind": "vetting", "vetting_kind": "trust"}])
    cup.refresh_from_db()
    assert cup.name_en == "Changed" and [c.key for c in cup.components.all()] == ["vetting:trust"]
    entry = AuditEntry.objects.filter(action="credentials.credentialtype.update").get()
    assert entry.changes["components"][1] == ["vetting:trust/-"] and entry.actor == pm


def test_defaults_load_twice_and_reuse_the_catalog(world, program):
    assert actions.load_defaults(world.user(Role.PROGRAM_MANAGER)) == (4, 0)
    assert actions.load_defaults(None) == (0, 4)
    cup = CredentialType.objects.get(code="MX-CUP")
    assert [c.key for c in cup.components.all()] == [
        "vetting:trust", "program:SESNSP-FI", "evaluation:basic_competencies", "evaluation:performance"]
    assert cup.components.get(kind="program").program == program  # reused, not created again
    assert Program.objects.filter(code="POST-BASIC").exists()
    assert (cup.validity_months, cup.renewal_window_months, cup.country_id, cup.levels) == (36, 6, "MX", [])


def test_type_file_errors_name_the_entry_and_field_and_write_nothing(world, program):
    text = """
credential_types:
  - code: GOOD-1
    name_en: Good
    name_es: Bueno
    country: MX
    validity_months: 24
    renewal_window_months: 3
    components:
      - program: SESNSP-FI
  - code: BAD-1
    name_en: Bad
    name_es: Malo
    country: XX
    validity_months: twelve
    components:
      - program: NOPE
      - evaluation: performance
        program: SESNSP-FI
  - code: BAD-2
    name_en: Empty
    name_es: Vacío
    country: MX
    validity_months: 12
    components: []
"""
    with pytest.raises(ValidationError) as refused:
        actions.import_types(None, typefile.parse(typefile.load(text, "types.yaml"), "types.yaml"))
    messages = refused.value.messages
    assert any("types.yaml, entry 2 (BAD-1), country" in m for m in messages)
    assert any("entry 2 (BAD-1), validity_months" in m for m in messages)
    assert any("component 1, program: no program has the code “NOPE”" in m for m in messages)
    assert any("component 2: name exactly one of" in m for m in messages)
    assert not CredentialType.objects.exists()
    # Once the file parses, the model's own checks still name the entry.
    fixed = text.replace("country: XX", "country: MX").replace("twelve", "12").replace(
        "      - program: NOPE\n      - evaluation: performance\n        program: SESNSP-FI", "      - evaluation: performance")
    with pytest.raises(ValidationError) as refused:
        actions.import_types(None, typefile.parse(typefile.load(fixed, "types.yaml"), "types.yaml"))
    assert any("entry 3 (BAD-2), components" in m and "at least one component" in m for m in refused.value.messages)
    assert not CredentialType.objects.exists()


def test_a_file_that_does_not_parse_names_its_line(world):
    with pytest.raises(ValidationError, match="types.yaml: line 3"):
        typefile.load("credential_types:\n  - code: A\n  name: [unclosed\n", "types.yaml")
    with pytest.raises(ValidationError, match="types.json: line 1"):
        typefile.load("{not json", "types.json")
    with pytest.raises(ValidationError, match="expected a list"):
        typefile.parse({"something": 1}, "types.yaml")


def test_export_then_import_is_a_round_trip(world, cup):
    data = typefile.dump(CredentialType.objects.all())
    CredentialType.objects.all().delete()
    assert actions.import_types(world.user(Role.PROGRAM_MANAGER), typefile.parse(data, "export.yaml")) == (1, 0)
    again = CredentialType.objects.get(code="MX-CUP")
    assert [c.key for c in again.components.all()] == [
        "vetting:trust", "program:SESNSP-FI", "evaluation:basic_competencies", "evaluation:performance"]
    assert (again.validity_months, again.renewal_window_months, again.country_id) == (36, 6, "MX")


# --- Evaluations ---------------------------------------------------------------------------------


def test_evaluations_dated_in_the_future_are_refused(world):
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    with pytest.raises(ValidationError) as refused:
        actions.record_evaluation(coordinator, person=world.own_person, kind="performance", evaluated_on=TODAY + DAY,
                                  result="passed", evaluator="Comisión")
    assert "future" in str(refused.value.message_dict["evaluated_on"])
    assert not Evaluation.objects.exists()


def test_evaluations_only_for_people_in_scope(world):
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    with pytest.raises(PermissionDenied):
        actions.record_evaluation(coordinator, person=world.other_person, kind="performance", evaluated_on=TODAY,
                                  result="passed", evaluator="X")
    with pytest.raises(PermissionDenied):
        actions.record_evaluation(world.user(Role.OFFICER), person=world.own_person, kind="performance", evaluated_on=TODAY,
                                  result="passed", evaluator="X")
    assert not Evaluation.objects.exists()
    created = actions.record_evaluation(coordinator, person=world.own_person, kind="performance", evaluated_on=TODAY,
                                        result="passed", evaluator="X")
    assert created.recorded_by == coordinator
    assert AuditEntry.objects.filter(action="credentials.evaluation.create", object_id=str(created.pk)).exists()


def test_evidence_of_a_refused_evaluation_leaves_no_file(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pm = world.user(Role.PROGRAM_MANAGER)
    upload = SimpleUploadedFile("proof.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    with pytest.raises(ValidationError):
        actions.record_evaluation(pm, person=world.own_person, kind="performance",
                                  evaluated_on=TODAY + DAY, result="passed", evaluator="X", evidence=upload)
    assert not any(tmp_path.rglob("*.pdf"))
    bad = SimpleUploadedFile("proof.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError) as refused:
        actions.record_evaluation(pm, person=world.own_person, kind="performance",
                                  evaluated_on=TODAY, result="passed", evaluator="X", evidence=bad)
    assert "evidence" in refused.value.message_dict
    assert not Evaluation.objects.exists()


# --- Issuing -------------------------------------------------------------------------------------


def test_issue_is_refused_with_the_engines_reasons(world, cup, program):
    pm = world.user(Role.PROGRAM_MANAGER)
    complete(world.own_person, program, skip=("performance",))
    with pytest.raises(ValidationError) as refused:
        actions.issue_credential(pm, cup, world.own_person)
    assert "Performance evaluation is missing" in str(refused.value)
    assert not IssuedCredential.objects.exists()


def test_issue_a_credential_with_a_serial_and_its_components(world, cup, program):
    pm = world.user(Role.PROGRAM_MANAGER)
    on = TODAY - 100 * DAY
    complete(world.own_person, program, on=on)
    first = actions.issue_credential(pm, cup, world.own_person)
    assert first.serial == f"MX-CUP-{TODAY.year}-000001"
    assert first.issued_on == TODAY and first.issued_by == pm and first.issuer_agency == world.own
    # The credential holds while its components do: here the trust check ends first.
    assert first.valid_until == min(on + 3 * 365 * DAY, last_valid_day(on, 36), last_valid_day(TODAY, 36))
    assert [c["key"] for c in first.components] == [c.key for c in cup.components.all()]
    assert first.state == IssuedCredential.State.CURRENT
    second = actions.issue_credential(pm, cup, world.own_person, issued_on=TODAY - DAY)
    expected = 2 if (TODAY - DAY).year == TODAY.year else 1
    assert second.serial == f"MX-CUP-{(TODAY - DAY).year}-{expected:06d}"
    assert AuditEntry.objects.filter(action="credentials.issuedcredential.create").count() == 2


def test_issue_refusals(world, cup, program):
    pm = world.user(Role.PROGRAM_MANAGER)
    complete(world.own_person, program)
    with pytest.raises(ValidationError, match="future"):
        actions.issue_credential(pm, cup, world.own_person, issued_on=TODAY + DAY)
    with pytest.raises(ValidationError, match="does not apply"):
        actions.issue_credential(pm, cup, world.other_person)  # a U.S. officer
    with pytest.raises(PermissionDenied):
        actions.issue_credential(world.user(Role.AGENCY_COORDINATOR), cup, world.own_person)
    cup.is_active = False
    cup.save()
    with pytest.raises(ValidationError, match="no longer issued"):
        actions.issue_credential(pm, cup, world.own_person)
    assert not IssuedCredential.objects.exists()


def test_suspend_reinstate_revoke_renew(world, cup, program):
    pm = world.user(Role.PROGRAM_MANAGER)
    complete(world.own_person, program)
    credential = actions.issue_credential(pm, cup, world.own_person)
    with pytest.raises(ValidationError):
        actions.suspend_credential(pm, credential, "  ")
    with pytest.raises(ValidationError):
        actions.reinstate_credential(pm, credential)
    actions.suspend_credential(pm, credential, "Internal investigation")
    assert credential.state == "suspended" and credential.suspended_on == TODAY
    with pytest.raises(ValidationError):
        actions.suspend_credential(pm, credential, "again")
    actions.reinstate_credential(pm, credential)
    assert credential.state == "current" and credential.suspended_on is None
    renewal = actions.renew_credential(pm, credential)
    assert renewal.renewal_of == credential and renewal.serial != credential.serial
    actions.revoke_credential(pm, credential, "Dismissed")
    assert credential.state == "revoked"
    with pytest.raises(ValidationError):
        actions.renew_credential(pm, credential)
    with pytest.raises(ValidationError):
        actions.revoke_credential(pm, credential, "twice")
    with pytest.raises(PermissionDenied):
        actions.suspend_credential(world.user(Role.AGENCY_COORDINATOR), renewal, "no")
    verbs = list(AuditEntry.objects.filter(object_id=str(credential.pk), action__startswith="credentials.issuedcredential.")
                 .order_by("id").values_list("action", flat=True))
    assert verbs == ["credentials.issuedcredential.create", "credentials.issuedcredential.suspend",
                     "credentials.issuedcredential.reinstate", "credentials.issuedcredential.revoke"]


def test_a_credential_reads_expired_after_its_last_day(world, cup):
    credential = IssuedCredential(status="current", issued_on=TODAY - 400 * DAY, valid_until=TODAY - DAY)
    assert credential.state_on(TODAY) == "expired" and credential.state_on(TODAY - DAY) == "current"
    credential.status = "suspended"
    assert credential.state_on(TODAY) == "suspended"


# --- Renewals and reminders ----------------------------------------------------------------------


def test_renewal_list_and_reminders_in_the_recipients_language(world, cup, program, django_capture_on_commit_callbacks):
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    person = world.own_person
    complete(person, program, on=TODAY - (3 * 365 - 60) * DAY)  # lapses in about two months
    person.email = "lucia@example.org"
    person.save()
    due = renewals.due(cup, world.own.people.all(), TODAY, 6)
    assert list(due) == [person]
    assert list(renewals.due(cup, world.own.people.all(), TODAY, 6, "expiring")) == [person]
    assert not renewals.due(cup, world.own.people.all(), TODAY, 6, "lapsed").exists()
    assert not renewals.due(cup, world.own.people.all(), TODAY, 1).exists()
    with django_capture_on_commit_callbacks(execute=True):
        result = actions.send_reminders(coordinator, cup, due, TODAY)
    assert result == {"sent": 1, "without_address": 0, "people": 1}
    message = mail.outbox[0]
    assert message.to == ["lucia@example.org"]
    # In the recipient's language, then the other one (a Mexican officer without an account reads Spanish first).
    assert message.subject.startswith("CUP")
    assert message.body.count(person.full_name) == 2 and "-----" in message.body
    assert AuditEntry.objects.filter(action="credentials.renewal.remind", object_id=str(person.pk), actor=coordinator).exists()


def test_reminders_skip_people_outside_the_actors_agency(world, cup, program):
    other_coordinator = world.user(Role.AGENCY_COORDINATOR, agency=world.other, username="other-coordinator")
    complete(world.own_person, program, on=TODAY - (3 * 365 - 60) * DAY)
    world.own_person.email = "x@example.org"
    world.own_person.save()
    result = actions.send_reminders(other_coordinator, cup, renewals.due(cup, world.own.people.all(), TODAY, 6), TODAY)
    assert result["sent"] == 0 and not mail.outbox
    with pytest.raises(PermissionDenied):
        actions.send_reminders(world.user(Role.REGISTRAR), cup, renewals.due(cup, world.own.people.all(), TODAY, 6), TODAY)


def test_remind_command(world, cup, program, capsys, django_capture_on_commit_callbacks):
    world.user(Role.PROGRAM_MANAGER, username="admin")
    complete(world.own_person, program, on=TODAY - 4 * 365 * DAY)  # everything lapsed
    world.own_person.email = "lucia@example.org"
    world.own_person.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("credentials", "remind", "--type", "MX-CUP", "--as", "admin", verbosity=0)
    assert "1 reminders sent to 1 people" in capsys.readouterr().out
    assert "expired on" in mail.outbox[0].body

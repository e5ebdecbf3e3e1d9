"""From statements to transcripts: linked activities, matching people, unmatched outcomes."""
import datetime
import hashlib
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from puente.accounts.roles import Role
from puente.catalog.models import Program
from puente.core.models import AuditEntry
from puente.records.models import TrainingRecord
from puente.xapi import actions
from puente.xapi.models import ActivityLink, UnmatchedOutcome

from .conftest import statement

COURSE = "https://lms.example.org/courses/cites-101"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
PASSED = "http://adlnet.gov/expapi/verbs/passed"
FAILED = "http://adlnet.gov/expapi/verbs/failed"
CUIP_HOME = "https://cuip.sesnsp.gob.mx"


@pytest.fixture
def linked(pm, elearning):
    return actions.link_activity(pm, COURSE, elearning)


@pytest.fixture
def lucia(world):
    world.own_person.email = "lucia.ramirez@nogales.gob.mx"
    world.own_person.save()
    return world.own_person


def test_completion_by_email_lands_on_the_transcript(lrs, linked, lucia, elearning):
    sent = statement(actor="mailto:Lucia.Ramirez@nogales.gob.mx", verb=COMPLETED, activity=COURSE, timestamp="2024-05-10T18:00:00Z")
    assert lrs.post(sent).status_code == 200
    record = TrainingRecord.objects.get()
    assert (record.person, record.program, record.result, record.source) == (lucia, elearning, "completed", "elearning")
    assert record.end_date == datetime.date(2024, 5, 10) and record.hours == Decimal("6.0")
    assert record.reference == f"xapi:{sent['id']}"
    entry = AuditEntry.objects.get(action="records.trainingrecord.elearning")
    assert entry.changes["via"] == [None, lrs.credential.provider]


def test_account_name_is_the_national_identifier(lrs, linked, lucia):
    lrs.post(statement(actor=(CUIP_HOME, "rasl850312msrmtc01"), verb=FAILED, activity=COURSE, timestamp="2024-05-10T15:00:00Z"))
    assert TrainingRecord.objects.get(person=lucia).result == "failed"
    # A pass later the same day turns the failure into a completion.
    lrs.post(statement(actor=(CUIP_HOME, "RASL850312MSRMTC01"), verb=PASSED, activity=COURSE, timestamp="2024-05-10T17:00:00Z"))
    assert TrainingRecord.objects.get(person=lucia).result == "completed"


def test_other_verbs_and_unlinked_activities_change_nothing(lrs, linked, lucia):
    lrs.post([statement(actor="mailto:lucia.ramirez@nogales.gob.mx", activity=COURSE),
              statement(actor="mailto:lucia.ramirez@nogales.gob.mx", verb=COMPLETED, activity="https://lms.example.org/other")])
    assert not TrainingRecord.objects.exists() and not UnmatchedOutcome.objects.exists()


def test_unmatched_outcomes_are_kept_with_the_reason(lrs, linked, world):
    sent = statement(actor="mailto:nobody@example.org", verb=COMPLETED, activity=COURSE)
    assert lrs.post(sent).status_code == 200
    outcome = UnmatchedOutcome.objects.get()
    assert outcome.agency == world.own and outcome.result == "completed"
    assert "nobody@example.org" in outcome.reason and outcome.actor_ifi == "mbox:mailto:nobody@example.org"
    assert outcome.statement.statement_id.hex == sent["id"].replace("-", "")
    assert not TrainingRecord.objects.exists()


def test_resolving_puts_the_outcome_on_the_chosen_persons_transcript(lrs, linked, world):
    lrs.post(statement(actor=(CUIP_HOME, "UNKNOWN-1"), verb=COMPLETED, activity=COURSE))
    outcome = UnmatchedOutcome.objects.get()
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    with pytest.raises(PermissionDenied):
        actions.resolve_outcome(coordinator, outcome, world.other_person)  # not a person they may see
    actions.resolve_outcome(coordinator, outcome, world.own_person)
    outcome.refresh_from_db()
    assert outcome.status == "resolved" and outcome.person == world.own_person and outcome.resolved_by == coordinator
    assert TrainingRecord.objects.get().person == world.own_person
    with pytest.raises(ValidationError, match="already been resolved"):
        actions.resolve_outcome(coordinator, outcome, world.own_person)
    other_coordinator = world.user(Role.AGENCY_COORDINATOR, agency=world.other, username="other-coordinator")
    with pytest.raises(PermissionDenied):
        actions.resolve_outcome(other_coordinator, outcome, world.other_person)


def test_only_elearning_or_blended_programs_link(pm, elearning, world):
    in_person = Program.objects.create(code="IN-PERSON", title_en="Range day", title_es="Día de tiro", domain=elearning.domain,
                                       hours=Decimal("8"), languages=["es"])
    with pytest.raises(ValidationError, match="e-learning and blended"):
        actions.link_activity(pm, "https://lms.example.org/range", in_person)
    with pytest.raises(ValidationError, match="absolute IRI"):
        actions.link_activity(pm, "cites 101", elearning)
    with pytest.raises(PermissionDenied):
        actions.link_activity(world.user(Role.AGENCY_COORDINATOR), "https://lms.example.org/x", elearning)
    link = actions.link_activity(pm, "https://lms.example.org/x", elearning)
    actions.unlink_activity(pm, link)
    assert not ActivityLink.objects.exists()
    assert AuditEntry.objects.filter(action="xapi.activitylink.delete").exists()


def test_issuing_stores_only_the_hash_and_audits_without_it(pm, world):
    credential, secret = actions.issue_credential(pm, "Academy LMS", world.own)
    assert secret not in credential.secret_hash and credential.check_secret(secret)
    entry = AuditEntry.objects.get(action="xapi.credential.issue")
    assert "secret_hash" not in entry.changes and entry.changes["provider"] == [None, "Academy LMS"]
    with pytest.raises(PermissionDenied):
        actions.issue_credential(world.user(Role.AGENCY_COORDINATOR), "Mine", world.own)
    actions.revoke_credential(pm, credential)
    with pytest.raises(ValidationError, match="already revoked"):
        actions.revoke_credential(pm, credential)


def test_linking_later_catches_up_with_outcomes_already_received(lrs, pm, elearning, lucia):
    lrs.post([statement(actor="mailto:lucia.ramirez@nogales.gob.mx", verb=COMPLETED, activity=COURSE),
              statement(actor="mailto:stranger@example.org", verb=PASSED, activity=COURSE)])
    assert not TrainingRecord.objects.exists()
    actions.link_activity(pm, COURSE, elearning)
    assert TrainingRecord.objects.get().person == lucia
    assert UnmatchedOutcome.objects.get().actor_ifi == "mbox:mailto:stranger@example.org"
    actions.unlink_activity(pm, ActivityLink.objects.get())
    actions.link_activity(pm, COURSE, elearning)  # again: nothing twice
    assert TrainingRecord.objects.count() == 1 and UnmatchedOutcome.objects.count() == 1


VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def voiding(target: dict) -> dict:
    return {"id": str(uuid.uuid4()), "actor": {"mbox": "mailto:lms-admin@example.org"}, "verb": {"id": VOIDED},
            "object": {"objectType": "StatementRef", "id": target["id"]}}


def test_voiding_a_completion_takes_its_line_off_the_transcript(lrs, linked, lucia):
    sent = statement(actor="mailto:lucia.ramirez@nogales.gob.mx", verb=COMPLETED, activity=COURSE, timestamp="2024-05-10T18:00:00Z")
    lrs.post(sent)
    record_id = TrainingRecord.objects.get(person=lucia).pk
    void = voiding(sent)
    assert lrs.post(void).status_code == 200
    assert not TrainingRecord.objects.exists()
    entry = AuditEntry.objects.get(action="records.trainingrecord.void")
    assert entry.object_id == str(record_id) and entry.changes["result"] == ["completed", None]
    assert entry.changes["voided_by"] == [None, f"xapi:{void['id']}"]
    lrs.post(sent)  # the voided statement sent again is already stored: it does not come back
    assert not TrainingRecord.objects.exists()


def test_voiding_a_pass_brings_back_the_failure_of_the_same_day(lrs, linked, lucia):
    failed = statement(actor=(CUIP_HOME, "RASL850312MSRMTC01"), verb=FAILED, activity=COURSE, timestamp="2024-05-10T15:00:00Z")
    passed = statement(actor="mailto:lucia.ramirez@nogales.gob.mx", verb=PASSED, activity=COURSE, timestamp="2024-05-10T17:00:00Z")
    lrs.post(failed)
    lrs.post(passed)
    assert TrainingRecord.objects.get().result == "completed"
    lrs.post(voiding(passed))
    record = TrainingRecord.objects.get()
    assert (record.person, record.result, record.reference) == (lucia, "failed", f"xapi:{failed['id']}")
    assert AuditEntry.objects.get(action="records.trainingrecord.void").changes["result"] == ["completed", "failed"]
    lrs.post(voiding(failed))
    assert not TrainingRecord.objects.exists()


def test_a_statement_voided_on_arrival_never_reaches_the_transcript(lrs, linked, lucia):
    sent = statement(actor="mailto:lucia.ramirez@nogales.gob.mx", verb=COMPLETED, activity=COURSE)
    lrs.post(voiding(sent))  # the voiding statement may come first
    lrs.post(sent)
    other = statement(actor="mailto:lucia.ramirez@nogales.gob.mx", verb=COMPLETED, activity=COURSE, timestamp="2024-06-01T10:00:00Z")
    lrs.post([other, voiding(other)])
    assert not TrainingRecord.objects.exists() and not UnmatchedOutcome.objects.exists()


def test_voiding_an_unmatched_outcome_leaves_nothing_to_resolve(lrs, linked, world):
    open_one = statement(actor="mailto:nobody@example.org", verb=COMPLETED, activity=COURSE)
    resolved = statement(actor=(CUIP_HOME, "UNKNOWN-1"), verb=COMPLETED, activity=COURSE, timestamp="2024-05-10T18:00:00Z")
    lrs.post([open_one, resolved])
    actions.resolve_outcome(world.user(Role.AGENCY_COORDINATOR), UnmatchedOutcome.objects.get(actor_ifi__contains="UNKNOWN-1"),
                            world.own_person)
    assert TrainingRecord.objects.get().person == world.own_person
    lrs.post([voiding(open_one), voiding(resolved)])
    assert not UnmatchedOutcome.objects.filter(status="open").exists() and not TrainingRecord.objects.exists()
    assert AuditEntry.objects.filter(action="xapi.unmatchedoutcome.void").count() == 1


def test_a_hashed_email_finds_its_person(lrs, linked, lucia):
    digest = hashlib.sha1(b"mailto:lucia.ramirez@nogales.gob.mx").hexdigest()
    sent = statement(activity=COURSE, verb=COMPLETED, timestamp="2024-05-10T18:00:00Z")
    del sent["actor"]["mbox"]
    sent["actor"]["mbox_sha1sum"] = digest.upper()
    assert lrs.post(sent).status_code == 200
    assert TrainingRecord.objects.get().person == lucia
    stranger = statement(activity=COURSE, verb=COMPLETED)
    del stranger["actor"]["mbox"]
    stranger["actor"]["mbox_sha1sum"] = hashlib.sha1(b"mailto:nobody@example.org").hexdigest()
    lrs.post(stranger)
    assert "hashed e-mail address" in UnmatchedOutcome.objects.get().reason


def test_an_openid_learner_waits_for_a_coordinator(lrs, linked, lucia):
    sent = statement(activity=COURSE, verb=COMPLETED)
    del sent["actor"]["mbox"]
    sent["actor"]["openid"] = "https://id.example.org/lucia"
    lrs.post(sent)
    assert UnmatchedOutcome.objects.get().reason == "The actor is identified only by an OpenID."
    assert not TrainingRecord.objects.exists()

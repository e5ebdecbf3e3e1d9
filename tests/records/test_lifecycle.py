"""The enrollment lifecycle and the completion rule: pure cores first, then the audited actions."""
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from puente.accounts.roles import Role
from puente.core.models import AuditEntry
from puente.records import actions, completion, lifecycle
from puente.records.models import Attendance, Enrollment, TrainingRecord
from puente.registry.models import Person

from tests.capacity.fixtures import capacity, teach

D = Decimal


# -- pure cores ------------------------------------------------------------------------------

def test_every_status_has_its_legal_steps_and_nothing_else():
    assert lifecycle.check("nominated", "confirmed") is None
    assert lifecycle.check("confirmed", "attended") is None
    assert lifecycle.check("attended", "completed") is None
    assert lifecycle.check("nominated", "attended").code == "illegal"  # confirm first
    assert lifecycle.check("completed", "failed").code == "illegal"  # final
    assert lifecycle.check("cancelled", "nominated").code == "illegal"
    assert lifecycle.check("confirmed", "cancelled").code == "reason"
    assert lifecycle.check("confirmed", "cancelled", "Session cancelled by the academy") is None
    for final in lifecycle.FINAL:
        assert lifecycle.TRANSITIONS[final] == frozenset()


def test_path_walks_the_shortest_legal_chain():
    assert lifecycle.path_to("nominated", "attended") == ["confirmed", "attended"]
    assert lifecycle.path_to("confirmed", "attended") == ["attended"]
    assert lifecycle.path_to("completed", "attended") == []


def test_completion_counts_late_as_attended_and_leaves_excused_days_out():
    rule = completion.Rule(min_attendance_percent=80, required_kinds=("written",), max_attempts=2)
    passed = [completion.Attempt("written", 1, D("65"), D("70")), completion.Attempt("written", 2, D("82"), D("70"))]
    outcome = completion.evaluate(rule, 5, ["present", "late", "excused", "present", "present"], passed)
    assert outcome.completed and outcome.attendance_percent == D("100.0") and outcome.best_score == D("82")
    short = completion.evaluate(rule, 5, ["present", "absent", "absent", "present", "present"], passed)
    assert not short.completed and ("attendance", D("60.0")) in short.shortfalls


def test_completion_ignores_attempts_beyond_the_allowed_and_names_unmarked_days():
    rule = completion.Rule(80, ("written", "firearms"), max_attempts=1)
    attempts = [completion.Attempt("written", 1, D("90"), D("70")), completion.Attempt("firearms", 2, D("95"), D("80"))]
    outcome = completion.evaluate(rule, 4, ["present", "present", "present"], attempts)
    assert not outcome.completed
    assert ("assessment", "firearms") in outcome.shortfalls and ("unmarked", 1) in outcome.shortfalls
    assert outcome.attendance_percent == D("75.0")


def test_all_days_excused_is_not_attendance():
    outcome = completion.evaluate(completion.Rule(0), 2, ["excused", "excused"], [])
    assert not outcome.completed and outcome.attendance_percent is None


# -- actions ---------------------------------------------------------------------------------

@pytest.fixture
def roster(world):
    """The own session (3–7 Feb 2025), two nominated officers, a registrar who teaches it."""
    cap = capacity(world)
    session = cap["session"]["own"]
    program = cap["program"]
    program.required_assessments = ["written"]
    program.max_attempts = 2
    program.save()
    people = [Person.objects.create(agency=world.own, given_names=f"Agente {i}", family_names="Roster", national_id=f"RO{i}") for i in range(2)]
    enrollments = [Enrollment.objects.create(person=p, session=session, agency=world.own, status=Enrollment.Status.NOMINATED) for p in people]
    registrar = world.user(Role.REGISTRAR)
    world.me = registrar
    teach(world, session)
    return {"session": session, "program": program, "enrollments": enrollments, "registrar": registrar}


def test_illegal_transition_is_refused_with_the_states_named(roster):
    enrollment = roster["enrollments"][0]
    with pytest.raises(ValidationError, match="nominated cannot become completed"):
        actions.transition(roster["registrar"], enrollment, Enrollment.Status.COMPLETED)
    with pytest.raises(ValidationError, match="Say why"):
        actions.transition(roster["registrar"], enrollment, Enrollment.Status.CANCELLED)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.NOMINATED


def test_marking_present_walks_nominated_to_attended_and_audits_each_step(roster):
    first, second = roster["enrollments"]
    day = roster["session"].start_date
    changed = actions.record_attendance(roster["registrar"], roster["session"], day, {first.pk: "present", second.pk: "absent"})
    assert changed == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Enrollment.Status.ATTENDED and second.status == Enrollment.Status.NOMINATED
    steps = list(AuditEntry.objects.filter(object_id=str(first.pk), action__startswith="records.enrollment.").order_by("id").values_list("action", flat=True))
    assert steps == ["records.enrollment.confirmed", "records.enrollment.attended"]
    # Saving the same marks again changes nothing.
    assert actions.record_attendance(roster["registrar"], roster["session"], day, {first.pk: "present", second.pk: "absent"}) == 0


def test_attendance_outside_the_session_or_for_strangers_is_refused(roster, world):
    first = roster["enrollments"][0]
    with pytest.raises(ValidationError, match="is not a day of this session"):
        actions.record_attendance(roster["registrar"], roster["session"], datetime.date(2025, 3, 1), {first.pk: "present"})
    with pytest.raises(ValidationError, match="is not one of"):
        actions.record_attendance(roster["registrar"], roster["session"], roster["session"].start_date, {first.pk: "asleep"})
    outsider = world.user(Role.REGISTRAR, username="another-registrar")
    with pytest.raises(PermissionDenied):
        actions.record_attendance(outsider, roster["session"], roster["session"].start_date, {first.pk: "present"})
    assert not Attendance.objects.exists()


def test_close_completes_fails_and_no_shows_by_the_rule(roster, world):
    registrar, session = roster["registrar"], roster["session"]
    passing, failing = roster["enrollments"]
    third = Enrollment.objects.create(person=Person.objects.create(agency=world.own, given_names="Nadie", family_names="Vino", national_id="RO9"),
                                      session=session, agency=world.own, status=Enrollment.Status.CONFIRMED)
    for day in actions.session_days(session):
        actions.record_attendance(registrar, session, day, {passing.pk: "present", failing.pk: "present" if day.day < 5 else "absent"})
    passing.refresh_from_db()
    failing.refresh_from_db()
    actions.record_assessment(registrar, passing, "written", D("64"), D("70"), session.end_date)
    actions.record_assessment(registrar, passing, "written", D("88"), D("70"), session.end_date)
    with pytest.raises(ValidationError, match="allows 2 attempts"):
        actions.record_assessment(registrar, passing, "written", D("99"), D("70"), session.end_date)
    counts = actions.finalize_session(registrar, session)
    assert counts == {"completed": 1, "failed": 1, "no_show": 1}
    record = TrainingRecord.objects.get(enrollment=passing)
    assert record.result == "completed" and record.hours == roster["program"].hours and record.score == D("88")
    failed = TrainingRecord.objects.get(enrollment=failing)
    assert failed.result == "failed" and failed.hours == 0
    failing.refresh_from_db()
    assert "attendance 40.0% is below" in failing.status_reason and "Written exam not passed" in failing.status_reason
    third.refresh_from_db()
    assert third.status == Enrollment.Status.NO_SHOW and not TrainingRecord.objects.filter(enrollment=third).exists()


def test_results_wait_for_the_session_to_end(roster, world):
    session = roster["session"]
    session.end_date = datetime.date.today() + datetime.timedelta(days=3)
    session.save()
    with pytest.raises(ValidationError, match="results are final after that"):
        actions.finalize(roster["registrar"], roster["enrollments"][0])


def test_elearning_outcome_is_idempotent_and_a_pass_stands(world):
    cap = capacity(world)
    program, person = cap["program"], world.own_person
    day = datetime.date(2025, 5, 2)
    failed = actions.record_elearning_outcome(person, program, "failed", day, "reg-1", "Vendor")
    assert failed.result == "failed" and failed.source == "elearning"
    passed = actions.record_elearning_outcome(person, program, "completed", day, "reg-1", "Vendor")
    assert passed.pk == failed.pk and passed.result == "completed"
    again = actions.record_elearning_outcome(person, program, "failed", day, "reg-1", "Vendor")
    assert again.result == "completed" and TrainingRecord.objects.count() == 1

"""Nominations: seats from the published allocation, refusals with reasons, waiting list."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied

from puente.capacity.models import Session
from puente.records import actions, eligibility
from puente.records.models import Enrollment, TrainingRecord
from puente.registry.models import Person

from tests.capacity.fixtures import capacity


@pytest.fixture
def cap(world):
    world.me = None
    cap = capacity(world)
    session = cap["session"]["own"]
    outcome = cap["outcome"]["own"]
    outcome.allocation = {str(session.pk): 2}  # Nogales holds two seats in its session
    outcome.save()
    return cap


def officers(world, n, prefix="OF"):
    return [Person.objects.create(agency=world.own, given_names=f"Oficial {i}", family_names="Prueba", national_id=f"{prefix}{i}") for i in range(n)]


def test_eligibility_rules_are_pure_and_complete():
    day = datetime.date
    session = eligibility.SessionFacts(id=1, start=day(2025, 3, 3), end=day(2025, 3, 7), prerequisites=frozenset({"BAS"}), vetting_required=True)
    officer = eligibility.OfficerFacts(active=False, completed_programs=frozenset(),
                                       commitments=((9, "X", day(2025, 3, 7), day(2025, 3, 9)),), vetting_valid_until=day(2025, 3, 6))
    assert [r.code for r in eligibility.refusals(officer, session)] == ["inactive", "overlap", "prerequisite", "vetting"]
    ready = eligibility.OfficerFacts(active=True, completed_programs=frozenset({"BAS"}),
                                     commitments=((9, "X", day(2025, 3, 8), day(2025, 3, 9)),), vetting_valid_until=day(2025, 3, 7))
    assert eligibility.refusals(ready, session) == []


def test_seats_then_waiting_list(world, cap, coordinator):
    session = cap["session"]["own"]
    first, second, third = officers(world, 3)
    assert actions.nominate(coordinator, first, session).status == Enrollment.Status.NOMINATED
    assert actions.nominate(coordinator, second, session).status == Enrollment.Status.NOMINATED
    waiting = actions.nominate(coordinator, third, session)
    assert waiting.status == Enrollment.Status.WAITLISTED and "No free seat" in waiting.status_reason


def test_refusals_say_why(world, cap, coordinator, pm):
    session = cap["session"]["own"]
    inactive, busy = officers(world, 2)
    inactive.status = Person.Status.INACTIVE
    inactive.save()
    with pytest.raises(actions.NominationRefused, match="is not active"):
        actions.nominate(coordinator, inactive, session)
    overlapping = Session.objects.create(program=cap["program"], site=cap["site"]["other"], start_date=session.end_date,
                                         end_date=session.end_date + datetime.timedelta(days=2), seats=10, language="en")
    Enrollment.objects.create(person=busy, session=overlapping, agency=world.own, status=Enrollment.Status.NOMINATED)
    with pytest.raises(actions.NominationRefused, match="which overlaps this session"):
        actions.nominate(coordinator, busy, session)
    assert not Enrollment.objects.filter(session=session).exists()


def test_prerequisites_and_vetting(world, cap, pm):
    from puente.catalog.models import Program

    session = cap["session"]["own"]
    program = session.program
    basic = Program.objects.create(code="BAS", title_en="Basic", title_es="Básico", domain=cap["domain"], hours=8, languages=["es"])
    program.prerequisites.add(basic)
    officer, = officers(world, 1)
    with pytest.raises(actions.NominationRefused, match="prerequisites: BAS"):
        actions.nominate(pm, officer, session)
    # A historic record counts like a session completed here: the transcript is one.
    TrainingRecord.objects.create(person=officer, program=basic, agency=world.own, source="historic", start_date=datetime.date(2019, 11, 4),
                                  end_date=datetime.date(2019, 11, 5), hours=8, result="completed")
    program.vetting_required = True
    program.save()
    with pytest.raises(actions.NominationRefused, match="no vetting check valid") as refused:
        actions.nominate(pm, officer, session)
    assert refused.value.refusals == [eligibility.Refusal(eligibility.VETTING, refused.value.refusals[0].params)]


def test_coordinators_nominate_only_their_officers(world, cap, coordinator):
    with pytest.raises(PermissionDenied):
        actions.nominate(coordinator, world.other_person, cap["session"]["other"])
    people = Person.objects.restrict(coordinator, "view")
    lines = actions.bulk_nominate(coordinator, cap["session"]["own"], [world.other_person.national_id, world.own_person.national_id, ""], people)
    assert [bool(line.enrollment) for line in lines] == [False, True]
    assert "No officer you may nominate" in lines[0].problems[0]


def test_withdrawal_offers_the_seat_in_priority_order(world, cap, coordinator):
    session = cap["session"]["own"]
    a, b, c, d = officers(world, 4)
    held = actions.nominate(coordinator, a, session)
    actions.nominate(coordinator, b, session)
    late_but_urgent = actions.nominate(coordinator, c, session, waitlist_priority=5)
    early = actions.nominate(coordinator, d, session)
    assert {late_but_urgent.status, early.status} == {Enrollment.Status.WAITLISTED}
    actions.withdraw(coordinator, held, "Comisión de servicio")
    late_but_urgent.refresh_from_db()
    early.refresh_from_db()
    assert (late_but_urgent.status, early.status) == (Enrollment.Status.NOMINATED, Enrollment.Status.WAITLISTED)
    from puente.core.models import AuditEntry

    assert AuditEntry.objects.filter(action="records.enrollment.offer_seat", object_id=str(late_but_urgent.pk)).exists()


def test_a_withdrawn_officer_can_be_nominated_again(world, cap, coordinator):
    session = cap["session"]["own"]
    officer, = officers(world, 1)
    first = actions.nominate(coordinator, officer, session)
    with pytest.raises(actions.NominationRefused, match="already enrolled"):
        actions.nominate(coordinator, officer, session)
    actions.withdraw(coordinator, first)
    again = actions.nominate(coordinator, officer, session)
    assert again.pk == first.pk and again.status == Enrollment.Status.NOMINATED

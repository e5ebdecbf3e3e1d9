"""Sessions and training requests: bad input refused with the field named, nothing half-written."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from puente.accounts.roles import Role
from puente.capacity import actions
from puente.capacity.models import RequestWindow, Session, TrainingRequest
from puente.core.models import AuditEntry

from .fixtures import capacity


@pytest.fixture
def cap(world):
    world.me = None
    return capacity(world)


def _fields(cap, **overrides):
    start = datetime.date(2025, 4, 7)
    return {"program": cap["program"], "site": cap["site"]["own"], "start_date": start,
            "end_date": start + datetime.timedelta(days=4), "seats": 20, "language": "es", **overrides}


@pytest.mark.parametrize(("overrides", "field"), [
    ({"seats": 0}, "seats"),
    ({"end_date": datetime.date(2025, 4, 1)}, "end_date"),
    ({"seats": 40}, "seats"),  # above the program's maximum class size
    ({"language": "fr"}, "language"),
])
def test_bad_sessions_name_the_field(cap, pm, overrides, field):
    with pytest.raises(ValidationError) as excinfo:
        actions.create_session(pm, **_fields(cap, **overrides))
    assert field in excinfo.value.message_dict
    assert not Session.objects.filter(start_date=datetime.date(2025, 4, 7)).exists()


def test_sessions_of_retired_programs_are_refused(cap, pm):
    program = cap["program"]
    program.status = "retired"
    program.save()
    with pytest.raises(ValidationError) as excinfo:
        actions.create_session(pm, **_fields(cap))
    assert "retired" in str(excinfo.value.message_dict["program"])


def test_room_too_small_and_fiscal_year(cap, pm):
    cap["program"].max_class_size = 40
    cap["program"].save()
    with pytest.raises(ValidationError, match="holds 30"):
        actions.create_session(pm, **_fields(cap, room=cap["room"], seats=31))
    october = actions.create_session(pm, **_fields(cap, start_date=datetime.date(2024, 10, 7), end_date=datetime.date(2024, 10, 9)))
    assert october.fiscal_year == 2025


def test_term_plan_is_all_or_nothing(cap, pm):
    with pytest.raises(ValidationError):
        actions.plan_sessions(
            pm, program=cap["program"], site=cap["site"]["own"], room=cap["room"], first_start=datetime.date(2025, 5, 5),
            days=3, every_weeks=2, count=4, seats=31, language="es",
        )
    assert not Session.objects.filter(start_date__gte=datetime.date(2025, 5, 5)).exists()
    planned = actions.plan_sessions(
        pm, program=cap["program"], site=cap["site"]["own"], first_start=datetime.date(2025, 5, 5),
        days=3, every_weeks=2, count=4, seats=20, language="es",
    )
    assert [s.start_date.day for s in planned] == [5, 19, 2, 16]
    assert AuditEntry.objects.filter(action="capacity.session.create").count() == 4


def test_instructors_are_audited_with_the_session(cap, pm):
    cap["instructor"]["own"].programs.add(cap["program"])
    session = actions.update_session(pm, cap["session"]["own"], instructors=[cap["instructor"]["own"]])
    entry = AuditEntry.objects.get(action="capacity.session.update", object_id=str(session.pk))
    assert entry.changes == {"instructors": [[], [cap["instructor"]["own"].pk]]}


def test_coordinator_submits_edits_and_withdraws_in_an_open_window(world, cap, coordinator):
    request = actions.submit_request(
        coordinator, window=cap["window"], agency=world.own, program=cap["program"], seats=5,
        preferred_months=[2, 3], preferred_sites=[cap["site"]["own"]],
    )
    assert request.submitted_by == coordinator
    assert list(request.preferred_sites.all()) == [cap["site"]["own"]]
    actions.update_request(coordinator, request, seats=7)
    with pytest.raises(PermissionDenied):
        actions.update_request(coordinator, request, priority=3)
    with pytest.raises(PermissionDenied):
        actions.submit_request(coordinator, window=cap["window"], agency=world.other, program=cap["program"], seats=1)
    actions.withdraw_request(coordinator, request)
    request.refresh_from_db()
    assert (request.seats, request.priority, request.status) == (7, 0, TrainingRequest.Status.WITHDRAWN)


def test_closed_window_refuses_coordinators_not_program_managers(world, cap, coordinator, pm):
    actions.close_window(pm, cap["window"])
    with pytest.raises(ValidationError, match="FY2025 request window is closed"):
        actions.submit_request(coordinator, window=cap["window"], agency=world.own, program=cap["program"], seats=1)
    with pytest.raises(ValidationError):
        actions.withdraw_request(coordinator, cap["request"]["own"])
    actions.set_priority(pm, cap["request"]["own"], 2)
    assert TrainingRequest.objects.get(pk=cap["request"]["own"].pk).priority == 2


@pytest.mark.parametrize(("fields", "field"), [
    ({"seats": 0}, "seats"),
    ({"preferred_months": [0, 13]}, "preferred_months"),
])
def test_bad_requests_name_the_field(world, cap, pm, fields, field):
    base = {"window": cap["window"], "agency": world.own, "program": cap["program"], "seats": 2}
    with pytest.raises(ValidationError) as excinfo:
        actions.submit_request(pm, **(base | fields))
    assert field in excinfo.value.message_dict


def test_window_dates_and_uniqueness(pm, world):
    with pytest.raises(ValidationError) as excinfo:
        actions.open_window(pm, fiscal_year=2026, opens_on=datetime.date(2025, 9, 1), closes_on=datetime.date(2025, 6, 1))
    assert "closes_on" in excinfo.value.message_dict
    actions.open_window(pm, fiscal_year=2026, opens_on=datetime.date(2025, 6, 1), closes_on=datetime.date(2025, 9, 1))
    with pytest.raises(ValidationError):
        actions.open_window(pm, fiscal_year=2026, opens_on=datetime.date(2025, 6, 1), closes_on=datetime.date(2025, 9, 1))
    assert RequestWindow.objects.filter(fiscal_year=2026).count() == 1


def test_registrar_changes_only_sessions_they_teach(world, cap):
    registrar = world.user(Role.REGISTRAR)
    with pytest.raises(PermissionDenied):
        actions.update_session(registrar, cap["session"]["own"], seats=10)
    registrar.person = world.own_person
    registrar.save()
    cap["instructor"]["own"].programs.add(cap["program"])
    cap["session"]["own"].instructors.add(cap["instructor"]["own"])
    actions.update_session(registrar, cap["session"]["own"], seats=10)
    assert Session.objects.get(pk=cap["session"]["own"].pk).seats == 10


def test_instructors_must_be_qualified_available_and_free(world, cap, pm):
    instructor = cap["instructor"]["own"]
    session = cap["session"]["own"]
    with pytest.raises(ValidationError, match="not qualified for TMED"):
        actions.update_session(pm, session, instructors=[instructor])
    instructor.programs.add(cap["program"])
    actions.add_absence(pm, instructor, start_date=session.start_date, end_date=session.start_date, reason="Comisión")
    with pytest.raises(ValidationError, match="unavailable from"):
        actions.update_session(pm, session, instructors=[instructor])
    instructor.absences.all().delete()
    actions.update_session(pm, session, instructors=[instructor])
    with pytest.raises(ValidationError, match="already teaches"):
        actions.create_session(pm, **_fields(cap, start_date=session.start_date, end_date=session.end_date, instructors=[instructor]))
    with pytest.raises(ValidationError) as excinfo:
        actions.add_absence(pm, instructor, start_date=datetime.date(2025, 5, 2), end_date=datetime.date(2025, 5, 1))
    assert "end_date" in excinfo.value.message_dict

"""Writes are atomic, scope-checked before and after saving, and audited."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from puente.accounts.roles import Role
from puente.core.context import reset_request_id, set_request_id
from puente.core.models import AuditEntry
from puente.registry import actions
from puente.registry.models import Person


def test_create_is_audited_with_fields_and_request_id(world, pm):
    token = set_request_id("req-123")
    try:
        agency = actions.create_agency(
            pm, code="MX-SON-ACAD", name="Academia de Sonora", country=world.mx, jurisdiction=world.sonora,
            level="state", kind="training_academy",
        )
    finally:
        reset_request_id(token)
    entry = AuditEntry.objects.get(action="registry.agency.create")
    assert entry.actor == pm and entry.object_id == str(agency.pk) and entry.request_id == "req-123"
    assert entry.changes["name"] == [None, "Academia de Sonora"]
    assert entry.changes["kind"] == [None, "training_academy"]


def test_update_records_before_and_after_and_skips_no_op(world, pm):
    actions.update_person(pm, world.own_person, rank="Policía Segundo")
    entry = AuditEntry.objects.get(action="registry.person.update")
    assert entry.changes == {"rank": ["Policía Tercero", "Policía Segundo"]}
    actions.update_person(pm, world.own_person, rank="Policía Segundo")
    assert AuditEntry.objects.filter(action="registry.person.update").count() == 1


def test_coordinator_cannot_create_in_another_agency_and_nothing_lands(world, coordinator):
    with pytest.raises(PermissionDenied):
        actions.create_person(coordinator, agency=world.other, given_names="X", family_names="Y", national_id="AZ-1")
    assert not Person.objects.filter(national_id="AZ-1").exists()
    assert not AuditEntry.objects.exists()


def test_moving_a_person_out_of_scope_is_refused_after_saving(world, coordinator):
    """The NetBox rule: scope is checked again after the save, inside the transaction."""
    with pytest.raises(PermissionDenied):
        actions.update_person(coordinator, world.own_person, agency=world.other)
    world.own_person.refresh_from_db()
    assert world.own_person.agency == world.own
    assert not AuditEntry.objects.exists()


def test_deactivation_needs_the_delete_grant(world, coordinator):
    actions.deactivate_person(coordinator, world.own_person)
    world.own_person.refresh_from_db()
    assert world.own_person.status == Person.Status.INACTIVE
    assert AuditEntry.objects.filter(action="registry.person.deactivate").exists()
    with pytest.raises(PermissionDenied):  # coordinators change their agency but cannot deactivate it
        actions.deactivate_agency(coordinator, world.own)


def test_national_id_is_unique_per_country_only(world, pm):
    with pytest.raises(ValidationError) as excinfo:
        actions.create_person(pm, agency=world.own, given_names="A", family_names="B", national_id=world.own_person.national_id)
    assert "national identifier" in str(excinfo.value)
    twin = actions.create_person(pm, agency=world.other, given_names="A", family_names="B", national_id=world.own_person.national_id)
    assert twin.country == world.us


def test_validation_errors_name_the_field(world, pm):
    with pytest.raises(ValidationError) as excinfo:
        actions.create_agency(pm, code="bad code", name="X", country=world.mx, level="state", kind="police")
    assert {"code", "jurisdiction"} <= set(excinfo.value.message_dict)


def test_restrict_scopes_by_role(world):
    officer = world.user(Role.OFFICER)
    assert list(Person.objects.restrict(officer, "view")) == [world.own_person]
    assert list(Person.objects.restrict(officer, "change")) == []
    vetting = world.user(Role.VETTING_OFFICER, scoped=False)
    assert Person.objects.restrict(vetting, "view").count() == 2
    bound_vetting = world.user(Role.VETTING_OFFICER, agency=world.other, username="vetting-az")
    assert list(Person.objects.restrict(bound_vetting, "view")) == [world.other_person]
    assert Person.objects.restrict(None, "view").count() == 0

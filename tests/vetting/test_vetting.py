"""Vetting: restricted details, every read audited, status for others, nominations gated."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from puente.accounts.roles import Role
from puente.core.models import AuditEntry
from puente.records import actions as records_actions
from puente.records.models import Enrollment
from puente.vetting import actions, services
from puente.vetting.models import VIEW_ACTION, VettingCheck

from tests.capacity.fixtures import capacity

day = datetime.date
PASSED, FAILED = VettingCheck.Result.PASSED, VettingCheck.Result.FAILED


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def vo(world):
    return world.user(Role.VETTING_OFFICER)


def record(actor, person, **values):
    fields = {"kind": VettingCheck.Kind.TRUST, "result": PASSED, "checked_on": day(2024, 1, 10), "valid_until": day(2027, 1, 10),
              "issuing_center": "C3 Sonora"} | values
    return actions.record_check(actor, person=person, **fields)


def test_record_and_audit_without_revealing_results(world, vo):
    check = record(vo, world.own_person, notes="Observaciones reservadas")
    assert check.recorded_by == vo
    entry = AuditEntry.objects.get(action="vetting.vettingcheck.create")
    assert entry.changes["person_id"] == [None, world.own_person.pk]
    assert "Observaciones" not in str(entry.changes) and "passed" not in str(entry.changes) and "passed" not in entry.object_repr


@pytest.mark.parametrize("values, field, message", [
    ({"valid_until": day(2023, 12, 31)}, "valid_until", "before the date of the check"),
    ({"checked_on": timezone.localdate() + datetime.timedelta(days=1), "valid_until": None, "result": "pending"}, "checked_on", "future"),
    ({"valid_until": None}, "valid_until", "needs the date it is valid until"),
])
def test_bad_dates_refused_and_nothing_saved(world, vo, values, field, message):
    with pytest.raises(ValidationError) as caught:
        record(vo, world.own_person, **values)
    assert message in " ".join(caught.value.message_dict[field])
    assert not VettingCheck.objects.exists() and not AuditEntry.objects.filter(action__startswith="vetting.").exists()


def test_bad_dates_in_the_form_show_the_field_error(client, world, vo):
    client.force_login(vo)
    response = client.post(reverse("vetting:check_add"), {
        "person": world.own_person.national_id, "kind": "trust", "result": "passed", "checked_on": "2024-05-01", "valid_until": "2024-04-01"})
    assert response.status_code == 400 and "before the date of the check" in response.content.decode()
    assert not VettingCheck.objects.exists()


def test_evidence_types_and_size(world, vo):
    with pytest.raises(ValidationError) as caught:
        record(vo, world.own_person, evidence=SimpleUploadedFile("run.exe", b"MZ"))
    assert "evidence" in caught.value.message_dict
    big = SimpleUploadedFile("big.pdf", b"0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="larger than 10 MB"):
        record(vo, world.own_person, evidence=big)
    assert not VettingCheck.objects.exists()


def test_only_vetting_officers_write(world, pm, coordinator):
    for actor in (pm, coordinator):
        with pytest.raises(PermissionDenied):
            record(actor, world.own_person)
    agency_vo = world.user(Role.VETTING_OFFICER, agency=world.own, username="vo-own")
    with pytest.raises(PermissionDenied):
        record(agency_vo, world.other_person)
    assert not VettingCheck.objects.exists()


def test_every_detail_view_is_audited(client, world, vo):
    check = record(vo, world.own_person)
    client.force_login(vo)
    for _ in range(2):
        assert client.get(reverse("vetting:check_detail", args=[check.pk])).status_code == 200
    assert client.get(reverse("api:vettingcheck-detail", args=[check.pk])).status_code == 200
    reads = AuditEntry.objects.filter(action=VIEW_ACTION, object_id=str(check.pk), actor=vo)
    assert reads.count() == 3


def test_evidence_download_is_audited_and_restricted(client, world, vo, pm):
    check = record(vo, world.own_person, evidence=SimpleUploadedFile("acta.pdf", b"%PDF-1.4 contenido"))
    url = reverse("vetting:check_evidence", args=[check.pk])
    client.force_login(pm)
    assert client.get(url).status_code == 403
    client.force_login(vo)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEntry.objects.filter(action=VIEW_ACTION, actor=vo).count() == 1


def test_status_fragment_shows_no_details(client, world, vo, coordinator):
    record(vo, world.own_person, notes="SECRETO", issuing_center="C3 Sonora", valid_until=day(2099, 1, 10))
    client.force_login(coordinator)
    page = client.get(reverse("vetting:status", args=[world.own_person.pk])).content.decode()
    assert "Vetting valid until" in page and "SECRETO" not in page and "C3 Sonora" not in page and "Passed" not in page
    assert client.get(reverse("vetting:status", args=[world.other_person.pk])).status_code == 404
    assert client.get(reverse("vetting:check_list")).status_code == 403
    assert not AuditEntry.objects.filter(action=VIEW_ACTION).exists()
    record(vo, world.other_person, result=FAILED, valid_until=None)
    client.force_login(vo)
    assert "Vetting not valid" in client.get(reverse("vetting:status", args=[world.other_person.pk])).content.decode()


def test_access_log_for_program_managers(client, world, vo, pm):
    own, other = record(vo, world.own_person), record(vo, world.other_person)
    client.force_login(vo)
    client.get(reverse("vetting:check_detail", args=[own.pk]))
    client.get(reverse("vetting:check_detail", args=[other.pk]))
    client.force_login(pm)
    assert client.get(reverse("vetting:check_detail", args=[own.pk])).status_code == 403
    page = client.get(reverse("vetting:access_log")).content.decode()
    assert "2 results" in page and ">vetting_officer-own<" in page
    filtered = client.get(reverse("vetting:access_log"), {"person": world.own_person.national_id}).content.decode()
    assert "1 result" in filtered and "Ramírez" in filtered and "Whitaker" not in filtered
    assert "0 results" in client.get(reverse("vetting:access_log"), {"viewer": "nobody"}).content.decode()


def test_valid_until_and_status(world, vo):
    person = world.own_person
    assert services.valid_until(person) is None and services.status_for(person) == (False, None)
    record(vo, person, checked_on=day(2020, 1, 1), valid_until=day(2023, 1, 1))
    record(vo, person, checked_on=day(2023, 2, 1), valid_until=day(2026, 2, 1))
    record(vo, person, result=FAILED, checked_on=day(2024, 1, 1), valid_until=day(2099, 1, 1))
    assert services.valid_until(person, day(2024, 6, 1)) == day(2026, 2, 1)
    assert services.valid_until(person, day(2022, 6, 1)) == day(2023, 1, 1)  # the later check had not happened yet
    assert services.status_for(person, day(2025, 1, 1)) == (True, day(2026, 2, 1))
    assert services.status_for(person, day(2026, 2, 2)) == (False, None)


@pytest.fixture
def vetting_session(world):
    world.me = None
    cap = capacity(world)
    session = cap["session"]["own"]
    outcome = cap["outcome"]["own"]
    outcome.allocation = {str(session.pk): 2}
    outcome.save()
    session.program.vetting_required = True
    session.program.save()
    return session


def test_nominations_need_vetting_through_the_last_day(world, vo, coordinator, vetting_session):
    from puente.registry.models import Person

    vetted, expiring = (Person.objects.create(agency=world.own, given_names=f"Oficial {i}", family_names="Prueba", national_id=f"VET{i}")
                        for i in range(2))
    record(vo, vetted, checked_on=day(2024, 1, 10), valid_until=day(2027, 1, 10))
    record(vo, expiring, checked_on=day(2022, 2, 1), valid_until=vetting_session.end_date - datetime.timedelta(days=1))
    assert records_actions.nominate(coordinator, vetted, vetting_session).status == Enrollment.Status.NOMINATED
    with pytest.raises(records_actions.NominationRefused, match="no vetting check valid through"):
        records_actions.nominate(coordinator, expiring, vetting_session)
    assert not Enrollment.objects.filter(person=expiring).exists()

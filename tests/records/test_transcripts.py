"""Transcripts: what an officer, their coordinator and others get, in both languages and formats."""
import datetime

import pytest

from puente.accounts.roles import Role
from puente.records.models import TrainingRecord

from tests.capacity.fixtures import capacity


@pytest.fixture
def lines(world):
    program = capacity(world)["program"]
    done = TrainingRecord.objects.create(person=world.own_person, program=program, agency=world.own, source="historic",
                                         start_date=datetime.date(2021, 5, 3), end_date=datetime.date(2021, 5, 7), hours=40,
                                         ce_credits=4, result="completed", score=91)
    failed = TrainingRecord.objects.create(person=world.own_person, program=program, agency=world.own, source="session",
                                           start_date=datetime.date(2022, 5, 2), end_date=datetime.date(2022, 5, 6), hours=0,
                                           result="failed")
    return done, failed


def test_officer_reads_their_transcript_with_credited_totals(client, world, lines):
    client.force_login(world.user(Role.OFFICER))
    page = client.get(f"/records/transcripts/{world.own_person.pk}/").content.decode()
    assert "Tactical Medicine" in page and "Failed" in page
    api = client.get(f"/api/transcripts/{world.own_person.pk}/").json()
    assert (api["completed"], api["hours"], api["ce_credits"]) == (1, "40.0", "4.0")
    assert [r["result"] for r in api["records"]] == ["failed", "completed"]
    assert client.get(f"/records/transcripts/{world.other_person.pk}/").status_code == 404


def test_csv_and_pdf_in_either_language(client, world, lines):
    client.force_login(world.user(Role.AGENCY_COORDINATOR))
    spanish = client.get(f"/records/transcripts/{world.own_person.pk}/?format=csv&lang=es").content.decode("utf-8-sig")
    header, first = spanish.splitlines()[:2]
    assert header.startswith("Código de programa,") and "Medicina táctica" in first and "Reprobado" in first
    english = client.get(f"/records/transcripts/{world.own_person.pk}/?format=csv&lang=en").content.decode("utf-8-sig")
    assert english.splitlines()[0].startswith("Program code,") and "Tactical Medicine" in english
    pdf = client.get(f"/records/transcripts/{world.own_person.pk}/?format=pdf&lang=es")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF") and len(pdf.content) > 2000


def test_roles_without_record_grants_get_no_transcript(client, world, lines):
    client.force_login(world.user(Role.VETTING_OFFICER))  # sees people, not their training
    assert client.get(f"/records/transcripts/{world.own_person.pk}/").status_code == 403
    assert client.get(f"/api/transcripts/{world.own_person.pk}/").status_code == 403


def test_illegal_transition_over_the_api_names_the_states(client, world):
    from puente.records.models import Enrollment

    session = capacity(world)["session"]["own"]
    enrollment = Enrollment.objects.create(person=world.own_person, session=session, agency=world.own, status="nominated")
    client.force_login(world.user(Role.AGENCY_COORDINATOR))
    response = client.post(f"/api/enrollments/{enrollment.pk}/transition/", {"status": "completed"}, content_type="application/json")
    assert response.status_code == 400 and "nominated cannot become completed" in response.content.decode()
    enrollment.refresh_from_db()
    assert enrollment.status == "nominated"

"""The management pages and API: issue and revoke credentials, link activities, resolve outcomes."""
import pytest

from puente.accounts.roles import Role
from puente.records.models import TrainingRecord
from puente.xapi import actions
from puente.xapi.models import ActivityLink, Credential, UnmatchedOutcome

from .conftest import LRS, statement


def test_issue_shows_the_secret_once_and_it_works(client, pm, world):
    client.force_login(pm)
    response = client.post("/xapi/credentials/add/", {"provider": "Academia Virtual", "agency": world.own.pk, "agency_read": "on"})
    assert response.status_code == 200
    credential = Credential.objects.get()
    secret = response.context["secret"]
    assert secret in response.content.decode() and credential.check_secret(secret) and credential.agency_read
    detail = client.get(credential.get_absolute_url())
    assert secret not in detail.content.decode() and credential.key in detail.content.decode()
    client.logout()
    assert LRS(client, credential, secret).post(statement()).status_code == 200


def test_issue_form_errors_name_the_field(client, pm):
    client.force_login(pm)
    response = client.post("/xapi/credentials/add/", {"provider": "", "agency": ""})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"provider", "agency"}
    assert not Credential.objects.exists()


def test_revoke_from_the_page(client, pm, issued):
    credential, secret = issued["own"]
    client.force_login(pm)
    assert "Revoke" in client.get(credential.get_absolute_url()).content.decode()
    client.post(f"/xapi/credentials/{credential.pk}/revoke/")
    credential.refresh_from_db()
    assert not credential.active
    client.logout()
    assert LRS(client, credential, secret).post(statement()).status_code == 401


def test_link_page_refuses_in_person_programs(client, pm, elearning):
    from decimal import Decimal

    from puente.catalog.models import Program

    classroom = Program.objects.create(code="CLASS", title_en="Classroom", title_es="Aula", domain=elearning.domain,
                                       hours=Decimal("8"), languages=["es"])
    client.force_login(pm)
    refused = client.post("/xapi/links/add/", {"activity_iri": "https://lms.example.org/c", "program": classroom.pk})
    assert refused.status_code == 400 and "program" in refused.context["form"].errors
    client.post("/xapi/links/add/", {"activity_iri": "https://lms.example.org/c", "program": elearning.pk})
    link = ActivityLink.objects.get()
    listing = client.get("/xapi/links/").content.decode()
    assert "https://lms.example.org/c" in listing and f"/xapi/links/{link.pk}/delete/" in listing


@pytest.fixture
def unmatched(lrs, pm, elearning):
    actions.link_activity(pm, "https://lms.example.org/courses/cites-101", elearning)
    lrs.post(statement(actor="mailto:unknown@example.org", verb="http://adlnet.gov/expapi/verbs/passed"))
    return UnmatchedOutcome.objects.get()


def test_coordinator_resolves(client, world, unmatched):
    client.force_login(world.user(Role.AGENCY_COORDINATOR))
    listing = client.get("/xapi/unmatched/").content.decode()
    assert "unknown@example.org" in listing
    assert 'name="person"' in client.get(unmatched.get_absolute_url()).content.decode()
    wrong = client.post(unmatched.get_absolute_url(), {"person": "NOPE-1"})
    assert wrong.status_code == 400 and "NOPE-1" in wrong.content.decode()
    response = client.post(unmatched.get_absolute_url(), {"person": world.own_person.national_id})
    assert response.status_code == 302
    assert TrainingRecord.objects.get().person == world.own_person
    assert 'name="person"' not in client.get(unmatched.get_absolute_url()).content.decode()  # resolved: no form


def test_other_agency_coordinator_does_not_see_it(client, world, unmatched):
    client.force_login(world.user(Role.AGENCY_COORDINATOR, agency=world.other, username="az-coordinator"))
    assert "unknown@example.org" not in client.get("/xapi/unmatched/").content.decode()
    assert client.get(unmatched.get_absolute_url()).status_code == 404


def test_api_issue_returns_the_secret_once(client, pm, world):
    client.force_login(pm)
    response = client.post("/api/xapi-credentials/", {"provider": "API LMS", "agency": world.own.pk}, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert Credential.objects.get(pk=body["id"]).check_secret(body["secret"])
    again = client.get(f"/api/xapi-credentials/{body['id']}/").json()
    assert "secret" not in again and again["active"] is True
    assert client.delete(f"/api/xapi-credentials/{body['id']}/").status_code == 204
    assert not Credential.objects.get(pk=body["id"]).active


def test_api_resolve(client, world, unmatched):
    client.force_login(world.user(Role.AGENCY_COORDINATOR))
    response = client.post(f"/api/xapi-unmatched-outcomes/{unmatched.pk}/resolve/", {"person": world.own_person.pk},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "resolved"
    again = client.post(f"/api/xapi-unmatched-outcomes/{unmatched.pk}/resolve/", {"person": world.own_person.pk},
                        content_type="application/json")
    assert again.status_code == 400


def test_openapi_schema_has_the_management_api(client, pm):
    client.force_login(pm)
    schema = client.get("/api/schema/").content.decode()
    assert "/api/xapi-credentials/" in schema and "/api/xapi-unmatched-outcomes/{id}/resolve/" in schema

"""The REST API: token auth, pagination, filters, audited writes through the actions, the schema."""
import pytest
from rest_framework.test import APIClient

from puente.accounts.actions import issue_api_token
from puente.accounts.roles import Role
from puente.core.models import AuditEntry
from puente.registry.models import Person


@pytest.fixture
def api(world, pm):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_api_token(pm, pm).key}")
    return client


def test_token_auth_and_pagination(api, world):
    Person.objects.bulk_create(
        Person(agency=world.own, country=world.mx, given_names="N", family_names=f"F{n:03d}", national_id=f"P{n}") for n in range(60)
    )
    first = api.get("/api/people/").json()
    assert first["count"] == 62 and len(first["results"]) == 50 and first["next"]
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 12


def test_filters_and_search(api, world):
    assert [a["code"] for a in api.get("/api/agencies/?level=municipal").json()["results"]] == [world.own.code]
    assert [a["code"] for a in api.get("/api/agencies/?country=US").json()["results"]] == [world.other.code]
    assert [a["code"] for a in api.get(f"/api/agencies/?state={world.sonora.pk}").json()["results"]] == [world.own.code]
    found = api.get("/api/people/?q=ramírez").json()["results"]
    assert [p["national_id"] for p in found] == [world.own_person.national_id]
    assert api.get("/api/people/?ordering=-family_names").json()["results"][0]["family_names"] == "Whitaker"


def test_bad_input_names_the_field_and_writes_nothing(api, world):
    response = api.post("/api/people/", {"agency": world.own.pk, "given_names": "A", "family_names": "B", "national_id": world.own_person.national_id}, format="json")
    assert response.status_code == 400 and "national identifier" in str(response.json())
    response = api.post("/api/agencies/", {"code": "lower case", "name": "X", "country": "MX", "level": "state", "kind": "police"}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"code"}
    response = api.post("/api/agencies/", {"code": "MX-X", "name": "X", "country": "MX", "level": "state", "kind": "police"}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"jurisdiction"}
    assert not AuditEntry.objects.filter(action__endswith=".create").exists()


def test_writes_are_audited_and_delete_deactivates(api, world, pm):
    created = api.post("/api/people/", {"agency": world.own.pk, "given_names": "Rosa", "family_names": "Lara", "national_id": "NEW1"}, format="json")
    assert created.status_code == 201 and created.json()["country"] == "MX"
    assert AuditEntry.objects.get(action="registry.person.create").actor == pm
    assert api.delete(f"/api/people/{created.json()['id']}/").status_code == 204
    assert Person.objects.get(national_id="NEW1").status == Person.Status.INACTIVE


def test_coordinator_cannot_move_a_person_to_another_agency(world):
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    client = APIClient()
    client.force_authenticate(coordinator)
    response = client.patch(f"/api/people/{world.own_person.pk}/", {"agency": world.other.pk}, format="json")
    assert response.status_code == 400
    world.own_person.refresh_from_db()
    assert world.own_person.agency == world.own


def test_schema_lists_every_resource_and_docs_are_local(client, world):
    schema = client.get("/api/schema/?format=json").json()
    for path in ("/api/agencies/", "/api/people/", "/api/jurisdictions/", "/api/users/me/", "/api/jobs/", "/api/audit-entries/", "/api/role-assignments/"):
        assert path in schema["paths"], path
    docs = client.get("/api/docs/").content.decode()
    assert "cdn" not in docs.lower() and "/static/drf_spectacular_sidecar/" in docs


def test_schema_generates_without_warnings(tmp_path):
    """A warning is a documented operation that reads wrong: a colliding id, an unknown field type."""
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert (tmp_path / "schema.yml").stat().st_size > 0

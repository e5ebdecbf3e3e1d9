"""The catalog API: relations by code and id, filters, pagination, audited writes, DELETE retires."""
import pytest
from rest_framework.test import APIClient

from puente.accounts.actions import issue_api_token
from puente.accounts.roles import Role
from puente.catalog.models import Program
from puente.core.models import AuditEntry


@pytest.fixture
def api(world, pm):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_api_token(pm, pm).key}")
    return client


def codes(response):
    return [row["code"] for row in response.json()["results"]]


def test_program_shows_threat_codes_and_prerequisite_ids(api, catalog):
    data = api.get(f"/api/programs/{catalog.advanced.pk}/").json()
    assert data["domain"] == "INVESTIGATIONS"
    assert sorted(data["threats"]) == ["FENTANYL", "FIREARMS"]
    assert data["prerequisites"] == [catalog.basic.pk]
    assert data["languages"] == ["en", "es"] and data["status"] == "active"


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["INV-ADV", "INV-BAS", "TAC-MED"]),
    ("?q=medicina", ["TAC-MED"]),
    ("?q=inv-b", ["INV-BAS"]),
    ("?domain=TACTICAL", ["TAC-MED"]),
    ("?threat=FIREARMS", ["INV-ADV"]),
    ("?mission_critical=true", ["INV-ADV", "TAC-MED"]),
    ("?mission_critical=false", ["INV-BAS"]),
    ("?delivery_mode=blended", ["TAC-MED"]),
    ("?language=es", ["INV-ADV", "INV-BAS"]),
    ("?language=en", ["INV-ADV", "TAC-MED"]),
    ("?vetting_required=true", ["INV-ADV"]),
    ("?status=retired", []),
    ("?ordering=-hours", ["INV-BAS", "INV-ADV", "TAC-MED"]),
])
def test_filters(api, catalog, query, expected):
    assert codes(api.get(f"/api/programs/{query}")) == expected


def test_pagination(api, catalog):
    Program.objects.bulk_create(
        Program(code=f"P-{n:03d}", title_en="P", title_es="P", domain=catalog.tactical, hours=4, languages=["en"])
        for n in range(60)
    )
    first = api.get("/api/programs/").json()
    assert first["count"] == 63 and len(first["results"]) == 50 and first["next"]
    assert len(api.get(first["next"]).json()["results"]) == 13


def test_create_update_retire_and_reactivate_are_audited(api, catalog, pm):
    created = api.post("/api/programs/", {
        "code": "HT-IND", "title_en": "Human Trafficking Indicators", "title_es": "Indicadores de trata de personas",
        "domain": "INVESTIGATIONS", "threats": ["FENTANYL"], "prerequisites": [catalog.basic.pk], "hours": "8",
        "delivery_mode": "blended", "languages": ["es", "en"],
    }, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["languages"] == ["en", "es"] and created.json()["prerequisites"] == [catalog.basic.pk]
    entry = AuditEntry.objects.get(action="catalog.program.create")
    assert entry.actor == pm and entry.changes["threats"] == [None, ["FENTANYL"]]

    patched = api.patch(f"/api/programs/{pk}/", {"threats": ["WILDLIFE", "FIREARMS"]}, format="json")
    assert sorted(patched.json()["threats"]) == ["FIREARMS", "WILDLIFE"]
    assert AuditEntry.objects.get(action="catalog.program.update").changes == {
        "threats": [["FENTANYL"], ["FIREARMS", "WILDLIFE"]],
    }

    assert api.delete(f"/api/programs/{pk}/").status_code == 204
    assert Program.objects.get(pk=pk).status == Program.Status.RETIRED, "DELETE retires, never removes"
    assert api.post(f"/api/programs/{pk}/reactivate/").json()["status"] == "active"
    assert [e.action for e in AuditEntry.objects.order_by("id")][-2:] == ["catalog.program.retire", "catalog.program.reactivate"]


def test_bad_input_names_the_field_and_writes_nothing(api, catalog):
    base = {"code": "X-1", "title_en": "X", "title_es": "X", "domain": "TACTICAL", "hours": "8", "languages": ["en"]}
    for change, field in [
        ({"domain": "NOPE"}, "domain"),
        ({"threats": ["CHEESE"]}, "threats"),
        ({"languages": ["fr"]}, "languages"),
        ({"languages": []}, "languages"),
        ({"min_class_size": 30, "max_class_size": 20}, "max_class_size"),
        ({"hours": "0"}, "hours"),
        ({"code": "lower case"}, "code"),
    ]:
        response = api.post("/api/programs/", {**base, **change}, format="json")
        assert response.status_code == 400 and field in response.json(), (change, response.json())
    cycle = api.patch(f"/api/programs/{catalog.basic.pk}/", {"prerequisites": [catalog.advanced.pk]}, format="json")
    assert cycle.status_code == 400 and "INV-BAS → INV-ADV → INV-BAS" in str(cycle.json()["prerequisites"])
    assert not AuditEntry.objects.filter(action__startswith="catalog.").exists()
    assert not Program.objects.filter(code="X-1").exists()


def test_domains_and_threats(api, catalog):
    assert [t["code"] for t in api.get("/api/threats/").json()["results"]] == ["FENTANYL", "FIREARMS", "WILDLIFE"]
    assert [d["code"] for d in api.get("/api/domains/?q=tácticas").json()["results"]] == ["TACTICAL"]
    response = api.patch(f"/api/threats/{catalog.wildlife.pk}/", {"weight": "2.5"}, format="json")
    assert response.json()["weight"] == "2.50"
    assert AuditEntry.objects.get(action="catalog.threattag.update").changes == {"weight": ["2.00", "2.50"]}
    assert api.delete(f"/api/domains/{catalog.tactical.pk}/").status_code in (403, 405), "domains are never deleted"


def test_officers_read_but_do_not_write(world, catalog):
    client = APIClient()
    client.force_authenticate(world.user(Role.OFFICER))
    assert client.get("/api/programs/").json()["count"] == 3
    assert client.patch(f"/api/programs/{catalog.basic.pk}/", {"hours": "1"}, format="json").status_code == 403
    assert client.delete(f"/api/programs/{catalog.basic.pk}/").status_code == 403


def test_schema_has_the_catalog(client, world):
    schema = client.get("/api/schema/?format=json").json()
    for path in ("/api/programs/", "/api/programs/{id}/", "/api/programs/{id}/reactivate/", "/api/domains/", "/api/threats/"):
        assert path in schema["paths"], path
    parameters = {p["name"] for p in schema["paths"]["/api/programs/"]["get"]["parameters"]}
    assert {"q", "domain", "threat", "mission_critical", "delivery_mode", "status", "language", "vetting_required"} <= parameters

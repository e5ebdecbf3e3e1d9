"""The metrics API: indicators and their figures scoped per reader, saved views, public tables and their cache."""
import pytest
from django.core.cache import cache
from django.test import override_settings

from puente.accounts.roles import Role
from puente.core.models import AuditEntry
from puente.metrics import registry
from puente.metrics.models import SavedView
from puente.metrics.registry import Scope
from tests.capacity.fixtures import capacity

from .fixtures import people, program, records, trained_world

INDICATORS = "/api/metrics-indicators/"
SAVED = "/api/metrics-saved-views/"


@pytest.fixture
def data(world):
    world.me = None
    capacity(world)
    return trained_world(world)


def test_every_registry_indicator_is_listed_in_the_readers_language(world, data, pm, client):
    client.force_login(pm)
    listed = client.get(INDICATORS, HTTP_ACCEPT_LANGUAGE="es").json()
    assert [row["code"] for row in listed] == list(registry.sources())
    trained = next(row for row in listed if row["code"] == "people_trained")
    assert trained["name"] == registry.get("people_trained").indicator.name["es"]
    assert 2024 in trained["years"] and "agency" in trained["breakdowns"]
    coverage = next(row for row in listed if row["code"] == "certification_coverage")
    assert coverage["defaults"] == {"credential": "MX-CUP"} and coverage["on_a_day"]


def test_figures_equal_the_registry_and_are_scoped_to_the_reader(world, data, pm, coordinator, client):
    client.force_login(pm)
    body = client.get(f"{INDICATORS}people_trained/", {"year": 2024, "by": "agency"}).json()
    expected = registry.evaluate("people_trained", Scope(pm), 2024, ("agency",))
    assert body["by"] == "agency" and body["total"]["components"] == {"people": expected.total.parts["people"]}
    assert {row["key"] for row in body["rows"]} == {world.own.pk, world.other.pk}

    client.force_login(coordinator)
    body = client.get(f"{INDICATORS}people_trained/", {"year": 2024, "by": "agency"}).json()
    assert [row["key"] for row in body["rows"]] == [world.own.pk]
    assert body["total"]["components"] == {"people": 15}


def test_filters_and_drill_down_read_the_dashboards_query_string(world, data, pm, client):
    client.force_login(pm)
    body = client.get(f"{INDICATORS}people_trained/", {"year": 2024, "country": "MX"}).json()
    assert body["filters"] == {"country": "MX"} and body["by"] == "level"
    assert body["total"]["components"] == {"people": 15}


def test_bad_requests_name_what_is_wrong(world, data, pm, client):
    client.force_login(pm)
    assert client.get(f"{INDICATORS}no_such_thing/").status_code == 404
    response = client.get(f"{INDICATORS}service_rate/", {"by": "odor"})
    assert response.status_code == 400 and "by" in response.json()
    response = client.get(f"{INDICATORS}certification_coverage/", {"on": "31/03/2024"})
    assert response.status_code == 400 and "on" in response.json()


def test_officers_may_not_read_the_dashboard_figures(world, data, client):
    client.force_login(world.user(Role.OFFICER))
    assert client.get(INDICATORS).status_code == 403
    assert client.get(f"{INDICATORS}people_trained/").status_code == 403


def test_saved_views_are_created_audited_listed_and_deleted_by_their_owner(world, data, pm, client):
    client.force_login(pm)
    response = client.post(SAVED, {"name": "Mexico 2024", "query": "indicator=people_trained&year=2024&country=MX&junk=1"},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    view = SavedView.objects.get(owner=pm, name="Mexico 2024")
    assert view.query == "indicator=people_trained&year=2024&country=MX"
    assert AuditEntry.objects.filter(action="metrics.savedview.create", object_id=str(view.pk)).exists()
    someone_else = SavedView.objects.create(owner=world.user(Role.AUDITOR), name="Theirs", query="indicator=service_rate")
    assert [row["id"] for row in client.get(SAVED).json()["results"]] == [view.pk]
    assert client.delete(f"{SAVED}{someone_else.pk}/").status_code == 404
    assert client.delete(f"{SAVED}{view.pk}/").status_code == 204
    assert not SavedView.objects.filter(pk=view.pk).exists() and SavedView.objects.filter(pk=someone_else.pk).exists()


def test_a_duplicate_saved_view_name_is_refused(world, data, pm, client):
    client.force_login(pm)
    body = {"name": "Mine", "query": "indicator=service_rate"}
    assert client.post(SAVED, body, content_type="application/json").status_code == 201
    response = client.post(SAVED, body, content_type="application/json")
    assert response.status_code == 400 and SavedView.objects.filter(owner=pm, name="Mine").count() == 1


def _trained_in_2024(client) -> int:
    table = client.get("/api/public/people-trained/").json()
    column = [c["key"] for c in table["columns"]].index("2024")
    return table["rows"][0]["cells"][column]["parts"]["people"]


def test_public_tables_are_kept_for_the_configured_time(world, data, client):
    more = people(world.other, 20, "NEW")
    cache.clear()
    with override_settings(PUENTE_PUBLIC_CACHE_SECONDS=600):
        before = _trained_in_2024(client)
        records(more, program("GENDER"), 2024)
        assert _trained_in_2024(client) == before  # served from the cache
        cache.clear()
        assert _trained_in_2024(client) == before + 20
    cache.clear()


def test_without_a_cache_time_public_tables_are_read_afresh(world, data, client):
    before = _trained_in_2024(client)
    records(people(world.other, 20, "NEW"), program("GENDER"), 2024)
    assert _trained_in_2024(client) == before + 20


def test_the_schema_documents_the_metrics_and_public_endpoints(client):
    schema = client.get("/api/schema/?format=json").json()
    for path in ("/api/metrics-indicators/", "/api/metrics-indicators/{code}/", "/api/metrics-saved-views/",
                 "/api/public/", "/api/public/{code}/"):
        assert path in schema["paths"], path

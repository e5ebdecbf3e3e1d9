"""The dashboard: drill-down, filters, scoping per role, exports and saved views."""
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from puente.accounts.roles import Role
from puente.core.models import AuditEntry
from puente.metrics.models import SavedView
from tests.capacity.fixtures import capacity

from .fixtures import trained_world

URL = "/metrics/"


@pytest.fixture
def data(world):
    world.me = None
    capacity(world)
    return trained_world(world)


def _csv(response):
    return b"".join(response.streaming_content).decode().lstrip("\ufeff").splitlines()


def test_drill_down_country_level_state_agency(world, data, pm, client):
    client.force_login(pm)
    page = client.get(URL, {"indicator": "people_trained", "year": 2024}).content.decode()
    assert ">Mexico</a>" in page and ">United States</a>" in page and 'id="breakdown-chart"' in page
    page = client.get(URL, {"indicator": "people_trained", "year": 2024, "country": "MX"}).content.decode()
    assert ">Municipal</a>" in page and "United States</a>" not in page
    page = client.get(URL, {"indicator": "people_trained", "year": 2024, "country": "MX", "level": "municipal"}).content.decode()
    assert ">Sonora</a>" in page
    page = client.get(URL, {"indicator": "people_trained", "year": 2024, "country": "MX", "level": "municipal", "state": world.sonora.pk}).content.decode()
    assert f">{world.own.name}</a>" in page and "Arizona Department" not in page


def test_cards_show_every_indicator_for_the_year(world, data, pm, client):
    client.force_login(pm)
    page = client.get(URL, {"indicator": "trained_growth", "year": 2024, "program": "CITES"}).content.decode()
    for name in ("Service rate", "Unmet demand", "People trained", "Growth in people trained", "Hours per officer", "Vetting currency"):
        assert name in page
    assert "25.0 %" in page  # CITES: 15 people in 2024 over 12 in 2023
    assert "Not filtered by Program" in page  # vetting currency ignores the program filter


def test_a_coordinator_sees_only_their_agencys_figures(world, data, client):
    client.force_login(world.user(Role.AGENCY_COORDINATOR))
    lines = _csv(client.get(URL, {"indicator": "people_trained", "year": 2024, "by": "agency", "export": "csv"}))
    assert lines[1:] == [f"{world.own.name},15,15", "Total,15,15"]
    page = client.get(URL, {"indicator": "people_trained", "year": 2024, "agency": world.other.pk}).content.decode()
    assert "Arizona Department" not in page


def test_an_auditor_sees_everything(world, data, client):
    client.force_login(world.user(Role.AUDITOR))
    lines = _csv(client.get(URL, {"indicator": "people_trained", "year": 2024, "export": "csv"}))
    assert lines[0] == "Country,People trained,People trained" and lines[1:] == ["United States,30,30", "Mexico,15,15", "Total,45,45"]


@pytest.mark.parametrize("role", [Role.OFFICER, Role.REGISTRAR, Role.VETTING_OFFICER, None])
def test_roles_without_metrics_are_refused(world, data, client, role):
    client.force_login(world.user(role))
    assert client.get(URL).status_code == 403


def test_exports_xlsx_and_pdf_in_spanish(world, data, pm, client):
    client.force_login(pm)
    response = client.get(URL, {"indicator": "service_rate", "year": 2025, "by": "program", "export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="es")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0] == ("Programa", "Plazas solicitadas", "Plazas cubiertas", "Tasa de atención")
    assert rows[1] == ("TMED", 10, 2, 0.2) and rows[-1][0] == "Total"
    pdf = client.get(URL, {"indicator": "service_rate", "year": 2025, "export": "pdf"}, HTTP_ACCEPT_LANGUAGE="es")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert 'filename="service_rate-2025-by-program.pdf"' in pdf["Content-Disposition"]


def test_bad_state_falls_back_to_defaults(world, data, pm, client):
    client.force_login(pm)
    response = client.get(URL, {"indicator": "nope", "year": "abc", "state": "x", "by": "planet"})
    assert response.status_code == 200 and "Service rate" in response.content.decode()


def test_saved_views_are_named_listed_shared_and_deleted(world, data, pm, client):
    client.force_login(pm)
    response = client.post(reverse("metrics:saved_add"), {"name": "Sonora 2024", "query": "indicator=people_trained&year=2024&state=%d&evil=1" % world.sonora.pk})
    assert response.status_code == 302
    view = SavedView.objects.get(owner=pm)
    assert view.query == f"indicator=people_trained&year=2024&state={world.sonora.pk}"
    assert AuditEntry.objects.filter(action="metrics.savedview.create").exists()
    listing = client.get(reverse("metrics:saved_list")).content.decode()
    assert "Sonora 2024" in listing and view.get_absolute_url().replace("&", "&amp;") in listing
    # The same address shows a coordinator their own figures.
    client.force_login(world.user(Role.AGENCY_COORDINATOR))
    assert client.get(view.get_absolute_url()).status_code == 200
    assert "Sonora 2024" not in client.get(reverse("metrics:saved_list")).content.decode()
    assert client.post(reverse("metrics:saved_delete", args=[view.pk])).status_code == 404
    client.force_login(pm)
    duplicate = client.post(reverse("metrics:saved_add"), {"name": "Sonora 2024", "query": ""}, follow=True)
    assert SavedView.objects.count() == 1 and "already exists" in duplicate.content.decode()
    blank = client.post(reverse("metrics:saved_add"), {"name": " ", "query": ""}, follow=True)
    assert SavedView.objects.count() == 1 and "This field cannot be blank" in blank.content.decode()
    client.post(reverse("metrics:saved_delete", args=[view.pk]))
    assert not SavedView.objects.exists()


def test_an_indicator_read_on_a_day_with_its_own_breakdown_and_filters(world, data, pm, client):
    from tests.canine.fixtures import canine

    canine(world)  # both agencies' teams certified on fentanyl on 2 May 2024
    client.force_login(pm)
    query = {"indicator": "canine_teams_certified", "year": 2024}
    page = client.get(URL, query).content.decode()
    assert ">Fentanyl</a>" in page and 'id="metrics-odor"' in page and 'id="metrics-on"' in page
    assert 'id="metrics-program"' not in page  # the canine indicator is not about training programs
    assert ">Fentanyl</a>" not in client.get(URL, {**query, "on": "2024-03-31"}).content.decode()
    # The day travels with the drill-down links and the exports; a day outside the year is dropped.
    page = client.get(URL, {**query, "on": "2024-06-30", "by": "country"}).content.decode()
    assert "on=2024-06-30&amp;country=MX" in page
    lines = _csv(client.get(URL, {**query, "on": "2024-06-30", "odor": "FENTANYL", "by": "agency", "export": "csv"}))
    assert lines[0] == "Agency,Teams certified,Active teams,Dogs,Canine teams certified"
    assert sorted(lines[1:-1]) == sorted([f"{world.own.name},1,1,1,1", f"{world.other.name},1,1,1,1"])
    assert 'value="2024-06-30"' not in client.get(URL, {**query, "on": "2023-06-30"}).content.decode()

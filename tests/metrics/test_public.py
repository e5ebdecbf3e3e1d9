"""The public view and API: no sign-in, aggregated only, and nothing suppressed can be recovered."""
import pytest
from django.test import override_settings

from puente.metrics import public
from puente.registry.models import Agency, Jurisdiction
from tests.capacity.fixtures import capacity

from .attack import recovered
from .fixtures import people, program, records, trained_world


@pytest.fixture
def data(world):
    world.me = None
    capacity(world)
    found = trained_world(world)
    chihuahua = Jurisdiction.objects.create(country=world.mx, kind="state", name="Chihuahua", code="08")
    juarez = Agency.objects.create(code="MX-CHH-POL", name="Policía Estatal de Chihuahua", country=world.mx, jurisdiction=chihuahua, level="state", kind="police")
    federal = Agency.objects.create(code="MX-ANAM", name="ANAM", country=world.mx, level="federal", kind="customs")
    records(people(juarez, 4, "CHH"), program("CITES"), 2024)
    records(people(federal, 25, "ANAM"), program("CITES"), 2024)
    records(people(federal, 11, "ANAM23"), program("CITES"), 2023)
    return found


def _cells(payload):
    return {(tuple(row["key"]) if isinstance(row["key"], list) else row["key"], column["key"]): cell
            for row in payload["rows"] for column, cell in zip(payload["columns"], row["cells"])}


def test_the_public_page_needs_no_sign_in_and_marks_suppressed_cells(data, client):
    page = client.get("/public/").content.decode()
    assert "People trained by country, level and state" in page and "Chihuahua" in page
    assert 'data-suppressed="true"' in page and ">4<" not in page


def test_the_public_api_hides_small_cells_and_their_complements(world, data, client):
    payload = client.get("/api/public/people-trained/").json()
    cells = _cells(payload)
    chihuahua = next(row["key"] for row in payload["rows"] if row["label"] == "Chihuahua")
    assert cells[(tuple(chihuahua), "2024")] == {"suppressed": True}
    assert payload["min_cell"] == 10 and [c["key"] for c in payload["columns"]] == ["2023", "2024"]
    shown = [cell for cell in cells.values() if not cell["suppressed"]]
    assert shown and all(cell["parts"]["people"] >= 10 for cell in shown)
    codes = [table["table"] for table in client.get("/api/public/").json()["tables"]]
    assert {"service-rate-by-program", "service-rate", "unmet-demand", "people-trained"} <= set(codes)
    assert {"certification-coverage", "accreditation-pipeline", "satisfaction", "skills-applied"} <= set(codes)
    assert "trained-growth" not in codes and "canine-teams-certified" not in codes  # not public indicators
    assert client.get("/api/public/nothing/").status_code == 404


def test_service_rate_publishes_seats_by_program_and_country(data, client):
    payload = client.get("/api/public/service-rate-by-program/?year=2025").json()
    assert payload["title"].endswith("2025")
    # 6 and 4 seats requested: below k, so everything that would give them away is hidden.
    assert all(cell["suppressed"] for row in payload["rows"] for cell in row["cells"])


def test_k_is_a_setting(data, client):
    with override_settings(PUENTE_PUBLIC_MIN_CELL=3):
        payload = client.get("/api/public/people-trained/").json()
        loose = public.published("people-trained").suppressed
    strict = public.published("people-trained").suppressed
    assert payload["min_cell"] == 3 and len(loose) < len(strict)


@pytest.mark.parametrize("k", [3, 10, 20])
def test_no_published_table_gives_a_suppressed_cell_away(data, k):
    attacked = 0
    for code in public.tables():
        with override_settings(PUENTE_PUBLIC_MIN_CELL=k):
            table = public.published(code)
        attacked += bool(table.rows)
        for name in table.indicator.people:
            cells = table.counts[name]
            assert {key for key, value in cells.items() if value < k} <= table.suppressed
            assert not recovered(cells, table.equations, table.suppressed)
    assert attacked >= 4

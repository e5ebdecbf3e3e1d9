"""Service-rate reports: figures from the published run, scoped per role, by year and breakdown."""
import datetime

import pytest
from django.utils import timezone

from puente.accounts.roles import Role
from puente.capacity import reports
from puente.capacity.models import AllocationRun, RequestWindow, RunOutcome, TrainingRequest

from .fixtures import capacity


@pytest.fixture
def cap(world):
    world.me = None
    return capacity(world)


def test_totals_and_mission_critical_gap(world, cap, pm):
    figures = reports.totals(pm, 2025)
    assert (figures["requested"], figures["filled"], figures["unmet"]) == (10, 2, 8)
    assert figures["rate"] == pytest.approx(0.2)
    assert figures["critical_rate"] == pytest.approx(0.2) and figures["other_rate"] is None


def test_coordinators_see_only_their_agency(world, cap):
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    assert reports.totals(coordinator, 2025)["requested"] == 6
    assert [row["group"] for row in reports.breakdown(coordinator, 2025, "agency")] == [world.own.name]


def test_breakdowns_name_groups_in_the_readers_language(world, cap, pm):
    from django.utils import translation

    with translation.override("es"):
        levels = {row["group"]: row for row in reports.breakdown(pm, 2025, "level")}
        countries = {row["group"] for row in reports.breakdown(pm, 2025, "country")}
    assert set(levels) == {"Municipal", "Estatal"} and countries == {"México", "Estados Unidos"}
    states = {row["group"]: row["requested"] for row in reports.breakdown(pm, 2025, "state")}
    assert states == {"Sonora": 6, "Arizona": 4}


def test_year_over_year_growth(world, cap, pm):
    window = RequestWindow.objects.create(fiscal_year=2024, opens_on=datetime.date(2023, 6, 1), closes_on=datetime.date(2023, 9, 1))
    old = TrainingRequest.objects.create(window=window, agency=world.own, program=cap["program"], seats=8, submitted_at=timezone.now())
    run = AllocationRun.objects.create(fiscal_year=2024, status="published", published_at=timezone.now())
    RunOutcome.objects.create(run=run, request=old, seats_requested=8, seats_allocated=4, first_come_seats=4, weight=1)
    history = reports.by_year(pm)
    assert [h["fiscal_year"] for h in history] == [2024, 2025]
    assert history[0]["request_growth"] is None and history[1]["request_growth"] == pytest.approx(0.25)


def test_report_page_and_export(world, cap, pm, client):
    client.force_login(pm)
    page = client.get("/capacity/reports/service-rate/?by=program").content.decode()
    assert "TMED" in page and 'data-chart="demand-chart"' in page and 'id="demand-chart"' in page
    export = client.get("/capacity/reports/service-rate/?by=program&export=csv")
    text = b"".join(export.streaming_content).decode()
    assert text.splitlines()[1] == "TMED,10,2,8,0.2"

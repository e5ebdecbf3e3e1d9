"""Demand and capacity in a real browser: a coordinator asks for seats, a program manager
allocates and publishes, the report shows the service rate; no serious accessibility issue."""
import pytest

from puente.accounts.roles import Role
from puente.capacity.models import AllocationRun, TrainingRequest
from tests.capacity.fixtures import capacity

from .conftest import axe_violations, describe_violations, log_in, page_problems, switch_language

pytestmark = pytest.mark.browser


@pytest.fixture
def cap(world):
    world.me = None
    cap = capacity(world)
    AllocationRun.objects.all().delete()
    return cap


def sign_out(page):
    with page.expect_navigation():
        page.click("header form button:has-text('Sign out'), header form button:has-text('Cerrar sesión')")


def test_request_allocate_publish_report(page, live_server, world, cap):
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    log_in(page, coordinator.username)
    page.goto("/capacity/requests/")
    assert page.locator("main table tbody tr").count() == 1  # only their agency's request
    page.click("main .actions a:has-text('Add')")
    page.select_option("#id_window", str(cap["window"].pk))
    page.select_option("#id_agency", str(world.own.pk))
    page.select_option("#id_program", str(cap["program"].pk))
    page.fill("#id_seats", "5")
    page.check("input[name=preferred_months][value='2']")
    page.fill("#id_justification", "Cruce fronterizo de Nogales")
    assert page.locator("#id_priority").count() == 0  # priorities are the program manager's
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "Training request" in page.inner_text("h1")
    created = TrainingRequest.objects.get(justification="Cruce fronterizo de Nogales")
    assert (created.seats, created.preferred_months, created.submitted_by_id) == (5, [2], coordinator.pk)
    sign_out(page)

    log_in(page, world.user(Role.PROGRAM_MANAGER).username)
    page.goto("/capacity/runs/add/")
    page.select_option("#id_fiscal_year", "2025")
    page.fill("#id_max_share", "0.02")  # 0.02 of TMED's 44 seats rounds down to no seat
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "TMED (44)" in page.inner_text("main form") and not AllocationRun.objects.exists()
    page.fill("#id_max_share", "0.5")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    run = AllocationRun.objects.get()
    assert run.status == "done", run.error
    assert "Optimizer" in page.inner_text("main")
    page.click("main .actions a:has-text('Publish')")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    run.refresh_from_db()
    assert run.status == "published"

    switch_language(page, "es")
    page.goto("/capacity/reports/service-rate/?by=agency")
    assert "Tasa de atención" in page.inner_text("h1")
    table = page.inner_text("main .table-wrap table")
    assert world.own.name in table and world.other.name in table
    page.wait_for_function("() => document.querySelector('canvas[data-chart=demand-chart]').width > 0")
    assert not page_problems(page)


PAGES = [
    "/capacity/sessions/", "/capacity/sessions/plan/", "/capacity/requests/", "/capacity/requests/add/",
    "/capacity/sites/", "/capacity/windows/", "/capacity/runs/", "/capacity/runs/add/",
    "/capacity/allocations/", "/capacity/reports/service-rate/",
]


@pytest.mark.parametrize("language", ["en", "es"])
def test_capacity_pages_have_no_serious_accessibility_problems(axe_page, axe_source, world, cap, language):
    log_in(axe_page, world.user(Role.PROGRAM_MANAGER).username)
    if language == "es":
        switch_language(axe_page, "es")
    problems = []
    for path in PAGES + [cap["session"]["own"].get_absolute_url(), cap["request"]["own"].get_absolute_url()]:
        axe_page.goto(path)
        found = axe_violations(axe_page, axe_source)
        if found:
            problems.append(describe_violations(path, found))
        problems += [f"{path}: {p}" for p in page_problems(axe_page)]
    assert not problems, "\n".join(problems)

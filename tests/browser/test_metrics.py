"""Metrics in a real browser: a program manager drills down country → level → state and exports,
follows canine certifications by odor to a country, and produces the annual report; the public
page shows suppressed cells as such; no serious accessibility issue."""
import pytest

from puente.accounts.roles import Role
from puente.registry.models import Agency, Jurisdiction
from tests.canine.fixtures import canine
from tests.capacity.fixtures import capacity
from tests.metrics.fixtures import people, program, records, trained_world

from .conftest import axe_violations, describe_violations, log_in, page_problems, switch_language

pytestmark = pytest.mark.browser


@pytest.fixture
def data(world):
    world.me = None
    capacity(world)
    found = trained_world(world)
    chihuahua = Jurisdiction.objects.create(country=world.mx, kind="state", name="Chihuahua", code="08")
    police = Agency.objects.create(code="MX-CHH-POL", name="Policía Estatal de Chihuahua", country=world.mx,
                                   jurisdiction=chihuahua, level="state", kind="police")
    records(people(police, 4, "CHH"), program("CITES"), 2024)
    canine(world)
    return found


def test_drill_down_and_export(page, live_server, world, data):
    log_in(page, world.user(Role.PROGRAM_MANAGER).username)
    page.goto("/metrics/?indicator=people_trained&year=2024")
    table = page.locator("main .table-wrap table")
    assert "United States" in table.inner_text() and "Mexico" in table.inner_text()
    for step in ("Mexico", "Municipal", "Sonora"):
        with page.expect_navigation():
            table.locator(f"tbody a:has-text('{step}')").click()
    assert "Nogales" in table.inner_text() and "Arizona" not in table.inner_text()
    assert "Sonora" in page.inner_text("main nav[aria-label='Drill-down']")
    page.wait_for_function("() => document.querySelector('canvas[data-chart=breakdown-chart]').width > 0")
    with page.expect_download() as download:
        page.click("main .actions a:has-text('Export CSV')")
    lines = open(download.value.path(), encoding="utf-8-sig").read().splitlines()
    assert lines[1] == f"{world.own.name},15,15" and lines[-1] == "Total,15,15"
    page.fill("#view-name", "Sonora")
    with page.expect_navigation():
        page.click("main form button:has-text('Save view')")
    with page.expect_navigation():
        page.click("main table a:has-text('Sonora')")
    assert world.own.name in page.inner_text("main .table-wrap table")
    # A canine indicator, from the top: certified teams by odor, then that odor's teams by country.
    with page.expect_navigation():
        page.click("main nav[aria-label='Drill-down'] a:has-text('All')")
    with page.expect_navigation():
        page.click("main nav[aria-label='Indicators'] a:has-text('Canine teams certified')")
    with page.expect_navigation():
        table.locator("tbody a:has-text('Fentanyl')").click()
    assert "Mexico" in table.inner_text() and "United States" in table.inner_text()
    assert page.locator("#metrics-odor").input_value() == "FENTANYL"
    # The annual report, produced as a job and downloaded.
    with page.expect_navigation():
        page.click("main .actions a:has-text('Annual report')")
    page.select_option("#report-year", "2024")
    page.select_option("#report-format", "html")
    page.fill("#report-on", "2024-06-30")
    with page.expect_navigation():
        page.click("main form button:has-text('Produce the report')")
    with page.expect_download() as download:
        page.click("main a:has-text('Download')")
    report = open(download.value.path(), encoding="utf-8").read()
    assert "<h2>Canine teams</h2>" in report and "June 30, 2024" in report and "2 of 2 active teams" in report
    assert not page_problems(page)


def test_a_percentage_breakdown_reads_its_groups_down_and_percent_across(page, live_server, world, data):
    log_in(page, world.user(Role.PROGRAM_MANAGER).username)
    page.goto("/metrics/?indicator=vetting_currency&year=2024&by=agency")
    page.wait_for_function("() => document.querySelector('canvas[data-chart=breakdown-chart]').width > 0")
    axes = page.evaluate("""() => {
        const chart = Chart.getChart(document.querySelector('canvas[data-chart=breakdown-chart]'));
        return {groups: chart.scales.y.getLabels(), values: chart.scales.x.ticks.map(t => t.label)};
    }""")
    assert world.own.name in axes["groups"] and world.other.name in axes["groups"]
    assert axes["values"][0] == "0 %" and axes["values"][-1] == "100 %"


def test_the_public_page_marks_suppressed_cells(page, live_server, world, data):
    page.goto("/public/")
    trained = page.locator("table[data-table=people-trained]")
    chihuahua = trained.locator("tr", has_text="Chihuahua")
    assert chihuahua.locator("td[data-suppressed=true]").count() >= 1
    assert "s" == chihuahua.locator("td[data-suppressed=true] abbr").first.inner_text()
    assert not page_problems(page)


@pytest.mark.parametrize("language", ["en", "es"])
def test_metrics_pages_have_no_serious_accessibility_problems(axe_page, axe_source, world, data, language):
    log_in(axe_page, world.user(Role.PROGRAM_MANAGER).username)
    if language == "es":
        switch_language(axe_page, "es")
    problems = []
    for path in ["/metrics/", "/metrics/?indicator=people_trained&year=2024&country=MX", "/metrics/?indicator=canine_teams_certified&year=2024",
                 "/metrics/views/", "/metrics/report/", "/public/"]:
        axe_page.goto(path)
        found = axe_violations(axe_page, axe_source)
        if found:
            problems.append(describe_violations(path, found))
        problems += [f"{path}: {p}" for p in page_problems(axe_page)]
    assert not problems, "\n".join(problems)

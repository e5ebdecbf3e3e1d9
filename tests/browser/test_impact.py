"""Training impact in a real browser: a program manager estimates a program's effect and sees
the verdict and the event-study chart, in English and Spanish; no serious accessibility issue."""
import pytest

from puente.accounts.roles import Role
from puente.impact.models import Estimate
from tests.impact.fixtures import planted

from .conftest import axe_violations, describe_violations, log_in, page_problems, switch_language

pytestmark = pytest.mark.browser


def test_program_manager_estimates_and_sees_chart_and_verdict(page, world):
    nii = planted(world)
    log_in(page, world.user(Role.PROGRAM_MANAGER).username)
    page.goto("/impact/")
    page.select_option("#id_program", str(nii.pk))
    page.select_option("#id_outcome", "seizures_per_1000")
    page.fill("#id_threshold", "0.5")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    estimate = Estimate.objects.get()
    assert estimate.status == Estimate.Status.DONE, estimate.error
    assert "rose by" in page.inner_text("#verdict-heading + .headline")
    page.wait_for_function("() => document.querySelector('canvas[data-chart=event-chart]').width > 0")
    rows = page.locator("#estimate-result table").first.locator("tbody tr")
    assert rows.count() > 10  # months before and after training
    assert not page.errors, page.errors
    assert not page_problems(page)

    switch_language(page, "es")
    assert page.get_attribute("html", "lang") == "es"
    page.wait_for_function("() => document.querySelector('canvas[data-chart=event-chart]').width > 0")
    assert not page.errors, page.errors


def test_coordinator_sees_own_units_but_not_the_estimates(page, world):
    planted(world, units_per_agency=2, months=3)
    log_in(page, world.user(Role.AGENCY_COORDINATOR).username)
    page.goto("/impact/units/")
    table = page.inner_text("main table")
    assert world.own.code in table and world.other.code not in table
    response = page.goto("/impact/")
    assert response.status == 403
    page.errors.clear()


@pytest.mark.parametrize("language", ["en", "es"])
def test_impact_pages_have_no_serious_accessibility_problems(axe_page, axe_source, world, language):
    nii = planted(world)
    pm = world.user(Role.PROGRAM_MANAGER)
    log_in(axe_page, pm.username)
    if language == "es":
        switch_language(axe_page, "es")
    axe_page.goto("/impact/")
    axe_page.select_option("#id_program", str(nii.pk))
    with axe_page.expect_navigation():
        axe_page.click("main form button[type=submit]")
    estimate = Estimate.objects.get()
    unit = world.own.units.first()
    problems = []
    for path in ["/impact/", estimate.get_absolute_url(), "/impact/estimates/", "/impact/units/", unit.get_absolute_url(),
                 f"/impact/units/{unit.pk}/months/2023/1/", "/impact/indicators/", "/impact/assignments/", "/impact/units/add/", "/impact/assignments/add/"]:
        axe_page.goto(path)
        found = axe_violations(axe_page, axe_source)
        if found:
            problems.append(describe_violations(path, found))
        problems += [f"{path}: {p}" for p in page_problems(axe_page)]
    assert not problems, "\n".join(problems)

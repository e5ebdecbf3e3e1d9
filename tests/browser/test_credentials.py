"""Credentials in a real browser: a coordinator opens the renewal list, a program manager issues
a credential from a person's standing; coverage draws its chart; no serious accessibility issue."""
import pytest

from puente.accounts.roles import Role
from puente.credentials.models import IssuedCredential
from tests.credentials.fixtures import credential_type, due

from .conftest import axe_violations, describe_violations, log_in, page_problems, switch_language

pytestmark = pytest.mark.browser


def sign_out(page):
    with page.expect_navigation():
        page.click("header form button:has-text('Sign out'), header form button:has-text('Cerrar sesión')")


def test_renewal_list_then_issue(page, live_server, world):
    person = due(world, "own")  # a firearms qualification that lapses in eleven months
    kind = credential_type(world, "own")
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    log_in(page, coordinator.username)
    page.goto("/credentials/renewals/")
    page.select_option("#id_credential_type", str(kind.pk))
    page.fill("#id_months", "12")
    with page.expect_navigation():
        page.click("main form.filters button[type=submit]")
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1 and person.national_id in rows.first.inner_text()
    assert "Renewal due" not in rows.first.inner_text()  # still current: the window opens two months before
    assert page.locator("main form.inline-form button").count() == 1  # coordinators may send reminders
    sign_out(page)

    manager = world.user(Role.PROGRAM_MANAGER)
    log_in(page, manager.username)
    page.goto(f"/credentials/people/{person.pk}/")
    assert "Current" in page.inner_text("main section.credential-standing h3")
    with page.expect_navigation():
        page.click("main a:has-text('Issue this credential')")
    assert page.input_value("#id_person") == person.national_id
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    issued = IssuedCredential.objects.get()
    assert issued.serial in page.inner_text("h1") and issued.issued_by == manager
    with page.expect_navigation():
        page.click("main .actions a:has-text('Suspend')")
    page.fill("#id_reason", "Investigación interna")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    issued.refresh_from_db()
    assert issued.status == "suspended" and "Suspended" in page.inner_text("main dl")

    switch_language(page, "es")
    page.goto(f"/credentials/coverage/?credential_type={kind.pk}&by=agency")
    page.wait_for_function("() => document.querySelector('canvas[data-chart=coverage-chart]').width > 0")
    assert world.own.name in page.inner_text("main .table-wrap table")
    assert not page_problems(page)


@pytest.mark.parametrize("language", ["en", "es"])
def test_credential_pages_have_no_serious_accessibility_problems(axe_page, axe_source, world, language):
    person = due(world, "own")
    kind = credential_type(world, "own")
    log_in(axe_page, world.user(Role.PROGRAM_MANAGER).username)
    if language == "es":
        switch_language(axe_page, "es")
    problems = []
    pages = ["/credentials/", "/credentials/issue/", "/credentials/types/", "/credentials/types/add/", "/credentials/types/import/",
             "/credentials/evaluations/", "/credentials/evaluations/add/", f"/credentials/people/{person.pk}/",
             f"/credentials/renewals/?credential_type={kind.pk}&months=12", "/credentials/coverage/", kind.get_absolute_url()]
    for path in pages:
        axe_page.goto(path)
        found = axe_violations(axe_page, axe_source)
        if found:
            problems.append(describe_violations(path, found))
        problems += [f"{path}: {p}" for p in page_problems(axe_page)]
    assert not problems, "\n".join(problems)

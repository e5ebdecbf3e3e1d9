"""The catalog in a real browser: a program manager finds a program and edits it; accessibility."""
from decimal import Decimal

import pytest

from puente.accounts.roles import Role
from puente.catalog.models import Program
from tests.catalog.conftest import Catalog

from .conftest import axe_violations, describe_violations, html_lang, log_in, page_problems, switch_language

pytestmark = pytest.mark.browser


def test_program_manager_filters_opens_and_edits_a_program(page, live_server, world):
    catalog = Catalog()
    log_in(page, world.user(Role.PROGRAM_MANAGER).username)

    page.click("nav a[href='/catalog/programs/']")
    page.wait_for_url("**/catalog/programs/")
    rows = page.locator("main table tbody tr")
    assert rows.count() == 3

    page.select_option("#id_mission_critical", "true")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "mission_critical=true" in page.url
    assert rows.count() == 2, "only the mission-critical programs are left"
    listed = page.inner_text("main table tbody")
    assert "TAC-MED" in listed and "INV-ADV" in listed and "INV-BAS" not in listed

    page.click("main table a:has-text('TAC-MED')")
    page.wait_for_url(f"**/catalog/programs/{catalog.tactical_medicine.pk}/")
    assert page.inner_text("h1") == "TAC-MED — Tactical Medicine"
    assert page.inner_text("div[lang=es]").startswith("Medicina táctica")

    page.click("main .actions a:has-text('Edit')")
    page.wait_for_url("**/edit/")
    assert page.input_value("#id_hours") == "40.0"
    assert page.is_checked("#id_languages_0") and not page.is_checked("#id_languages_1")
    page.fill("#id_hours", "48")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url == f"{live_server.url}/catalog/programs/{catalog.tactical_medicine.pk}/"
    assert "48" in page.inner_text("dl.details")
    assert Program.objects.get(pk=catalog.tactical_medicine.pk).hours == Decimal("48.0")

    assert page.errors == []


def _check(page, axe_source, where: str) -> list[str]:
    found = describe_violations(where, axe_violations(page, axe_source)).splitlines()
    return found + [f"[{where}] {problem}" for problem in page_problems(page)]


@pytest.mark.parametrize("language", ["en", "es"])
def test_catalog_pages_have_no_serious_accessibility_violations(axe_page, axe_source, world, language):
    page = axe_page
    catalog = Catalog()
    log_in(page, world.user(Role.PROGRAM_MANAGER).username)
    if language != "en":
        switch_language(page, language)
    pages = [
        ("program list", "/catalog/programs/"),
        ("program list filtered", "/catalog/programs/?mission_critical=true&threat=FENTANYL&language=es"),
        ("program detail", f"/catalog/programs/{catalog.advanced.pk}/"),
        ("program add form", "/catalog/programs/add/"),
        ("program edit form", f"/catalog/programs/{catalog.advanced.pk}/edit/"),
        ("program retire", f"/catalog/programs/{catalog.advanced.pk}/retire/"),
        ("domain list", "/catalog/domains/"),
        ("domain detail", f"/catalog/domains/{catalog.investigations.pk}/"),
        ("domain form", f"/catalog/domains/{catalog.investigations.pk}/edit/"),
        ("threat list", "/catalog/threats/"),
        ("threat detail", f"/catalog/threats/{catalog.fentanyl.pk}/"),
        ("threat form", f"/catalog/threats/{catalog.fentanyl.pk}/edit/"),
        ("program import", "/import/programs/"),
    ]
    found = []
    for name, path in pages:
        response = page.goto(path)
        assert response.ok, f"{path} answered {response.status}"
        assert html_lang(page) == language
        found += _check(page, axe_source, f"{language} {name} {path}")

    # The form sent back with errors: each message tied to its field, the languages group included.
    page.goto("/catalog/programs/add/")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator(".has-error [aria-invalid=true]").count() > 0
    assert page.locator("fieldset.has-error #id_languages_error").count() == 1
    found += _check(page, axe_source, f"{language} program form with errors")

    assert not found, "accessibility problems:\n" + "\n".join(found)
    assert page.errors == [] or all("400" in error for error in page.errors)

"""The web UI in a real browser: the main flow, keyboard use and accessibility."""
import pytest

from puente.accounts.roles import Role

from .conftest import (
    SPANISH_CATALOG, axe_violations, describe_violations, html_lang, log_in, page_problems, switch_language,
)

pytestmark = pytest.mark.browser


def test_main_flow_sign_in_switch_to_spanish_search_and_open_a_person(page, live_server, world, artifacts):
    user = world.user(Role.PROGRAM_MANAGER)

    # Signing in through the form: an anonymous visitor is sent to the login page first.
    page.goto("/")
    assert "/accounts/login/" in page.url
    assert html_lang(page) == "en"
    log_in(page, user.username)
    assert page.url == f"{live_server.url}/", "signing in lands on the home page"
    assert user.username in page.inner_text("h1")

    # Switching to Spanish with the header's language switch.
    switch_language(page, "es")
    assert html_lang(page) == "es"
    assert page.url == f"{live_server.url}/", "the switch returns to the page it was used on"
    user.refresh_from_db()
    assert user.language == "es", "a signed-in user keeps the language as their preference"
    # Django's own catalog translates the switch's "Change" button.
    assert page.inner_text("form.language-switch button") == "Modificar"
    if SPANISH_CATALOG.exists():
        # The project's own catalog: the menu is translated.
        assert page.locator("nav a[href='/agencies/']").inner_text() == "Agencias"

    # The agency list, searched with the search box.
    page.click("nav a[href='/agencies/']")
    page.wait_for_url("**/agencies/")
    assert html_lang(page) == "es"
    rows = page.locator("main table tbody tr")
    assert rows.count() == 2
    # A string Django's own catalog translates: the yes/no filters offer "Sí".
    assert page.locator("#id_border_region option[value=true]").inner_text() == "Sí"
    page.fill("#id_q", "Nogales")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "q=Nogales" in page.url
    assert rows.count() == 1, "the search narrows the list to the matching agency"
    assert "Policía Municipal de Nogales" in rows.first.inner_text()
    assert "Arizona" not in page.inner_text("main table")
    assert page.input_value("#id_q") == "Nogales", "the search box keeps what was searched"

    # The agency, then one of its people.
    rows.first.locator("a").click()
    page.wait_for_url(f"**/agencies/{world.own.pk}/")
    assert "Policía Municipal de Nogales" in page.inner_text("h1")
    page.click("main a:has-text('Lucía Ramírez Soto')")
    page.wait_for_url(f"**/people/{world.own_person.pk}/")
    assert html_lang(page) == "es"
    assert page.inner_text("h1") == "Lucía Ramírez Soto"
    assert "RASL850312MSRMTC01" in page.inner_text("dl.details")
    page.screenshot(path=str(artifacts / "main-flow-person-es.png"), full_page=True)

    # Every page ran under the site's Content-Security-Policy with nothing refused or thrown.
    assert page.errors == []


# Not the login page: its user name field takes focus on load (Django's autofocus).
@pytest.mark.parametrize("path", ["/", "/agencies/"])
def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page, world, path):
    log_in(page, world.user(Role.PROGRAM_MANAGER).username)
    page.goto(path)
    skip = page.locator("a.skip-link")
    box = skip.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0, "the skip link is off-screen until focused"

    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const el = document.activeElement;
        return {cls: el.className, href: el.getAttribute('href'), outline: getComputedStyle(el).outlineStyle};
    }""")
    assert focused["cls"] == "skip-link" and focused["href"] == "#main", "the first Tab stop is the skip link"
    assert focused["outline"] != "none", "the focused skip link shows a focus ring"
    box = skip.bounding_box()
    viewport = page.viewport_size
    assert box is not None and skip.is_visible(), "it shows when focused"
    assert 0 <= box["x"] and box["x"] + box["width"] <= viewport["width"] and 0 <= box["y"] < viewport["height"]

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main", "Enter moves focus to the main content"
    # The next Tab continues inside the main content, past the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)")
    assert page.errors == []


def _pages(world, user) -> list[tuple[str, str]]:
    """The main pages: (name, path)."""
    return [
        ("home", "/"),
        ("agency list", "/agencies/"),
        ("agency list searched", "/agencies/?q=Nogales"),
        ("agency detail", f"/agencies/{world.own.pk}/"),
        ("agency add form", "/agencies/add/"),
        ("person list", "/people/"),
        ("person list with a bad filter", "/people/?hired_after=not-a-date"),
        ("person detail", f"/people/{world.own_person.pk}/"),
        ("person add form", "/people/add/"),
        ("jurisdiction list", "/jurisdictions/"),
        ("jurisdiction detail", f"/jurisdictions/{world.nogales.pk}/"),
        ("jobs", "/jobs/"),
        ("audit log", "/audit/"),
        ("users list", "/accounts/users/"),
        ("user detail", f"/accounts/users/{user.pk}/"),
        ("profile", "/accounts/profile/"),
        ("import page", "/import/agencies/"),
    ]


def _check(page, axe_source, where: str) -> list[str]:
    found = describe_violations(where, axe_violations(page, axe_source)).splitlines()
    return found + [f"[{where}] {problem}" for problem in page_problems(page)]


@pytest.mark.parametrize("language", ["en", "es"])
def test_main_pages_have_no_serious_accessibility_violations(axe_page, axe_source, world, language):
    page = axe_page
    user = world.user(Role.PROGRAM_MANAGER)
    found = []

    page.goto("/accounts/login/")
    if language != "en":
        switch_language(page, language)
    assert html_lang(page) == language
    if language == "es":
        # Django's own catalog translates the login form's labels.
        assert page.inner_text("label[for=id_username]").startswith("Nombre de usuario")
    found += _check(page, axe_source, f"{language} login")

    log_in(page, user.username)
    for name, path in _pages(world, user):
        response = page.goto(path)
        assert response.ok, f"{path} answered {response.status}"
        assert html_lang(page) == language, f"{path} is not in {language}"
        found += _check(page, axe_source, f"{language} {name} {path}")

    # Forms sent back with errors: the messages must be tied to their fields.
    page.goto("/agencies/add/")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator(".has-error [aria-invalid=true]").count() > 0
    found += _check(page, axe_source, f"{language} agency add form with errors")

    assert not found, "accessibility problems:\n" + "\n".join(found)

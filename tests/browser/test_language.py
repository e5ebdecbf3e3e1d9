"""The interface language: chosen with the header's switch, kept per user."""
import pytest

from puente.accounts.roles import Role

from .conftest import html_lang, log_in, switch_language

pytestmark = pytest.mark.browser


def test_the_language_chosen_follows_the_user_to_another_browser(browser, page, live_server, world):
    user = world.user(Role.AGENCY_COORDINATOR)
    log_in(page, user.username)
    switch_language(page, "es")
    assert page.errors == []

    # Another browser, asking for English and holding no language cookie: the user's choice wins.
    other = browser.new_context(base_url=live_server.url, locale="en-US")
    try:
        second = other.new_page()
        log_in(second, user.username)
        assert html_lang(second) == "es"
        switch_language(second, "en")
    finally:
        other.close()
    user.refresh_from_db()
    assert user.language == "en"


def test_a_user_holding_no_role_can_still_switch_language(page, world):
    user = world.user(None)
    log_in(page, user.username)
    assert page.locator("nav[aria-label] a").count() <= 1, "no menu entries beyond the API link"
    switch_language(page, "es")
    assert page.errors == [], "switching language is open to every signed-in user"

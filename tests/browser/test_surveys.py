"""Satisfaction surveys in a real browser: an officer answers a pending survey once; a program
manager sees the anonymous results with their chart; no serious accessibility issue on the
survey and follow-up pages."""
import pytest

from puente.accounts.roles import Role
from puente.surveys.models import SatisfactionResponse, SatisfactionSurvey
from tests.capacity.fixtures import capacity
from tests.surveys.fixtures import follow_up, responses, survey

from .conftest import axe_violations, describe_violations, log_in, page_problems, switch_language

pytestmark = pytest.mark.browser


@pytest.fixture
def surveys(world):
    world.me = None
    pending = survey(world, "own")
    # Enough colleagues answered for the session's results to show.
    responses(world, capacity(world)["session"]["own"], [5, 4, 5, 4, 3, 5], comment="Casos reales, muy útil.")
    return pending


def sign_out(page):
    with page.expect_navigation():
        page.click("header form button:has-text('Sign out'), header form button:has-text('Cerrar sesión')")


def test_officer_answers_and_manager_reads_results(page, live_server, world, surveys):
    officer = world.user(Role.OFFICER)
    log_in(page, officer.username)
    page.click("header nav a:has-text('My surveys')")
    assert "Tactical Medicine" in page.inner_text("#pending-head + table")
    with page.expect_navigation():
        page.click("main table a:has-text('Answer')")
    for name, value in (("overall", "5"), ("relevance", "4"), ("instructor", "5"), ("facilities", "3"), ("recommend", "5")):
        page.check(f"input[name={name}][value='{value}']")
    page.fill("#id_comment", "Más prácticas de campo, por favor.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "recorded without your name" in page.inner_text(".messages")
    assert "No survey is waiting for you." in page.inner_text("main")
    assert SatisfactionSurvey.objects.get(pk=surveys.pk).status == "answered"
    assert SatisfactionResponse.objects.filter(comment="Más prácticas de campo, por favor.", facilities=3).count() == 1
    # Coming back to the form is refused with a clear message.
    page.goto(f"/surveys/{surveys.pk}/answer/")
    assert "You already answered this survey" in page.inner_text(".messages")
    assert not page_problems(page)
    sign_out(page)

    log_in(page, world.user(Role.PROGRAM_MANAGER).username)
    page.click("header nav a:has-text('Satisfaction')")
    page.select_option("#report-by", "session")
    with page.expect_navigation():
        page.click("main form.filters button[type=submit]")
    table = page.inner_text("main .table-wrap table")
    assert str(surveys.enrollment.session) in table
    assert "85.7 %" in table  # 6 of 7 satisfied
    comments = page.inner_text("main ul.comments")
    assert "Más prácticas de campo" in comments and "Casos reales" in comments
    main = page.inner_text("main")
    assert world.own_person.family_names not in main and world.own_person.national_id not in main
    page.wait_for_function("() => document.querySelector('canvas[data-chart=share-chart]').width > 0")
    switch_language(page, "es")
    assert page.get_attribute("html", "lang") == "es"
    assert not page_problems(page)


@pytest.mark.parametrize("language", ["en", "es"])
def test_survey_pages_have_no_serious_accessibility_problems(axe_page, axe_source, world, surveys, language):
    problems = []
    pending = follow_up(world, "own")
    for role, paths in ((Role.OFFICER, ["/surveys/mine/", f"/surveys/{surveys.pk}/answer/"]),
                        (Role.PROGRAM_MANAGER, ["/surveys/results/", "/surveys/results/?by=session", "/surveys/follow-ups/results/"]),
                        (Role.AGENCY_COORDINATOR, ["/surveys/follow-ups/", f"/surveys/follow-ups/{pending.pk}/"])):
        axe_page.context.clear_cookies()
        log_in(axe_page, world.user(role).username)
        if language == "es":
            switch_language(axe_page, "es")
        for path in paths:
            axe_page.goto(path)
            found = axe_violations(axe_page, axe_source)
            if found:
                problems.append(describe_violations(path, found))
            problems += [f"{path}: {p}" for p in page_problems(axe_page)]
    assert not problems, "\n".join(problems)

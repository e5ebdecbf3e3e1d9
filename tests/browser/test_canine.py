"""Canine teams in a real browser: a handler logs training, a trainer approves it, then a
supervisor; a coordinator adds an odor certification; no serious accessibility issue."""
import pytest

from puente.accounts.roles import Role
from puente.canine.models import OdorCertification, TrainingEntry
from tests.canine.fixtures import canine, odor

from .conftest import axe_violations, describe_violations, log_in, page_problems, switch_language

pytestmark = pytest.mark.browser


@pytest.fixture
def k9(world):
    for code in ("FENTANYL", "XYLAZINE", "KETAMINE"):
        odor(code)
    return canine(world)


def sign_out(page):
    with page.expect_navigation():
        page.click("header form button:has-text('Sign out'), header form button:has-text('Cerrar sesión')")


def approve(page, entry, button):
    page.goto(entry.get_absolute_url())
    page.click(f"main .actions a:has-text('{button}')")
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def test_handler_logs_trainer_then_supervisor_approve(axe_page, axe_source, live_server, world, k9):
    page = axe_page
    officer = world.user(Role.OFFICER)
    log_in(page, officer.username)
    page.click("header nav a:has-text('Canine teams')")
    assert page.locator("main table tbody tr").count() == 1  # only their own team
    page.click(f"main table a:has-text('{k9['dog']['own'].name}')")
    page.click("main .actions a:has-text('Log training')")
    page.fill("#id_date", "2024-06-10")
    page.select_option("#id_exercise", "cargo")
    page.select_option("#id_odor", str(odor("XYLAZINE").pk))
    page.select_option("#id_result", "pass")
    page.fill("#id_minutes", "40")
    page.fill("#id_notes", "Contenedor en Nogales")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    entry = TrainingEntry.objects.get(notes="Contenedor en Nogales")
    assert "Awaiting trainer" in page.inner_text("main")
    assert page.locator("main .actions a:has-text('Approve')").count() == 0  # never their own
    sign_out(page)

    trainer = world.user(Role.REGISTRAR)
    log_in(page, trainer.username)
    approve(page, entry, "Approve as trainer")
    assert "Awaiting supervisor" in page.inner_text("main")
    assert page.locator("main .actions a:has-text('Approve as supervisor')").count() == 0  # not the trainer's
    sign_out(page)

    log_in(page, world.user(Role.AGENCY_COORDINATOR).username)
    switch_language(page, "es")
    page.goto(entry.get_absolute_url())
    violations = axe_violations(page, axe_source)
    assert not violations, describe_violations("training entry", violations)
    assert not page_problems(page)
    switch_language(page, "en")
    approve(page, entry, "Approve as supervisor")
    entry.refresh_from_db()
    assert (entry.recorded_by, entry.trainer_approved_by, entry.stage) == (officer, trainer, TrainingEntry.Stage.APPROVED)
    assert "Approved" in page.inner_text("main")
    assert not page.errors, page.errors


def test_coordinator_adds_an_odor_certification(page, live_server, world, k9):
    log_in(page, world.user(Role.AGENCY_COORDINATOR).username)
    page.goto(k9["team"]["own"].get_absolute_url())
    page.click("main .actions a:has-text('Add an odor certification')")
    page.select_option("#id_odor", str(odor("KETAMINE").pk))
    page.fill("#id_certified_on", "2024-07-01")
    page.fill("#id_evaluator", "Centro Canino Hermosillo")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    certification = OdorCertification.objects.get(odor__code="KETAMINE")
    assert certification.expires_on.isoformat() == "2025-07-01"
    assert "Ketamine" in page.inner_text("main table") and "Expired" in page.inner_text("main table")
    assert not page.errors, page.errors


PAGES = ["/canine/", "/canine/dogs/", "/canine/certifications/", "/canine/training/", "/canine/odors/",
         "/canine/dogs/add/", "/canine/teams/add/", "/canine/certifications/add/", "/canine/training/add/"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_canine_pages_have_no_serious_accessibility_problems(axe_page, axe_source, world, k9, language):
    log_in(axe_page, world.user(Role.PROGRAM_MANAGER).username)
    if language == "es":
        switch_language(axe_page, "es")
    problems = []
    for path in PAGES + [k9["team"]["own"].get_absolute_url(), k9["dog"]["own"].get_absolute_url(), odor().get_absolute_url()]:
        axe_page.goto(path)
        found = axe_violations(axe_page, axe_source)
        if found:
            problems.append(describe_violations(path, found))
        problems += [f"{path}: {p}" for p in page_problems(axe_page)]
    assert not problems, "\n".join(problems)

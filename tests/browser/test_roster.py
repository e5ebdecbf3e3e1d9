"""Rosters in a real browser: an instructor marks a whole session present, closes the results,
and the officer finds the program on their transcript."""
import pytest

from puente.accounts.roles import Role
from puente.records import actions
from puente.records.models import Enrollment, TrainingRecord
from puente.registry.models import Person
from tests.capacity.fixtures import capacity, teach

from .conftest import axe_violations, describe_violations, log_in, page_problems

pytestmark = pytest.mark.browser


def test_instructor_marks_the_roster_and_the_officer_sees_the_transcript(axe_page, axe_source, live_server, world):
    page = axe_page
    session = capacity(world)["session"]["own"]
    classmate = Person.objects.create(agency=world.own, given_names="Mario", family_names="Félix", national_id="MX-CLASS")
    for person in (world.own_person, classmate):
        Enrollment.objects.create(person=person, session=session, agency=world.own, status=Enrollment.Status.CONFIRMED)
    registrar = world.user(Role.REGISTRAR)
    world.me = registrar
    teach(world, session)

    log_in(page, registrar.username)
    page.click("nav a:has-text('Rosters')")
    page.click(f"main a:has-text('{session}')")
    for day in actions.session_days(session):
        page.click(f"nav.day-picker a[href='?day={day.isoformat()}']")
        with page.expect_navigation():
            page.click("main button[name=all][value=present]")
        assert "2 marks saved" in page.inner_text("body")
    violations = axe_violations(page, axe_source)
    assert not violations, describe_violations("roster", violations)
    # One officer was late on the last day: the keyboard-friendly radio group saves it.
    last = actions.session_days(session)[-1].isoformat()
    mine = Enrollment.objects.get(person=classmate)
    page.check(f"input[name='mark-{mine.pk}-{last}'][value=late]")
    with page.expect_navigation():
        page.click("main #roster-form > p > button.secondary")
    assert "1 mark saved" in page.inner_text("body")
    with page.expect_navigation():
        page.click("main form button:has-text('Close results')")
    assert "Completed: 2" in page.inner_text("body")
    assert TrainingRecord.objects.filter(result="completed").count() == 2
    assert not page_problems(page)

    page.context.clear_cookies()
    officer = world.user(Role.OFFICER)
    log_in(page, officer.username)
    page.click("nav a:has-text('My transcript')")
    table = page.inner_text("main table")
    assert "TMED" in table and "Completed" in table and "Mario" not in page.inner_text("main")
    with page.expect_download() as download:
        page.click("main a:has-text('PDF in Spanish')")
    assert download.value.suggested_filename.endswith("-es.pdf")
    violations = axe_violations(page, axe_source)
    assert not violations, describe_violations("transcript", violations)

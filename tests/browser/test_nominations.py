"""Nominations in a real browser: a coordinator nominates officers by identifier and sees each refusal."""
import pytest

from puente.accounts.roles import Role
from puente.records.models import Enrollment
from puente.registry.models import Person
from tests.capacity.fixtures import capacity

from .conftest import axe_violations, describe_violations, log_in, page_problems

pytestmark = pytest.mark.browser


@pytest.fixture
def session(world):
    world.me = None
    cap = capacity(world)
    session = cap["session"]["own"]
    outcome = cap["outcome"]["own"]
    outcome.allocation = {str(session.pk): 1}
    outcome.save()
    return session


def test_coordinator_nominates_and_withdraws(axe_page, axe_source, live_server, world, session):
    page = axe_page
    second = Person.objects.create(agency=world.own, given_names="Mario", family_names="Félix", national_id="MX-SECOND")
    log_in(page, world.user(Role.AGENCY_COORDINATOR).username)
    page.goto(session.get_absolute_url())
    page.click("main .actions a:has-text('Nominate officers')")
    page.fill("#id_identifiers", f"{world.own_person.national_id}\n{second.national_id}\n{world.other_person.national_id}")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    result = page.inner_text("main table")
    assert "Nominated" in result and "Waiting list" in result and "No officer you may nominate" in result
    violations = axe_violations(page, axe_source)
    assert not violations, describe_violations("nominate", violations)
    assert not page_problems(page)

    held = Enrollment.objects.get(person=world.own_person)
    page.goto(held.get_absolute_url())
    page.click("main .actions a:has-text('Withdraw')")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert Enrollment.objects.get(person=second).status == Enrollment.Status.NOMINATED  # the seat moved on
    page.goto("/records/nominations/")
    assert page.locator("main table tbody tr").count() == 2

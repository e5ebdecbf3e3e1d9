"""The learning record store in a real browser: a program manager issues a credential and sees
its secret once; a coordinator resolves an e-learning outcome that matched nobody; no serious
accessibility issue on the pages."""
import uuid
from decimal import Decimal

import pytest

from puente.accounts.roles import Role
from puente.catalog.models import Domain, Program
from puente.records.models import TrainingRecord
from puente.xapi import actions
from puente.xapi.models import Credential, UnmatchedOutcome

from .conftest import axe_violations, describe_violations, log_in, page_problems, switch_language

pytestmark = pytest.mark.browser

COURSE = "https://lms.example.org/courses/cites-101"


def sign_out(page):
    with page.expect_navigation():
        page.click("header form button:has-text('Sign out'), header form button:has-text('Cerrar sesión')")


@pytest.fixture
def lrs(world):
    pm = world.user(Role.PROGRAM_MANAGER)
    domain = Domain.objects.create(code="WILDLIFE", name_en="Wildlife", name_es="Vida silvestre")
    program = Program.objects.create(code="CITES-EL", title_en="CITES online", title_es="CITES en línea", domain=domain,
                                     hours=Decimal("6"), delivery_mode=Program.DeliveryMode.E_LEARNING, languages=["es"])
    actions.link_activity(pm, COURSE, program)
    credential, _ = actions.issue_credential(pm, "Academia Virtual", world.own)
    actions.store_statements(credential, [{
        "id": str(uuid.uuid4()), "actor": {"name": "L. Ramírez", "mbox": "mailto:lramirez@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"}, "object": {"id": COURSE},
    }])
    return pm


def test_issue_credential_then_resolve_an_unmatched_outcome(page, live_server, world, lrs):
    log_in(page, lrs.username)
    page.goto("/xapi/credentials/")
    page.click("main .actions a:has-text('Add')")
    page.fill("#id_provider", "Plataforma ANAM")
    page.select_option("#id_agency", str(world.own.pk))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    secret = page.inner_text("#credential-secret").strip()
    credential = Credential.objects.get(provider="Plataforma ANAM")
    assert credential.check_secret(secret) and page.inner_text("#credential-key").strip() == credential.key
    page.click("main a:has-text('Done')")
    assert secret not in page.content()
    sign_out(page)

    log_in(page, world.user(Role.AGENCY_COORDINATOR).username)
    page.goto("/xapi/unmatched/")
    assert page.locator("main table tbody tr").count() == 1
    page.click("main table tbody tr a")
    page.fill("#id_person", world.own_person.national_id)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/xapi/unmatched/" in page.url
    assert UnmatchedOutcome.objects.get().status == "resolved"
    record = TrainingRecord.objects.get()
    assert record.person == world.own_person and record.program.code == "CITES-EL"
    assert not page.errors, page.errors


@pytest.mark.parametrize("language", ["en", "es"])
def test_xapi_pages_have_no_serious_accessibility_problems(axe_page, axe_source, world, lrs, language):
    log_in(axe_page, lrs.username)
    if language == "es":
        switch_language(axe_page, "es")
    outcome = UnmatchedOutcome.objects.get()
    credential = Credential.objects.get()
    problems = []
    for path in ["/xapi/credentials/", "/xapi/credentials/add/", credential.get_absolute_url(), "/xapi/links/", "/xapi/links/add/",
                 "/xapi/unmatched/", outcome.get_absolute_url()]:
        axe_page.goto(path)
        found = axe_violations(axe_page, axe_source)
        if found:
            problems.append(describe_violations(path, found))
        problems += [f"{path}: {p}" for p in page_problems(axe_page)]
    assert not problems, "\n".join(problems)

"""Accreditation in a real browser: a coordinator uploads a proof, the assigned assessor records
findings and a recommendation, the program manager moves the cycle on; no serious accessibility issue."""
import pytest

from puente.accounts.roles import Role
from puente.accreditation import phases
from puente.accreditation.models import Cycle, Finding, Proof, Recommendation
from tests.accreditation.fixtures import PDF, cycle, shipped

from .conftest import axe_violations, describe_violations, log_in, page_problems, switch_language

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def acc(world):
    world.me = world.user(Role.ASSESSOR)  # the fixture assigns the own cycle to this assessor
    return {"cycle": cycle(world, "own"), "other": cycle(world, "other"), "assessor": world.me}


def sign_out(page):
    with page.expect_navigation():
        page.click("header form button:has-text('Sign out'), header form button:has-text('Cerrar sesión')")


def test_upload_assess_advance(page, live_server, world, acc):
    own = acc["cycle"]
    log_in(page, world.user(Role.AGENCY_COORDINATOR).username)
    page.goto("/accreditation/cycles/")
    assert page.locator("main table tbody tr").count() == 1  # only their agency's cycle
    page.click(f"main table a:has-text('{own.agency.name}')")
    assert "Progress: Initial assessment" in page.inner_text("main")
    page.click("ul.missing li a >> nth=0")
    page.set_input_files("#id_file", files=[{"name": "acta-constitutiva.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.fill("#id_notes", "Acta de creación y reglamento interior")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    proof = Proof.objects.get(notes="Acta de creación y reglamento interior")
    assert proof.status == Proof.Status.SUBMITTED and proof.content_type == "application/pdf"
    assert "acta-constitutiva.pdf" in page.inner_text("main table")
    sign_out(page)

    log_in(page, acc["assessor"].username)
    page.goto("/accreditation/cycles/")
    assert page.locator("main table tbody tr").count() == 1 and acc["other"].agency.name not in page.inner_text("main")
    page.goto(f"/accreditation/proofs/{proof.pk}/")
    page.check("input[name=decision][value=accepted]")
    with page.expect_navigation():
        page.click("main form[action$='/review/'] button[type=submit]")
    assert Proof.objects.get(pk=proof.pk).status == Proof.Status.ACCEPTED
    page.goto(f"/accreditation/cycles/{own.pk}/")
    page.click("main .actions a:has-text('Record findings')")
    selects = page.locator("main select[name^=result_]")
    for index in range(selects.count()):
        selects.nth(index).select_option("compliant")
    with page.expect_navigation():
        page.click("main button:has-text('Save findings')")
    assert Finding.objects.filter(cycle=own, result="compliant").count() == selects.count() > 20
    assert "Eligible for accreditation." in page.inner_text("main")
    page.select_option("#id_verdict", "accredit")
    page.fill("#id_summary", "Cumple con los estándares obligatorios.")
    with page.expect_navigation():
        page.click("main button:has-text('Save the recommendation')")
    assert Recommendation.objects.filter(cycle=own, verdict="accredit").exists()
    sign_out(page)

    log_in(page, world.user(Role.PROGRAM_MANAGER).username)
    page.goto(f"/accreditation/cycles/{own.pk}/")
    with page.expect_navigation():
        page.click("main button:has-text('Move to On-site assessment')")
    assert Cycle.objects.get(pk=own.pk).phase == phases.ONSITE
    assert "The cycle is now in On-site assessment." in page.inner_text("main")
    page.goto("/accreditation/tallies/?by=phase")
    page.wait_for_function("() => document.querySelector('canvas[data-chart=pipeline-chart]').width > 0")
    assert not page_problems(page)


@pytest.mark.parametrize("language", ["en", "es"])
def test_accreditation_pages_have_no_serious_accessibility_problems(axe_page, axe_source, world, acc, language):
    own = acc["cycle"]
    log_in(axe_page, world.user(Role.PROGRAM_MANAGER).username)
    if language == "es":
        switch_language(axe_page, "es")
    standard = own.framework.standards.get(code="1.1")
    paths = [
        "/accreditation/cycles/", f"/accreditation/cycles/{own.pk}/", f"/accreditation/cycles/{own.pk}/findings/",
        f"/accreditation/cycles/{own.pk}/standards/{standard.pk}/", f"/accreditation/cycles/{own.pk}/advance/",
        "/accreditation/tallies/", "/accreditation/frameworks/", f"/accreditation/frameworks/{shipped(world).pk}/",
        "/accreditation/frameworks/import/", "/accreditation/programs/", "/accreditation/surveys/add/",
    ]
    problems = []
    for path in paths:
        axe_page.goto(path)
        found = axe_violations(axe_page, axe_source)
        if found:
            problems.append(describe_violations(path, found))
        problems += [f"{path}: {p}" for p in page_problems(axe_page)]
    assert not problems, "\n".join(problems)

"""A coordinator imports their agency's historic training records from the training-records list."""
from decimal import Decimal

import pytest

from puente.accounts.roles import Role
from puente.catalog.models import Domain, Program
from puente.records.models import TrainingRecord

from .conftest import axe_violations, describe_violations, log_in, page_problems

pytestmark = pytest.mark.browser


def _csv(world) -> bytes:
    return (
        "Identificador nacional,Código de programa,Fecha de inicio,Fecha de término,Resultado,score\n"
        f"{world.own_person.national_id},ANAM-PREC,2023-05-02,2023-05-04,Concluida,92\n"
        f"{world.other_person.national_id},ANAM-PREC,2023-05-02,2023-05-04,Concluida,88\n"
    ).encode()


def _upload(page, world, keep_good: bool) -> None:
    page.goto("/records/training-records/")
    with page.expect_navigation():
        page.click("main .actions a[href='/import/training-records/']")
    page.set_input_files("#id_file", files=[{"name": "historial.csv", "mimeType": "text/csv", "buffer": _csv(world)}])
    page.set_checked("#id_keep_good", keep_good)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_url("**/jobs/*/")


def test_a_coordinator_imports_own_agency_rows_and_sees_the_others_refused(axe_page, axe_source, world):
    domain = Domain.objects.create(code="CUSTOMS", name_en="Customs", name_es="Aduanas")
    Program.objects.create(code="ANAM-PREC", title_en="Precursors", title_es="Precursores", domain=domain, hours=Decimal("24"))
    page = axe_page
    log_in(page, world.user(Role.AGENCY_COORDINATOR).username)

    _upload(page, world, keep_good=False)
    report = page.locator("#job-progress")
    report.locator("dl.result").wait_for()
    assert "Nothing was written" in report.inner_text()
    cells = report.locator("table tbody tr").first.locator("td").all_inner_texts()
    assert cells == ["3", "national_id", f"{world.other_person.national_id} is not in your agency."], cells
    assert not TrainingRecord.objects.exists()
    found = describe_violations("import report", axe_violations(page, axe_source)).splitlines()
    found += page_problems(page)
    assert not found, "accessibility problems:\n" + "\n".join(found)

    _upload(page, world, keep_good=True)
    report.locator("dl.result").wait_for()
    assert "Kept 1 good rows" in report.inner_text()
    record = TrainingRecord.objects.get()
    assert (record.person, record.agency, record.score, record.source) == (world.own_person, world.own, Decimal("92.0"), "historic")
    page.goto("/records/training-records/")
    assert "ANAM-PREC" in page.inner_text("main table tbody")
    assert page.errors == []

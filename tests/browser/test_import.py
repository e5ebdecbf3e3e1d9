"""Importing a file through the web UI: upload, the job's page, its report."""
import pytest

from puente.accounts.roles import Role
from puente.registry.models import Agency

from .conftest import axe_violations, describe_violations, log_in, page_problems

pytestmark = pytest.mark.browser

CSV = (
    "code,name,acronym,country,jurisdiction,level,kind,border_region\n"
    "MX-SON-NOG-TRA,Tránsito Municipal de Nogales,TMN,MX,26043,municipal,police,yes\n"
    "MX-SON-BAD,Agencia sin país,,ZZ,,municipal,police,no\n"
).encode()


def _upload(page, keep_good: bool) -> None:
    page.goto("/agencies/")
    with page.expect_navigation():
        page.click("main .actions a[href='/import/agencies/']")
    page.set_input_files("#id_file", files=[{"name": "agencies.csv", "mimeType": "text/csv", "buffer": CSV}])
    page.set_checked("#id_keep_good", keep_good)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_url("**/jobs/*/")


def test_an_import_with_a_bad_row_reports_it_and_keeps_good_rows_only_when_asked(axe_page, axe_source, world):
    page = axe_page
    log_in(page, world.user(Role.PROGRAM_MANAGER).username)

    _upload(page, keep_good=False)
    report = page.locator("#job-progress")
    report.locator("dl.result").wait_for()
    assert "Nothing was written" in report.inner_text()
    bad_row = report.locator("table tbody tr")
    assert bad_row.count() == 1
    cells = bad_row.first.locator("td").all_inner_texts()
    assert cells[0] == "3" and cells[1] == "country", f"the report names the row and column: {cells}"
    assert not Agency.objects.filter(code="MX-SON-NOG-TRA").exists(), "a file with a bad row writes nothing"
    found = describe_violations("job detail with a bad row", axe_violations(page, axe_source)).splitlines()
    found += page_problems(page)
    assert not found, "accessibility problems:\n" + "\n".join(found)

    _upload(page, keep_good=True)
    report.locator("dl.result").wait_for()
    assert "Kept 1 good rows" in report.inner_text()
    assert Agency.objects.filter(code="MX-SON-NOG-TRA", jurisdiction=world.nogales).exists()
    page.goto("/agencies/?q=TMN")
    assert "Tránsito Municipal de Nogales" in page.inner_text("main table tbody")

    assert page.errors == []

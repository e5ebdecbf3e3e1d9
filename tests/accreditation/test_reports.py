"""The program view: tallies by type, phase, country and year; median time per phase; exports; API."""
import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from puente.accreditation import phases, reports
from puente.accreditation.models import Cycle, PhaseChange

from tests.accreditation.fixtures import cycle

day = datetime.date


def _world_of_cycles(world, pm):
    own, other = cycle(world, "own"), cycle(world, "other")
    Cycle.objects.filter(pk=own.pk).update(phase=phases.ACCREDITED, accredited_on=day(2023, 9, 1))
    PhaseChange.objects.create(cycle=own, from_phase=phases.REMOTE_REVIEW, to_phase=phases.ACCREDITED, changed_on=day(2023, 9, 1))
    Cycle.objects.filter(pk=other.pk).update(phase=phases.WITHDRAWN, closed_on=day(2023, 4, 1))
    return own, other


def test_tallies_and_medians(world, pm):
    _world_of_cycles(world, pm)
    total, rows = reports.tallies(Cycle.objects.all(), "country")
    assert (total.enrolled, total.accredited, total.withdrawn_removed, total.in_progress) == (2, 1, 1, 0)
    assert {row.group: row.accredited for row in rows} == {"Mexico": 1, "United States": 0}
    total, rows = reports.tallies(Cycle.objects.all(), "year")
    assert [row.group for row in rows] == ["2020"]
    medians = {m["phase"]: m["median_days"] for m in reports.median_days_per_phase(Cycle.objects.all())}
    assert medians["Enrollment"] == (day(2023, 1, 10) - day(2020, 1, 15)).days
    assert medians["Remote file review"] == (day(2023, 9, 1) - day(2023, 1, 10)).days


def test_program_page_exports_and_api(client, world, pm):
    own, _ = _world_of_cycles(world, pm)
    client.force_login(pm)
    page = client.get(reverse("accreditation:tallies"), {"by": "phase"}).content.decode()
    assert 'data-chart="pipeline-chart"' in page and "vendor/chart.umd.min.js" in page and "Median time per phase" in page
    csv = client.get(reverse("accreditation:tallies"), {"by": "program_type", "export": "csv"})
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0] == "Program type,Enrolled,In progress,Accredited,Withdrawn or removed"
    assert "Law enforcement agency,2,0,1,1" in text and "Total,2,0,1,1" in text
    xlsx = client.get(reverse("accreditation:program_detail", args=[own.program_id]), {"export": "xlsx", "by": "year"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[2]] == ["2020", 1, 0, 1, 0]
    api = client.get(reverse("api:accreditation-tallies-list"), {"by": "phase"}).json()
    assert api["total"]["enrolled"] == 2 and {row["group"] for row in api["rows"]} == {"Accredited", "Withdrawn"}
    assert client.get(reverse("api:accreditation-tallies-list"), {"by": "color"}).status_code == 400
    cycles_csv = client.get(reverse("accreditation:cycle_list"), {"export": "csv"})
    assert "Policía Municipal de Nogales" in b"".join(cycles_csv.streaming_content).decode("utf-8-sig")


def test_coordinator_tallies_cover_only_their_agency(client, world, pm):
    _world_of_cycles(world, pm)
    client.force_login(world.user("agency_coordinator"))
    api = client.get(reverse("api:accreditation-tallies-list")).json()
    assert api["total"]["enrolled"] == 1

"""Session and request imports: keyed, idempotent, every bad row named."""
import pytest

from puente.capacity.imports import SessionImporter, TrainingRequestImporter
from puente.capacity.models import Session, TrainingRequest
from puente.core.imports import run_import

from .fixtures import capacity


@pytest.fixture
def cap(world):
    world.me = None
    return capacity(world)


def csv(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_sessions_import_and_reimport(cap, pm, tmp_path):
    path = csv(tmp_path, "sessions.csv", (
        "program,site,start_date,end_date,seats,language\n"
        "TMED,MX-SON-CAMPUS,2025-06-02,2025-06-06,20,es\n"
        "TMED,US-AZ-CAMPUS,2025-06-09,2025-06-13,18,en\n"
    ))
    report = run_import(SessionImporter(pm), path, path.name)
    assert (report.created, report.errors) == (2, [])
    again = run_import(SessionImporter(pm), path, path.name)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Session.objects.get(start_date="2025-06-09").fiscal_year == 2025


def test_bad_session_rows(cap, pm, tmp_path):
    path = csv(tmp_path, "bad.csv", (
        "program,site,start_date,end_date,seats,language\n"
        "NOPE,MX-SON-CAMPUS,2025-06-02,2025-06-06,20,es\n"
        "TMED,MX-SON-CAMPUS,2025-06-02,2025-06-01,20,es\n"
        "TMED,MX-SON-CAMPUS,2025-07-02,2025-07-06,0,es\n"
        "TMED,MX-SON-CAMPUS,2025-08-02,2025-08-06,20,fr\n"
    ))
    report = run_import(SessionImporter(pm), path, path.name)
    assert [(e.row, e.column) for e in report.errors] == [(2, "program"), (3, "end_date"), (4, "seats"), (5, "language")]
    assert not report.written and Session.objects.count() == 2


def test_requests_import_scoped_and_keyed(world, cap, coordinator, tmp_path):
    path = csv(tmp_path, "requests.csv", (
        "fiscal_year,agency,program,seats,preferred_months,preferred_sites,justification\n"
        "2025,MX-SON-NOG-POL,TMED,8,2;3,MX-SON-CAMPUS,Frontera\n"
        "2025,US-AZ-DPS,TMED,2,,,\n"
        "2031,MX-SON-NOG-POL,TMED,2,,,\n"
        "2025,MX-SON-NOG-POL,TMED,1,13,,\n"
    ))
    report = run_import(TrainingRequestImporter(coordinator), path, path.name, keep_good=True)
    assert [(e.row, e.column) for e in report.errors] == [(3, "agency"), (4, "fiscal_year"), (5, "preferred_months")]
    own = TrainingRequest.objects.get(agency=world.own)
    assert (own.seats, own.preferred_months, [s.code for s in own.preferred_sites.all()]) == (8, [2, 3], ["MX-SON-CAMPUS"])
    assert TrainingRequest.objects.filter(agency=world.own).count() == 1  # updated the existing request, not a second one


def test_bad_request_rows_name_row_and_field_and_write_nothing(world, cap, coordinator, pm, tmp_path):
    from puente.capacity import actions
    from puente.catalog.models import Program

    Program.objects.create(code="OLD", title_en="Old course", title_es="Curso antiguo", domain=cap["domain"], hours=8, status="retired")
    path = csv(tmp_path, "requests.csv", (
        "fiscal_year,agency,program,seats,preferred_months,preferred_sites,justification\n"
        "2025,MX-SON-NOG-POL,TMED,-3,,,\n"
        "2025,MX-SON-NOG-POL,TMED,0,,,\n"
        "2025,MX-SON-NOG-POL,OLD,2,,,\n"
        "2025,MX-SON-NOG-POL,TMED,2,,,\n"
    ))
    before = sorted(TrainingRequest.objects.values_list("pk", "seats"))
    report = run_import(TrainingRequestImporter(coordinator), path, path.name)
    assert [(e.row, e.column) for e in report.errors] == [(2, "seats"), (3, "seats"), (4, "program")]
    assert "retired" in report.errors[2].message
    assert not report.written and sorted(TrainingRequest.objects.values_list("pk", "seats")) == before
    actions.close_window(pm, cap["window"])  # outside the window: the coordinator's rows are refused by row
    report = run_import(TrainingRequestImporter(coordinator), path, path.name)
    assert (5, "fiscal_year") in [(e.row, e.column) for e in report.errors]
    assert sorted(TrainingRequest.objects.values_list("pk", "seats")) == before

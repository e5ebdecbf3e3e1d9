"""Indicator and assignment imports: every bad row named, nothing half-written, idempotent."""
import datetime

import openpyxl
import pytest

from puente.core import audit
from puente.core.imports import run_import
from puente.impact.imports import AssignmentImporter, ObservationImporter
from puente.impact.models import Assignment, Observation
from puente.registry.models import Person

from .fixtures import impact


@pytest.fixture
def imp(world):
    return impact(world)


def csv(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def values(unit_code):
    return {(f"{o.period:%Y-%m}", o.measure.code): o.value for o in Observation.objects.filter(unit__code=unit_code)}


def test_import_then_reimport_is_idempotent(imp, pm, tmp_path):
    text = (
        "unit,period,measure,value\n"
        "MX-NOG-GARITA,2024-03,inspections,5200\n"
        "MX-NOG-GARITA,2024-03,Scans performed,410\n"
        "MX-NOG-GARITA,2024-03,Horas de escáner disponibles,20\n"
        "us-az-dps-nog,2024-03-15,seizures_fentanyl,4\n"
    )
    path = csv(tmp_path, "indicadores.csv", text)
    report = run_import(ObservationImporter(pm), path, path.name)
    assert (report.created, report.updated, report.errors) == (4, 0, [])
    assert values("MX-NOG-GARITA").items() >= {("2024-03", "inspections"): 5200, ("2024-03", "scans"): 410, ("2024-03", "scanner_hours"): 20}.items()
    again = run_import(ObservationImporter(pm), path, path.name)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    path.write_text(text.replace("5200", "5300"), encoding="utf-8")
    changed = run_import(ObservationImporter(pm), path, path.name)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 3)
    assert Observation.objects.filter(measure__code="inspections", value=5300).count() == 1


def test_bad_rows_are_named_and_nothing_is_written(imp, pm, tmp_path):
    future = datetime.date.today().replace(day=1) + datetime.timedelta(days=40)
    path = csv(tmp_path, "bad.csv", (
        "unit,period,measure,value\n"
        "MX-NOG-GARITA,2024-04,inspections,-3\n"
        f"MX-NOG-GARITA,{future:%Y-%m},inspections,10\n"
        "NOWHERE-1,2024-04,inspections,10\n"
        "MX-NOG-GARITA,2024-13,inspections,10\n"
        "MX-NOG-GARITA,2024-04,marijuana,10\n"
        "MX-NOG-GARITA,2024-04,scans,2.5\n"
        "MX-NOG-GARITA,2024-05,scanner_hours,10\n"
        "MX-NOG-GARITA,2024-05,scans,301\n"
        "MX-NOG-GARITA,2024-06,inspections,10\n"
    ))
    report = run_import(ObservationImporter(pm), path, path.name)
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "value"), (3, "period"), (4, "unit"), (5, "period"), (6, "measure"), (7, "value"), (9, "value")]
    assert "negative" in report.errors[0].message
    assert "future" in report.errors[1].message
    assert "NOWHERE-1" in report.errors[2].message
    assert "300" in report.errors[6].message and "30 scans an hour" in report.errors[6].message
    assert str(report.errors[0]).startswith("bad.csv, row 2, column value")
    assert not report.written and Observation.objects.count() == 2


def test_keep_good_rows_writes_only_those(imp, pm, tmp_path):
    path = csv(tmp_path, "mixed.csv", (
        "unit,period,measure,value\n"
        "MX-NOG-GARITA,2024-04,inspections,900\n"
        "MX-NOG-GARITA,2024-04,scans,901\n"
        "MX-NOG-GARITA,2024-05,complaints,1\n"
    ))
    report = run_import(ObservationImporter(pm), path, path.name, keep_good=True)
    assert [(e.row, e.column) for e in report.errors] == [(3, "value")]
    assert "901 scans are more than the 900 inspections" in report.errors[0].message
    assert report.kept_rows == [2, 4] and report.written
    assert values("MX-NOG-GARITA")[("2024-04", "inspections")] == 900
    assert ("2024-04", "scans") not in values("MX-NOG-GARITA")


def test_stored_values_take_part_in_the_rules(imp, pm, tmp_path):
    # Hours already stored for the month: a file with too many scans for them is refused.
    first = csv(tmp_path, "hours.csv", "unit,period,measure,value\nMX-NOG-GARITA,2024-07,scanner_hours,2\n")
    run_import(ObservationImporter(pm), first, first.name)
    path = csv(tmp_path, "scans.csv", "unit,period,measure,value\nMX-NOG-GARITA,2024-07,scans,61\n")
    report = run_import(ObservationImporter(pm), path, path.name)
    assert [(e.row, e.column) for e in report.errors] == [(2, "value")]
    assert not Observation.objects.filter(measure__code="scans").exists()


def test_coordinator_cannot_import_for_another_agencys_unit(imp, coordinator, tmp_path):
    path = csv(tmp_path, "other.csv", (
        "unit,period,measure,value\n"
        "MX-NOG-GARITA,2024-04,inspections,10\n"
        "US-AZ-DPS-NOG,2024-04,inspections,10\n"
    ))
    report = run_import(ObservationImporter(coordinator), path, path.name)
    assert [(e.row, e.column) for e in report.errors] == [(3, "unit")]
    assert "unknown unit" in report.errors[0].message


def test_xlsx_with_labels_spanish_measure_names_and_date_cells(imp, pm, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Unit code", "Month", "Measure", "Value"])
    sheet.append(["MX-NOG-GARITA", datetime.datetime(2024, 8, 1), "Quejas", 2])
    path = tmp_path / "indicadores.xlsx"
    book.save(path)
    report = run_import(ObservationImporter(pm), path, path.name)
    assert report.errors == []
    assert values("MX-NOG-GARITA")[("2024-08", "complaints")] == 2


def test_imports_are_audited(imp, pm, tmp_path):
    path = csv(tmp_path, "a.csv", "unit,period,measure,value\nMX-NOG-GARITA,2024-09,use_of_force,1\n")
    run_import(ObservationImporter(pm), path, path.name)
    assert audit.AuditEntry.objects.filter(action="impact.observation.create", actor=pm).count() == 1


def test_assignment_import(world, imp, coordinator, tmp_path):
    newcomer = Person.objects.create(agency=world.own, given_names="Ana", family_names="Quiroz", national_id="QUAA900101MSRRNN09")
    path = csv(tmp_path, "asignaciones.csv", (
        "national_id,unit,start_date,end_date\n"
        "QUAA900101MSRRNN09,MX-NOG-GARITA,2024-01-15,\n"
        "AZ-104233,MX-NOG-GARITA,2024-01-15,\n"
        "QUAA900101MSRRNN09,MX-NOG-GARITA,2024-02-15,2024-01-01\n"
    ))
    report = run_import(AssignmentImporter(coordinator), path, path.name)
    assert [(e.row, e.column) for e in report.errors] == [(3, "national_id"), (4, "end_date")]
    report = run_import(AssignmentImporter(coordinator), path, path.name, keep_good=True)
    assert Assignment.objects.filter(person=newcomer, unit__code="MX-NOG-GARITA").count() == 1

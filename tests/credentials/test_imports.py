"""Evaluation imports: per-row errors, nothing half-written, keep the good rows when asked."""
import datetime

import pytest
from django.utils import timezone

from puente.accounts.roles import Role
from puente.core.imports import run_import
from puente.core.models import AuditEntry
from puente.credentials.imports import EvaluationImporter
from puente.credentials.models import Evaluation

TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)


def write(tmp_path, text, name="evaluations.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_rows_are_named_and_nothing_is_written(world, tmp_path):
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    path = write(tmp_path, "\n".join([
        "national_id,kind,evaluated_on,result,score,evaluator,notes",
        "RASL850312MSRMTC01,performance,2024-03-01,passed,91,Comisión,",
        f"RASL850312MSRMTC01,basic_competencies,{TOMORROW.isoformat()},passed,80,C3,",
        "NOBODY,performance,2024-03-01,passed,80,C3,",
        "RASL850312MSRMTC01,astrology,2024-03-01,passed,80,C3,",
        "RASL850312MSRMTC01,firearms,2024-13-01,passed,80,C3,",
        "RASL850312MSRMTC01,firearms,2024-03-02,maybe,80,C3,",
        "RASL850312MSRMTC01,firearms,2024-03-03,passed,180,C3,",
        "RASL850312MSRMTC01,firearms,2024-03-04,passed,80,,",
        "RASL850312MSRMTC01,performance,2024-03-01,failed,20,Again,",
    ]))
    report = run_import(EvaluationImporter(coordinator), path, "evaluations.csv")
    errors = {(error.row, error.column): error.message for error in report.errors}
    assert set(errors) == {(3, "evaluated_on"), (4, "national_id"), (5, "kind"), (6, "evaluated_on"), (7, "result"),
                           (8, "score"), (9, "evaluator"), (10, "national_id")}
    assert "future" in errors[(3, "evaluated_on")]
    assert "duplicates row 2" in errors[(10, "national_id")]
    assert "evaluations.csv, row 4, column national_id" in str(report.errors[1])
    assert not report.written and not Evaluation.objects.exists()


def test_people_of_other_agencies_are_refused_row_by_row(world, tmp_path):
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    path = write(tmp_path, "national_id,kind,evaluated_on,result,evaluator\nAZ-104233,performance,2024-03-01,passed,X\n")
    report = run_import(EvaluationImporter(coordinator), path, "evaluations.csv")
    assert [(e.row, e.column) for e in report.errors] == [(2, "national_id")]
    pm = world.user(Role.PROGRAM_MANAGER)
    report = run_import(EvaluationImporter(pm), path, "evaluations.csv")
    assert report.written and Evaluation.objects.get().person == world.other_person


def test_keep_good_rows_and_reimport_changes_only_what_differs(world, tmp_path):
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    text = "\n".join([
        "National identifier,Kind,Date,Result,Score,Evaluator",  # labels are accepted as headers
        "RASL850312MSRMTC01,Performance evaluation,2024-03-01,Passed,\"91,5\",Comisión",
        "RASL850312MSRMTC01,basic_competencies,2024-02-01,passed,,C3 Sonora",
        f"RASL850312MSRMTC01,firearms,{TOMORROW.isoformat()},passed,,Range",
    ])
    path = write(tmp_path, text)
    report = run_import(EvaluationImporter(coordinator), path, "evaluations.csv", keep_good=True)
    assert report.written and report.kept_rows == [2, 3] and report.created == 2
    assert Evaluation.objects.get(kind="performance").score == pytest.approx(91.5)
    assert AuditEntry.objects.filter(action="credentials.evaluation.create").count() == 2
    again = write(tmp_path, text.replace("C3 Sonora", "C3 Sonora (revisado)").rsplit("\n", 1)[0], "again.csv")
    report = run_import(EvaluationImporter(coordinator), again, "again.csv")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert Evaluation.objects.get(kind="basic_competencies").evaluator == "C3 Sonora (revisado)"


def test_xlsx(world, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["national_id", "kind", "evaluated_on", "result", "evaluator"])
    sheet.append(["RASL850312MSRMTC01", "performance", datetime.datetime(2024, 3, 1), "passed", "Comisión"])
    path = tmp_path / "evaluations.xlsx"
    book.save(path)
    report = run_import(EvaluationImporter(world.user(Role.PROGRAM_MANAGER)), path, "evaluations.xlsx")
    assert report.written and Evaluation.objects.get().evaluated_on == datetime.date(2024, 3, 1)

"""Historic training records: idempotent by (person, program, start date), every bad row named, scoped."""
import datetime
import re
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from puente.accounts.roles import Role
from puente.catalog.models import Domain, Program
from puente.core import jobs
from puente.core.imports import ImportFailed, importers, run_import
from puente.core.models import AuditEntry, Job
from puente.records.imports import TrainingRecordImporter
from puente.records.models import TrainingRecord
from puente.registry.models import Agency, Person

HEADER = "national_id,country,program,start_date,end_date,hours,ce_credits,result,score\n"
OWN_ID = "RASL850312MSRMTC01"  # the world's officer of the own agency (Nogales, Mexico)
OTHER_ID = "AZ-104233"  # the world's trooper of the other agency (Arizona)


@pytest.fixture
def programs(world):
    domain = Domain.objects.create(code="CUSTOMS", name_en="Customs", name_es="Aduanas")
    return {
        code: Program.objects.create(code=code, title_en=code, title_es=code, domain=domain, hours=Decimal(hours))
        for code, hours in (("ANAM-INDUC", "40"), ("ANAM-PREC", "24"))
    }


def write(tmp_path, text, name="records.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def historic(actor, path, keep_good=False):
    return run_import(TrainingRecordImporter(actor), path, path.name, keep_good=keep_good)


GOOD = HEADER + (
    f"{OWN_ID},MX,ANAM-INDUC,2022-03-07,2022-03-11,,4,completed,91.5\n"
    f"{OWN_ID},,anam-prec,2023-05-02,2023-05-04,20,,Reprobado,\n"
    f"{OTHER_ID},US,ANAM-PREC,2023-06-12,2023-06-14,24,2.4,Concluida,80\n"
)


def test_import_creates_records_then_reimport_changes_nothing(world, pm, programs, tmp_path):
    path = write(tmp_path, GOOD)
    first = historic(pm, path)
    assert (first.rows, first.created, first.updated, first.unchanged, first.errors) == (3, 3, 0, 0, [])
    induction = TrainingRecord.objects.get(person=world.own_person, program=programs["ANAM-INDUC"])
    assert induction.source == TrainingRecord.Source.HISTORIC and induction.reference == "records.csv"
    assert (induction.hours, induction.ce_credits, induction.result, induction.score) == (Decimal("40.0"), Decimal("4.0"), "completed", Decimal("91.5"))
    assert induction.agency == world.own  # the person's agency when it is imported
    failed = TrainingRecord.objects.get(person=world.own_person, program=programs["ANAM-PREC"])
    assert (failed.hours, failed.ce_credits, failed.result, failed.score) == (Decimal("20.0"), Decimal("0.0"), "failed", None)
    assert AuditEntry.objects.filter(action="records.trainingrecord.import").get().changes["created"] == [None, 3]

    second = historic(pm, path)
    assert (second.created, second.updated, second.unchanged, second.errors) == (0, 0, 3, [])
    assert TrainingRecord.objects.count() == 3
    assert AuditEntry.objects.filter(action__startswith="records.trainingrecord").count() == 1


def test_a_changed_row_updates_its_record_and_is_audited(world, pm, programs, tmp_path):
    historic(pm, write(tmp_path, GOOD))
    # The officer moved to the state police: the record stays with the agency of the time.
    world.own_person.agency = Agency.objects.create(code="MX-SON-SSP", name="Policía Estatal de Sonora", country=world.mx,
                                                    jurisdiction=world.sonora, level="state", kind="police")
    world.own_person.save()
    changed = GOOD.replace("2022-03-11,,4,completed,91.5", "2022-03-11,38,4,completed,93")
    report = historic(pm, write(tmp_path, changed, name="fixed.csv"))
    assert (report.created, report.updated, report.unchanged, report.errors) == (0, 1, 2, [])
    record = TrainingRecord.objects.get(person=world.own_person, program=programs["ANAM-INDUC"])
    assert (record.hours, record.score, record.agency, record.reference) == (Decimal("38.0"), Decimal("93.0"), world.own, "fixed.csv")
    entry = AuditEntry.objects.get(action="records.trainingrecord.update")
    assert entry.changes["hours"] == ["40.0", "38.0"] and entry.changes["score"] == ["91.5", "93.0"]


def test_a_refusal_after_the_rows_are_written_leaves_nothing(world, pm, programs, tmp_path, monkeypatch):
    """The bulk write (COPY on PostgreSQL) stays inside the import's transaction: a late refusal undoes it."""
    def refuse(importer, samples):
        assert TrainingRecord.objects.count() == 3  # written, not yet committed
        raise PermissionDenied("add training records")

    monkeypatch.setattr(TrainingRecordImporter, "_recheck", refuse)
    with pytest.raises(PermissionDenied):
        historic(pm, write(tmp_path, GOOD))
    assert not TrainingRecord.objects.exists() and not AuditEntry.objects.filter(action__startswith="records.").exists()


def test_every_bad_row_is_named_and_nothing_is_written(world, pm, programs, tmp_path):
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    path = write(tmp_path, HEADER + (
        f"{OWN_ID},MX,ANAM-INDUC,2022-03-07,2022-03-11,,,completed,\n"  # 2: good
        "NOBODY-1,,ANAM-INDUC,2022-03-07,2022-03-11,,,completed,\n"  # 3: unknown person
        f"{OWN_ID},,NOPE-101,2022-03-07,2022-03-11,,,completed,\n"  # 4: unknown program
        f"{OWN_ID},,ANAM-PREC,2022-03-07,2022-03-01,,,completed,\n"  # 5: ends before it starts
        f"{OWN_ID},,ANAM-PREC,2022-04-07,{future},,,completed,\n"  # 6: in the future
        f"{OWN_ID},,ANAM-PREC,2022-05-07,2022-05-08,cuarenta,,completed,\n"  # 7: not a number
        f"{OWN_ID},,ANAM-PREC,2022-06-07,2022-06-08,,-1,completed,\n"  # 8: negative credits
        f"{OWN_ID},,ANAM-PREC,2022-07-07,2022-07-08,,,completed,101\n"  # 9: score above 100
        f"{OWN_ID},,ANAM-PREC,2022-08-07,2022-08-08,0,,completed,\n"  # 10: no hours
        f"{OWN_ID},,ANAM-PREC,2022-09-07,2022-09-08,,,aprobado con honores,\n"  # 11: unknown result
        f"{OWN_ID},,ANAM-INDUC,2022-03-07,2022-03-12,,,failed,\n"  # 12: duplicates row 2's key
        f"{OWN_ID},,ANAM-PREC,07/10/2022,2022-10-08,,,completed,\n"  # 13: not an ISO date
        f"{OWN_ID},XX,ANAM-PREC,2022-11-07,2022-11-08,,,completed,\n"  # 14: unknown country
        f"{OWN_ID},US,ANAM-PREC,2022-12-07,2022-12-08,,,completed,\n"  # 15: nobody of that country
        f",,ANAM-PREC,2022-12-07,2022-12-08,,,completed,\n"  # 16: no identifier
    ))
    report = historic(pm, path)
    found = {e.row: (e.file, e.column) for e in report.errors}
    assert found == {
        3: ("records.csv", "national_id"), 4: ("records.csv", "program"), 5: ("records.csv", "end_date"),
        6: ("records.csv", "end_date"), 7: ("records.csv", "hours"), 8: ("records.csv", "ce_credits"),
        9: ("records.csv", "score"), 10: ("records.csv", "hours"), 11: ("records.csv", "result"),
        12: ("records.csv", "national_id"), 13: ("records.csv", "start_date"), 14: ("records.csv", "country"),
        15: ("records.csv", "national_id"), 16: ("records.csv", "national_id"),
    }
    messages = {e.row: e.message for e in report.errors}
    assert "no person has the identifier NOBODY-1" in messages[3]
    assert "unknown program code “NOPE-101”" in messages[4]
    assert "before the start date 2022-03-07" in messages[5]
    assert "in the future" in messages[6]
    assert "“cuarenta” is not a number" in messages[7]
    assert "duplicates row 2" in messages[12]
    assert messages[9] == "101 is out of range: it must be from 0 to 100."
    assert messages[10] == "0 is out of range: it must be more than 0 and at most 99999.9."
    assert "completed, failed" in messages[11]
    assert "no person of US has the identifier" in messages[15]
    assert str(report.errors[0]) == "records.csv, row 3, column national_id: no person has the identifier NOBODY-1."
    assert not report.written and report.bad_rows == 14
    assert not TrainingRecord.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="records.").exists()


def test_keep_good_writes_exactly_the_good_rows(world, pm, programs, tmp_path):
    path = write(tmp_path, HEADER + (
        f"{OWN_ID},,ANAM-INDUC,2022-03-07,2022-03-11,,,completed,\n"
        f"{OWN_ID},,NOPE,2022-03-07,2022-03-11,,,completed,\n"
        f"{OTHER_ID},,ANAM-PREC,2023-03-07,2023-03-11,,,failed,\n"
    ))
    report = historic(pm, path, keep_good=True)
    assert report.written and report.kept_rows == [2, 4] and [(e.row, e.column) for e in report.errors] == [(3, "program")]
    assert report.created == 2 and TrainingRecord.objects.count() == 2


def test_coordinator_imports_own_agency_only_and_others_are_row_errors(world, coordinator, programs, tmp_path):
    path = write(tmp_path, HEADER + (
        f"{OWN_ID},,ANAM-INDUC,2022-03-07,2022-03-11,,,completed,\n"
        f"{OTHER_ID},,ANAM-INDUC,2022-03-07,2022-03-11,,,completed,\n"
    ))
    report = historic(coordinator, path)
    assert [(e.row, e.column, e.message) for e in report.errors] == [(3, "national_id", f"{OTHER_ID} is not in your agency.")]
    assert not TrainingRecord.objects.exists()
    report = historic(coordinator, path, keep_good=True)
    assert report.created == 1
    assert list(TrainingRecord.objects.values_list("person__national_id", flat=True)) == [OWN_ID]


def test_coordinator_may_not_change_a_record_kept_by_another_agency(world, pm, coordinator, programs, tmp_path):
    """The officer moved into the coordinator's agency: their earlier record belongs to the old one."""
    historic(pm, write(tmp_path, HEADER + f"{OTHER_ID},,ANAM-INDUC,2022-03-07,2022-03-11,,,completed,\n"))
    world.other_person.agency = world.own
    world.other_person.save()
    same = historic(coordinator, write(tmp_path, HEADER + f"{OTHER_ID},,ANAM-INDUC,2022-03-07,2022-03-11,,,completed,\n"))
    assert (same.unchanged, same.errors) == (1, [])
    changed = historic(coordinator, write(tmp_path, HEADER + f"{OTHER_ID},,ANAM-INDUC,2022-03-07,2022-03-11,,,failed,\n"))
    assert [(e.row, e.column) for e in changed.errors] == [(2, "national_id")]
    assert "belongs to another agency" in changed.errors[0].message
    assert TrainingRecord.objects.get().result == "completed"


def test_a_session_record_is_not_replaced_by_a_historic_row(world, pm, programs, tmp_path):
    TrainingRecord.objects.create(
        person=world.own_person, program=programs["ANAM-INDUC"], agency=world.own, source=TrainingRecord.Source.SESSION,
        start_date=datetime.date(2022, 3, 7), end_date=datetime.date(2022, 3, 11), hours=40, result="completed",
    )
    same = historic(pm, write(tmp_path, HEADER + f"{OWN_ID},,ANAM-INDUC,2022-03-07,2022-03-11,,0,completed,\n"))
    assert (same.unchanged, same.errors) == (1, [])
    other = historic(pm, write(tmp_path, HEADER + f"{OWN_ID},,ANAM-INDUC,2022-03-07,2022-03-11,,,failed,\n"))
    assert [(e.row, e.column) for e in other.errors] == [(2, "start_date")]
    assert "historic import does not replace it" in other.errors[0].message


def test_a_shared_identifier_needs_the_country(world, pm, programs, tmp_path):
    Person.objects.create(agency=world.other, country=world.us, given_names="Lucy", family_names="Ramirez", national_id=OWN_ID)
    report = historic(pm, write(tmp_path, HEADER + (
        f"{OWN_ID},,ANAM-INDUC,2022-03-07,2022-03-11,,,completed,\n"
        f"{OWN_ID},México,ANAM-INDUC,2022-03-07,2022-03-11,,,completed,\n"
        f"{OWN_ID},United States,ANAM-INDUC,2022-03-07,2022-03-11,,,completed,\n"
    )), keep_good=True)
    assert [(e.row, e.column) for e in report.errors] == [(2, "country")]
    assert "give the country" in report.errors[0].message
    assert sorted(TrainingRecord.objects.values_list("agency__code", flat=True)) == ["MX-SON-NOG-POL", "US-AZ-DPS"]


def test_xlsx_with_spanish_headers_and_date_cells(world, pm, programs, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Identificador nacional", "Código de programa", "Fecha de inicio", "Fecha de término", "Horas", "Resultado", "score"])
    sheet.append([OWN_ID, "ANAM-INDUC", datetime.datetime(2022, 3, 7), datetime.datetime(2022, 3, 11), 37.5, "Concluida", 88])
    sheet.append([OWN_ID, "ANAM-PREC", datetime.datetime(2022, 4, 7), datetime.datetime(2022, 4, 1), 24, "completed", None])
    path = tmp_path / "historial.xlsx"
    book.save(path)
    report = historic(pm, path)
    assert [(e.row, e.column) for e in report.errors] == [(3, "end_date")]
    report = historic(pm, path, keep_good=True)
    record = TrainingRecord.objects.get()
    assert (record.start_date, record.hours, record.score, record.reference) == (datetime.date(2022, 3, 7), Decimal("37.5"), Decimal("88.0"), "historial.xlsx")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "latin-1"])
def test_encodings_and_semicolons_from_excel(world, pm, programs, tmp_path, encoding):
    text = "Identificador nacional;País;Código de programa;Fecha de inicio;Fecha de término;Horas;Resultado\n"
    text += f"{OWN_ID};México;ANAM-INDUC;2022-03-07;2022-03-11;37,5;Aprobado\n"
    report = historic(pm, write(tmp_path, text, encoding=encoding))
    assert (report.created, report.errors) == (1, [])
    assert TrainingRecord.objects.get().hours == Decimal("37.5")


def test_unreadable_files_and_the_size_limit(world, pm, programs, tmp_path):
    with pytest.raises(ImportFailed, match="missing required columns: program, end_date, result"):
        historic(pm, write(tmp_path, "national_id,start_date\nX,2022-01-01\n"))
    with pytest.raises(ImportFailed, match="not a text CSV file"):
        historic(pm, write(tmp_path, HEADER, encoding="utf-16"))
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: over this import's 268 MB limit
    with pytest.raises(ImportFailed, match=r"huge.csv: the file is 314.6 MB; the limit is 268.4 MB. Split it"):
        historic(pm, huge)
    roomy = tmp_path / "roomy.csv"
    roomy.write_bytes(HEADER.encode())
    with roomy.open("ab") as handle:
        handle.truncate(100 * 1024 * 1024)  # over the general 64 MB limit, within this one's
    with pytest.raises(ImportFailed, match="not a text CSV file"):
        historic(pm, roomy)


def test_who_may_import(world, pm, coordinator, programs, tmp_path):
    assert "training-records" in importers()
    registrar, officer, auditor = (world.user(role) for role in (Role.REGISTRAR, Role.OFFICER, Role.AUDITOR))
    assert TrainingRecordImporter.permitted(pm) and TrainingRecordImporter.permitted(coordinator)
    # A registrar records completions of their own sessions, which is not importing history.
    assert not any(TrainingRecordImporter.permitted(user) for user in (registrar, officer, auditor))
    with pytest.raises(ImportFailed, match="You may not import training records"):
        historic(registrar, write(tmp_path, GOOD))


def test_the_import_page_and_job_show_the_report(world, pm, programs, client, tmp_path, settings):
    settings.PUENTE_JOBS_INLINE = True
    settings.MEDIA_ROOT = str(tmp_path)
    client.force_login(pm)
    assert client.get("/import/training-records/").status_code == 200
    with write(tmp_path, GOOD).open("rb") as upload:
        response = client.post("/import/training-records/", {"file": upload})
    job = Job.objects.get(kind="import")
    assert response.status_code == 302 and job.state == Job.State.SUCCEEDED and job.percent == 100
    assert job.result["created"] == 3
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Import report" in page and "records.csv" in page


def test_registrar_gets_no_import_page(world, programs, client):
    client.force_login(world.user(Role.REGISTRAR))
    assert client.get("/import/training-records/").status_code == 403


def test_job_reports_progress_while_checking_and_writing(world, pm, programs, tmp_path):
    people = Person.objects.bulk_create(
        Person(agency=world.own, country=world.mx, given_names="Oficial", family_names=str(n), national_id=f"PRG{n:05d}")
        for n in range(12_000)
    )
    lines = [HEADER] + [f"{p.national_id},,ANAM-INDUC,2022-03-07,2022-03-11,,,completed,\n" for p in people]
    path = write(tmp_path, "".join(lines))
    seen = []
    row = Job.objects.create(kind="import", params={"kind": "training-records", "path": str(path), "filename": path.name}, created_by=pm)
    jobs.run_job(row.pk, listener=lambda percent, message: seen.append((percent, message)))
    row.refresh_from_db()
    assert row.state == Job.State.SUCCEEDED and row.result["created"] == 12_000
    checking = [p for p, m in seen if m.startswith("Checked")]
    writing = [p for p, m in seen if m.startswith("Wrote")]
    assert checking and max(checking) <= 55 and writing and 60 < min(writing) and max(writing) == 100
    assert seen[-1] == (100, "Done")


@pytest.mark.django_db(transaction=True)
def test_the_job_page_shows_progress_while_an_import_writes(world, pm, programs, tmp_path, client, monkeypatch):
    """Another connection (the page a coordinator watches) sees the bar move while the import writes in its transaction."""
    monkeypatch.setattr(jobs.Progress, "min_interval", 0)  # store every report, so one mid-write report is there to see
    people = Person.objects.bulk_create(
        Person(agency=world.own, country=world.mx, given_names="Oficial", family_names=str(n), national_id=f"PRG{n:05d}")
        for n in range(12_000)
    )
    path = write(tmp_path, "".join([HEADER] + [f"{p.national_id},,ANAM-INDUC,2022-03-07,2022-03-11,,,completed,\n" for p in people]))
    row = Job.objects.create(kind="import", params={"kind": "training-records", "path": str(path), "filename": path.name}, created_by=pm)
    client.force_login(pm)  # before the import holds the write lock
    writing, looked = threading.Event(), threading.Event()

    def hold_mid_write(percent, message):
        if 60 < percent < 100 and not writing.is_set():
            writing.set()
            looked.wait(timeout=60)

    def run():
        try:
            jobs.run_job(row.pk, listener=hold_mid_write)
        finally:
            connection.close()

    worker = threading.Thread(target=run)
    worker.start()
    try:
        assert writing.wait(timeout=120), "the import never reached its writing phase"
        fragment = client.get(f"/jobs/{row.pk}/", HTTP_HX_REQUEST="true").content.decode()
        stored = Job.objects.values_list("percent", flat=True).get(pk=row.pk)
    finally:
        looked.set()
        worker.join()
    shown = int(re.search(r'<progress max="100" value="(\d+)"', fragment).group(1))
    assert 60 < shown < 100 and "Wrote " in fragment, fragment
    assert stored <= 60  # the row itself waits for the commit
    row.refresh_from_db()
    assert (row.state, row.percent, row.result["created"]) == (Job.State.SUCCEEDED, 100, 12_000)
    assert "Wrote " not in client.get(f"/jobs/{row.pk}/", HTTP_HX_REQUEST="true").content.decode()  # finished: the row tells


def test_cli_imports_and_refuses(world, pm, programs, tmp_path, capsys):
    pm.username = "admin"
    pm.save()
    path = write(tmp_path, GOOD + f"{OWN_ID},,NOPE,2022-03-07,2022-03-11,,,completed,\n")
    with pytest.raises(CommandError, match="3 rows|4 rows"):
        call_command("import", "training-records", str(path), verbosity=0)
    assert "records.csv, row 5, column program" in capsys.readouterr().err
    call_command("import", "training-records", str(path), "--keep-good", verbosity=0)
    assert "3 created" in capsys.readouterr().out


def test_the_list_page_offers_the_import_to_those_who_may(world, pm, coordinator, programs, client):
    link = 'href="/import/training-records/"'
    for user, shown in ((pm, True), (coordinator, True), (world.user(Role.REGISTRAR), False), (world.user(Role.AUDITOR), False)):
        client.force_login(user)
        page = client.get(reverse("records:record_list"))
        assert page.status_code == 200 and (link in page.content.decode()) == shown, user.username


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_of_the_list_imports_back_unchanged(world, pm, programs, client, tmp_path, fmt):
    historic(pm, write(tmp_path, GOOD))
    client.force_login(pm)
    response = client.get(reverse("records:record_list"), {"export": fmt})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(content)
    report = historic(pm, path)
    assert (report.created, report.updated, report.unchanged, report.errors) == (0, 0, 3, [])

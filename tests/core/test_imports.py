"""Imports: every bad row reported by file, row and column; all or nothing unless asked."""
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import gettext, override
from openpyxl import Workbook, load_workbook

from puente.core.imports import ERRORS_LISTED, ImportFailed, PackedRows, RowSource, run_import
from puente.core.models import AuditEntry
from puente.registry.imports import AgencyImporter, PersonImporter
from puente.registry.models import Agency, Person

HEADER = "agency,national_id,given_names,family_names,rank,status,hire_date\n"


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def people_import(actor, path, keep_good=False):
    return run_import(PersonImporter(actor), path, path.name, keep_good=keep_good)


def test_good_file_creates_then_reimport_changes_nothing(world, pm, tmp_path):
    path = write(tmp_path, "people.csv", HEADER + (
        "MX-SON-NOG-POL,CUIP0001,José,Núñez Peña,Policía,active,2019-05-01\n"
        "MX-SON-NOG-POL,CUIP0002,María,López,Suboficial,Activo,\n"
    ))
    first = people_import(pm, path)
    assert (first.created, first.updated, first.unchanged, first.errors) == (2, 0, 0, [])
    assert Person.objects.get(national_id="CUIP0001").family_names == "Núñez Peña"
    audited = AuditEntry.objects.filter(action="registry.person.create").count()
    second = people_import(pm, path)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert AuditEntry.objects.filter(action__startswith="registry.person").count() == audited


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "latin-1"])
def test_encodings_from_excel_are_read(world, pm, tmp_path, encoding):
    path = write(tmp_path, "people.csv", HEADER + "MX-SON-NOG-POL,CUIP0003,Ángel,Muñoz Güemes,Policía,,\n", encoding)
    report = people_import(pm, path)
    assert report.created == 1
    assert Person.objects.get(national_id="CUIP0003").family_names == "Muñoz Güemes"


def test_bad_rows_are_all_reported_and_nothing_is_written(world, pm, tmp_path):
    path = write(tmp_path, "bad.csv", HEADER + (
        "MX-SON-NOG-POL,CUIP0010,Ana,Ruiz,,,\n"
        "NOPE,CUIP0011,Luis,Gómez,,,\n"
        "MX-SON-NOG-POL,CUIP0012,Eva,Soto,,,2019-13-45\n"
        "MX-SON-NOG-POL,CUIP0010,Ana,Ruiz,,,\n"
        "MX-SON-NOG-POL,,Sin,Identificador,,retired,\n"
    ))
    report = people_import(pm, path)
    found = {(e.file, e.row, e.column) for e in report.errors}
    assert found == {("bad.csv", 3, "agency"), ("bad.csv", 4, "hire_date"), ("bad.csv", 5, "national_id"), ("bad.csv", 6, "national_id")}
    assert "duplicates row 2" in next(e.message for e in report.errors if e.row == 5)
    assert not report.written
    assert not Person.objects.filter(national_id__startswith="CUIP001").exists()


def test_keep_good_writes_exactly_the_good_rows(world, pm, tmp_path):
    path = write(tmp_path, "mixed.csv", HEADER + (
        "MX-SON-NOG-POL,CUIP0020,Ana,Ruiz,,,\n"
        "NOPE,CUIP0021,Luis,Gómez,,,\n"
        "MX-SON-NOG-POL,CUIP0022,Eva,Soto,,,\n"
    ))
    report = people_import(pm, path, keep_good=True)
    assert report.written and report.kept_rows == [2, 4]
    assert set(Person.objects.filter(national_id__startswith="CUIP002").values_list("national_id", flat=True)) == {"CUIP0020", "CUIP0022"}


def test_coordinator_cannot_import_into_another_agency(world, coordinator, tmp_path):
    path = write(tmp_path, "p.csv", HEADER + "US-AZ-DPS,AZ-9,Tom,Hill,,,\n")
    report = people_import(coordinator, path)
    assert [(e.row, e.column) for e in report.errors] == [(2, "agency")]
    assert not Person.objects.filter(national_id="AZ-9").exists()


@pytest.mark.parametrize(("content", "message"), [
    ("", "the file is empty"),
    (HEADER, "has a header but no rows"),
    ("agency,nombre raro\nX,Y\n", "unknown columns: nombre raro"),
    ("agency,given_names\nX,Y\n", "missing required columns: national_id, family_names"),
])
def test_unreadable_files_get_a_clear_answer(world, pm, tmp_path, content, message):
    path = write(tmp_path, "f.csv", content)
    with pytest.raises(ImportFailed, match=message) as excinfo:
        people_import(pm, path)
    assert str(excinfo.value).startswith("f.csv: ")


def test_a_100_mb_file_is_refused_before_reading(world, pm, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: the size is real, the disk is not used
    with pytest.raises(ImportFailed, match=r"huge.csv: the file is 104.9 MB; the limit is 67.1 MB"):
        people_import(pm, path)


def test_wrong_file_type_and_broken_workbook(world, pm, tmp_path):
    with pytest.raises(ImportFailed, match="only .csv and .xlsx"):
        people_import(pm, write(tmp_path, "people.pdf", "x"))
    with pytest.raises(ImportFailed, match="not a readable .xlsx"):
        people_import(pm, write(tmp_path, "people.xlsx", "not a zip"))


def test_xlsx_export_imports_back_unchanged_in_spanish(world, pm, client, tmp_path):
    """Exports are headed in the reader's language and import back as they are."""
    pm.language = "es"
    pm.save()
    client.force_login(pm)
    response = client.get("/people/?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    with override("es"):
        spanish = [gettext(label) for label in ("Agency code", "National identifier", "Given names")]
    assert header[:3] == spanish and spanish[0] != "Agency code"
    path = tmp_path / "export.xlsx"
    path.write_bytes(response.content)
    report = people_import(pm, path)
    assert (report.created, report.updated, report.unchanged, report.errors) == (0, 0, 2, [])


def test_csv_export_is_scoped_and_round_trips(world, coordinator, client, tmp_path):
    client.force_login(coordinator)
    response = client.get("/people/?export=csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    assert world.own_person.national_id in text and world.other_person.national_id not in text
    report = people_import(coordinator, write(tmp_path, "back.csv", text))
    assert report.unchanged == 1 and not report.errors


def test_agency_import_from_xlsx(world, pm, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "name", "country", "jurisdiction", "level", "kind", "border_region"])
    sheet.append(["MX-SON-C5", "Centro de Control C5 Sonora", "MX", "26", "Estatal", "communications_center", "sí"])
    sheet.append(["MX-SON-BAD", "Sin estado", "MX", "", "state", "police", ""])
    path = tmp_path / "agencies.xlsx"
    book.save(path)
    report = run_import(AgencyImporter(pm), path, path.name)
    assert [(e.row, e.column) for e in report.errors] == [(3, "jurisdiction")]
    report = run_import(AgencyImporter(pm), path, path.name, keep_good=True)
    c5 = Agency.objects.get(code="MX-SON-C5")
    assert (c5.level, c5.kind, c5.border_region, c5.jurisdiction) == ("state", "communications_center", True, world.sonora)


def test_cli_import_reports_rows_and_refuses(world, pm, tmp_path, capsys):
    pm.username = "admin"
    pm.save()
    path = write(tmp_path, "cli.csv", HEADER + "NOPE,CUIP0030,Ana,Ruiz,,,\nMX-SON-NOG-POL,CUIP0031,Eva,Soto,,,\n")
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import", "people", str(path), verbosity=0)
    assert "cli.csv, row 2, column agency" in capsys.readouterr().err
    call_command("import", "people", str(path), "--keep-good", verbosity=0)
    assert "Kept rows: 3" in capsys.readouterr().out
    assert Person.objects.filter(national_id="CUIP0031").exists()


def test_a_file_bad_in_every_row_lists_the_first_thousand_and_counts_them_all(world, pm, tmp_path, capsys):
    path = write(tmp_path, "all-bad.csv", HEADER + "".join(f"NOPE,CUIP9{n:04d},Ana,Ruiz,,,\n" for n in range(1500)))
    report = people_import(pm, path)
    assert (report.bad_rows, len(report.errors), report.as_dict()["unlisted"]) == (1500, ERRORS_LISTED, 500)
    assert [e.row for e in report.errors[:2]] == [2, 3] and not report.written
    pm.username = "admin"
    pm.save()
    with pytest.raises(CommandError, match="1500 bad"):
        call_command("import", "people", str(path), verbosity=0)
    assert "... and 500 more bad rows." in capsys.readouterr().err


def test_packed_rows_keep_rows_as_integers():
    rows = PackedRows(3, key_of=lambda values: values[0] * 10 + values[1])
    for number in range(2, 6):
        rows.append((number, None, (number, 1, -number)))
    assert len(rows) == 4 and list(rows.numbers()) == [2, 3, 4, 5]
    assert list(rows)[1] == (3, 31, (3, 1, -3))
    assert [number for number, _key, _values in rows.without({3, 5})] == [2, 4]
    assert rows.data.itemsize == 8  # machine integers, not Python objects


def test_rows_are_read_as_a_stream(world, pm, tmp_path):
    path = write(tmp_path, "people.csv", HEADER + "MX-SON-NOG-POL,CUIP0040,Ana,Ruiz\n\n,,,,,,\n")
    source = RowSource(path, path.name, PersonImporter(pm))
    assert source.estimated_rows == 3  # lines after the header
    rows = iter(source)
    assert next(rows) == (2, {"agency": "MX-SON-NOG-POL", "national_id": "CUIP0040", "given_names": "Ana",
                              "family_names": "Ruiz", "rank": "", "status": "", "hire_date": ""})
    assert next(rows, None) is None  # blank lines are not rows

"""Program imports: relations by code, prerequisites earlier in the file or stored, every bad row
reported, nothing written unless all good or asked, idempotent, and exports that import back."""
import io
from decimal import Decimal

from openpyxl import Workbook, load_workbook

from puente.catalog.imports import ProgramImporter
from puente.catalog.models import Program
from puente.core.imports import run_import
from puente.core.models import AuditEntry

HEADER = (
    "code,title_en,title_es,domain,threats,mission_critical,delivery_mode,hours,ce_credits,prerequisites,"
    "vetting_required,min_class_size,max_class_size,languages,status\n"
)
GOOD = HEADER + (
    "FENT-SAFE,Fentanyl Safe Handling,Manejo seguro de fentanilo,TACTICAL,FENTANYL,no,in_person,8,0.8,,no,12,30,en;es,\n"
    "CLANLAB,Clandestine Laboratories,Laboratorios clandestinos,INVESTIGATIONS,FENTANYL;FIREARMS,yes,blended,40,4,"
    "FENT-SAFE;INV-ADV,yes,12,20,es,active\n"
)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def programs_import(actor, path, keep_good=False):
    return run_import(ProgramImporter(actor), path, path.name, keep_good=keep_good)


def test_good_file_creates_with_relations_then_reimport_changes_nothing(catalog, pm, tmp_path):
    path = write(tmp_path, "programs.csv", GOOD)
    first = programs_import(pm, path)
    assert (first.created, first.updated, first.unchanged, first.errors) == (2, 0, 0, [])
    clanlab = Program.objects.get(code="CLANLAB")
    assert set(clanlab.threats.values_list("code", flat=True)) == {"FENTANYL", "FIREARMS"}
    assert set(clanlab.prerequisites.values_list("code", flat=True)) == {"FENT-SAFE", "INV-ADV"}
    assert (clanlab.delivery_mode, clanlab.hours, clanlab.mission_critical, clanlab.vetting_required) == (
        "blended", Decimal("40.0"), True, True,
    )
    entry = AuditEntry.objects.get(action="catalog.program.create", object_id=str(clanlab.pk))
    assert entry.actor == pm
    assert entry.changes["prerequisites"] == [None, ["FENT-SAFE", "INV-ADV"]]
    assert entry.changes["threats"] == [None, ["FENTANYL", "FIREARMS"]]
    audited = AuditEntry.objects.count()

    second = programs_import(pm, path)
    assert (second.created, second.updated, second.unchanged, second.errors) == (0, 0, 2, [])
    assert AuditEntry.objects.count() == audited


def test_changing_only_relations_is_an_update_with_codes_before_and_after(catalog, pm, tmp_path):
    programs_import(pm, write(tmp_path, "a.csv", GOOD))
    report = programs_import(pm, write(tmp_path, "b.csv", GOOD.replace("FENTANYL;FIREARMS", "WILDLIFE")))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    entry = AuditEntry.objects.get(action="catalog.program.update")
    assert entry.changes == {"threats": [["FENTANYL", "FIREARMS"], ["WILDLIFE"]]}
    assert list(Program.objects.get(code="CLANLAB").threats.values_list("code", flat=True)) == ["WILDLIFE"]


def test_every_bad_row_is_reported_and_nothing_is_written(catalog, pm, tmp_path):
    path = write(tmp_path, "bad.csv", HEADER + (
        "P-01,A,A,NOPE,,,,8,,,,,,en,\n"                        # 2 unknown domain
        "P-02,A,A,TACTICAL,FENTANYL;CHEESE,,,8,,,,,,en,\n"     # 3 unknown threat
        "P-03,A,A,TACTICAL,,,,8,,P-99,,,,en,\n"                # 4 unknown prerequisite
        "P-04,A,A,TACTICAL,,,,ocho,,,,,,en,\n"                 # 5 not a number
        "P-05,A,A,TACTICAL,,,,8,,,,30,20,en,\n"                # 6 minimum above maximum
        "P-06,A,A,TACTICAL,,,,8,,,,,,en;fr,\n"                 # 7 unknown language
        "P-07,A,A,TACTICAL,,,,8,,P-07,,,,en,\n"                # 8 requires itself
        "INV-BAS,A,A,TACTICAL,,,,8,,INV-ADV,,,,en,\n"          # 9 closes a chain with stored INV-ADV
        "P-09,A,A,TACTICAL,,,,8,,P-10,,,,en,\n"                # 10 prerequisite on a later row
        "P-10,A,A,TACTICAL,,,,8,,,,,,en,\n"                    # 11 good
        "P-11,A,A,TACTICAL,,,online,8,,,,,,en,\n"              # 12 unknown delivery mode
        "P-12,A,A,TACTICAL,,,,8,,P-01,,,,en,\n"                # 13 prerequisite on a bad row
        "P-13,A,A,TACTICAL,,,,8,,,,2.5,,en,\n"                 # 14 class size not whole
        "P-10,A,A,TACTICAL,,,,8,,,,,,en,\n"                    # 15 duplicate
    ))
    report = programs_import(pm, path)
    found = {(e.row, e.column) for e in report.errors}
    assert found == {
        (2, "domain"), (3, "threats"), (4, "prerequisites"), (5, "hours"), (6, "max_class_size"), (7, "languages"),
        (8, "prerequisites"), (9, "prerequisites"), (10, "prerequisites"), (12, "delivery_mode"), (13, "prerequisites"),
        (14, "min_class_size"), (15, "code"),
    }
    messages = {e.row: e.message for e in report.errors}
    assert "CHEESE" in messages[3]
    assert "“P-99”" in messages[4]
    assert "P-07 → P-07" in messages[8]
    assert "INV-BAS → INV-ADV → INV-BAS" in messages[9]
    assert "must come before" in messages[10]
    assert "P-01 is on a row of this file that has errors" in messages[13]
    assert "duplicates row 11" in messages[15]
    assert not report.written
    assert not Program.objects.filter(code__startswith="P-").exists()
    assert not Program.objects.get(code="INV-BAS").prerequisites.exists()
    assert not AuditEntry.objects.exists()


def test_keep_good_writes_exactly_the_good_rows(catalog, pm, tmp_path):
    path = write(tmp_path, "mixed.csv", HEADER + (
        "P-01,A,A,NOPE,,,,8,,,,,,en,\n"
        "P-02,B,B,TACTICAL,,,,8,,,,,,en,\n"
        "P-03,C,C,TACTICAL,,,,8,,P-01,,,,en,\n"
        "P-04,D,D,TACTICAL,WILDLIFE,,,8,,P-02;INV-BAS,,,,es,\n"
    ))
    report = programs_import(pm, path, keep_good=True)
    assert report.written and report.kept_rows == [3, 5]
    assert [(e.row, e.column) for e in report.errors] == [(2, "domain"), (4, "prerequisites")]
    assert set(Program.objects.filter(code__startswith="P-").values_list("code", flat=True)) == {"P-02", "P-04"}
    assert set(Program.objects.get(code="P-04").prerequisites.values_list("code", flat=True)) == {"P-02", "INV-BAS"}


def test_xlsx_with_numbers_booleans_and_spanish_headers_and_choices(catalog, pm, tmp_path):
    book = Workbook()
    sheet = book.active
    # "Código" and "Estatus" are the Spanish labels of code and status; the rest by column code.
    sheet.append(["Código", "title_en", "title_es", "domain", "hours", "mission_critical", "delivery_mode", "languages", "Estatus"])
    sheet.append(["TAC-NEW", "Tactical", "Táctico", "tactical", 12.5, True, "Presencial", "Español; Inglés", "Retirado"])
    sheet.append(["TAC-MED", "Tactical Medicine", "Medicina táctica", "TACTICAL", 40, "sí", "Mixto", "en", ""])
    path = tmp_path / "programs.xlsx"
    book.save(path)
    report = programs_import(pm, path)
    assert report.errors == [] and (report.created, report.unchanged) == (1, 1)
    new = Program.objects.get(code="TAC-NEW")
    assert (new.hours, new.mission_critical, new.delivery_mode, new.languages, new.status) == (
        Decimal("12.5"), True, "in_person", ["en", "es"], "retired",
    )


def test_without_a_status_a_stored_program_keeps_its_own(catalog, pm, tmp_path):
    Program.objects.filter(pk=catalog.basic.pk).update(status=Program.Status.RETIRED)
    path = write(tmp_path, "p.csv", "code,title_en,title_es,domain,hours,languages,min_class_size,max_class_size\n"
                 "INV-BAS,Basic Criminal Investigation,Investigación criminal básica,INVESTIGATIONS,120,es,24,48\n")
    report = programs_import(pm, path)
    assert report.unchanged == 1
    assert Program.objects.get(pk=catalog.basic.pk).status == Program.Status.RETIRED


def test_a_coordinator_may_not_change_stored_programs(catalog, coordinator, tmp_path):
    path = write(tmp_path, "p.csv", "code,title_en,title_es,domain,hours,languages\nINV-BAS,X,X,INVESTIGATIONS,1,es\n")
    report = programs_import(coordinator, path)
    assert [(e.row, e.column) for e in report.errors] == [(2, "code")]
    assert Program.objects.get(pk=catalog.basic.pk).title_en == "Basic Criminal Investigation"


def test_xlsx_export_in_spanish_imports_back_unchanged(catalog, pm, client, tmp_path):
    pm.language = "es"
    pm.save()
    client.force_login(pm)
    response = client.get("/catalog/programs/?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[0] == "Código" and len(header) == 17
    path = tmp_path / "export.xlsx"
    path.write_bytes(response.content)
    report = programs_import(pm, path)
    assert (report.created, report.updated, report.unchanged, report.errors) == (0, 0, 3, [])


def test_csv_export_puts_prerequisites_first_and_rebuilds_an_empty_catalog(catalog, pm, client, tmp_path):
    client.force_login(pm)
    text = b"".join(client.get("/catalog/programs/?export=csv").streaming_content).decode("utf-8")
    codes = [line.split(",")[0] for line in text.lstrip("\ufeff").splitlines()[1:]]
    assert codes.index("INV-BAS") < codes.index("INV-ADV")
    Program.objects.all().delete()
    report = programs_import(pm, write(tmp_path, "back.csv", text))
    assert (report.created, report.errors) == (3, [])
    advanced = Program.objects.get(code="INV-ADV")
    assert list(advanced.prerequisites.values_list("code", flat=True)) == ["INV-BAS"]
    assert set(advanced.threats.values_list("code", flat=True)) == {"FENTANYL", "FIREARMS"}
    assert (advanced.vetting_required, advanced.mission_critical, advanced.languages) == (True, True, ["en", "es"])


def test_cli_imports_programs(catalog, pm, tmp_path, capsys):
    from django.core.management import call_command

    pm.username = "admin"
    pm.save()
    call_command("import", "programs", str(write(tmp_path, "cli.csv", GOOD)), verbosity=0)
    assert Program.objects.filter(code__in=["FENT-SAFE", "CLANLAB"]).count() == 2

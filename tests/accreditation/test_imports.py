"""Framework files: the shipped samples, editions side by side, and every kind of bad file."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from puente.accounts.roles import Role
from puente.accreditation import actions
from puente.accreditation.imports import FrameworkInvalid, parse
from puente.accreditation.models import Chapter, Framework, Standard
from puente.core.models import AuditEntry

from tests.accreditation.fixtures import FRAMEWORKS, cycle, shipped

GOOD = """code: T-1
program_type: law_enforcement
edition: '1'
title: {en: Test, es: Prueba}
tiers: [{code: basic, en: Basic, es: Básico}, {code: advanced}]
chapters:
- number: '1'
  title: {en: One, es: Uno}
  standards:
  - {code: '1.1', title: {en: A, es: A}, text: {en: Do A, es: Haz A}, mandatory: true, frequency: annual}
  - {code: '1.2', title: {en: B, es: B}, text: {en: Do B, es: Haz B}, tiers: [advanced]}
"""
CSV = ("chapter,chapter_title_en,chapter_title_es,code,title_en,title_es,text_en,text_es,tiers,mandatory,proof_en,proof_es,frequency\n"
       "1,One,Uno,1.1,A,A,Do A,Haz A,basic|advanced,yes,Doc,Doc,annual\n"
       "1,One,Uno,1.2,B,B,Do B,Haz B,advanced,no,,,\n"
       "2,Two,Dos,2.1,C,C,Do C,Haz C,,no,,,cycle\n")
CSV_FIELDS = {"code": "CSV-1", "program_type": "training_academy", "edition": "2030", "title_en": "CSV", "title_es": "CSV",
              "tiers": ["basic", "advanced"]}


@pytest.mark.parametrize("name, count", [("law_enforcement_2016.yaml", 33), ("training_academy_2016.yaml", 26),
                                         ("communications_center_2016.yaml", 24), ("law_enforcement_2024.yaml", 34)])
def test_shipped_samples_import_with_both_languages(world, name, count):
    framework = shipped(world, name)
    standards = framework.standards.all()
    assert standards.count() == count
    assert all(s.title_en and s.title_es and s.text_en and s.text_es for s in standards)
    assert standards.filter(mandatory=True).exists() and standards.filter(frequency="annual").exists()
    assert AuditEntry.objects.filter(action="accreditation.framework.import", object_id=str(framework.pk)).exists()


def test_yaml_and_csv_parse_to_the_same_shape(world, pm):
    framework = actions.import_framework(pm, parse(GOOD.encode(), "good.yaml"))
    assert [s.tiers for s in framework.standards.all()] == [["basic", "advanced"], ["advanced"]]
    assert framework.standards.get(code="1.1").frequency == "annual"
    from_csv = actions.import_framework(pm, parse(CSV.encode(), "standards.csv", **CSV_FIELDS))
    assert from_csv.chapters.count() == 2 and from_csv.standards.count() == 3
    assert from_csv.standards.get(code="1.1").mandatory and from_csv.standards.get(code="2.1").tiers == ["basic", "advanced"]


@pytest.mark.parametrize("text, expected", [
    (GOOD.replace("code: '1.2'", "code: '1.1'"), "line 11, field code: duplicate code “1.1”, first used at bad.yaml, line 10"),
    (GOOD.replace("tiers: [advanced]", "tiers: [elite]"), "field tiers: unknown tier “elite”"),
    (GOOD.replace("title: {en: One, es: Uno}", "title: {en: One"), "bad.yaml: not valid YAML (line"),
    (GOOD.replace("law_enforcement", "fire"), "“fire” is not one of"),
    (GOOD.replace("text: {en: Do B, es: Haz B}", "text: {en: Do B}"), "line 11, field text.es: required"),
    ("- just\n- a list\n", "expected a mapping"),
])
def test_bad_yaml_is_refused_with_the_line_and_nothing_written(world, pm, text, expected):
    with pytest.raises(FrameworkInvalid) as caught:
        actions.import_framework(pm, parse(text.encode(), "bad.yaml"))
    assert any(expected in error for error in caught.value.errors), caught.value.errors
    assert not Framework.objects.exists() and not Chapter.objects.exists() and not Standard.objects.exists()


def test_bad_csv_rows_are_named(world):
    bad = CSV.replace("1,One,Uno,1.2,B,B,Do B,Haz B,advanced", "1,One,Uno,1.1,B,B,Do B,Haz B,gold")
    with pytest.raises(FrameworkInvalid) as caught:
        parse(bad.encode(), "standards.csv", **CSV_FIELDS)
    text = "\n".join(caught.value.errors)
    assert "standards.csv, row 3, field code: duplicate code “1.1”, first used at standards.csv, row 2" in text
    assert "standards.csv, row 3, field tiers: unknown tier “gold”" in text
    with pytest.raises(FrameworkInvalid, match="lacks the columns text_es"):
        parse(b"chapter,code,title_en,title_es,text_en\n1,1.1,A,A,B\n", "short.csv", **CSV_FIELDS)
    with pytest.raises(FrameworkInvalid, match="YAML .* or CSV"):
        parse(b"{}", "framework.json")


def test_a_new_edition_sits_beside_the_old_and_cycles_keep_theirs(world, pm):
    old = cycle(world, "own").framework
    new = shipped(world, "law_enforcement_2024.yaml")
    assert Framework.objects.filter(program_type="law_enforcement").count() == 2
    assert cycle(world, "own").framework == old and new.pk != old.pk
    with pytest.raises(ValidationError) as caught:
        actions.import_framework(pm, parse((FRAMEWORKS / "law_enforcement_2024.yaml").read_bytes(), "again.yaml"))
    assert set(caught.value.message_dict) == {"code", "edition"}
    assert Framework.objects.count() == 2


def test_only_program_managers_import(world):
    with pytest.raises(PermissionDenied):
        actions.import_framework(world.user(Role.AGENCY_COORDINATOR), parse(GOOD.encode(), "good.yaml"))


def test_import_page_lists_every_problem(client, world, pm):
    client.force_login(pm)
    bad = GOOD.replace("code: '1.2'", "code: '1.1'").replace("tiers: [advanced]", "tiers: [elite]")
    response = client.post(reverse("accreditation:framework_import"), {"file": SimpleUploadedFile("bad.yaml", bad.encode())})
    assert response.status_code == 400
    page = response.content.decode()
    assert "nothing was imported" in page and "duplicate code" in page and "unknown tier" in page
    response = client.post(reverse("accreditation:framework_import"), {"file": SimpleUploadedFile("good.yaml", GOOD.encode())})
    framework = Framework.objects.get(code="T-1")
    assert response.status_code == 302 and response["Location"] == framework.get_absolute_url()


def test_editions_compared_side_by_side(client, world, pm):
    client.force_login(pm)
    old, new = shipped(world), shipped(world, "law_enforcement_2024.yaml")
    page = client.get(reverse("accreditation:framework_compare"), {"a": old.pk, "b": new.pk}).content.decode()
    assert "De-escalation" in page and "Added" in page and "Removed" in page and "Changed" in page


def test_cli_import_framework(world, tmp_path, capsys):
    admin = world.user(None, username="admin")
    admin.is_superuser = True
    admin.save()
    call_command("accreditation", "import-framework", str(FRAMEWORKS / "communications_center_2016.yaml"))
    assert "24 standards" in capsys.readouterr().out
    broken = tmp_path / "bad.yaml"
    broken.write_text(GOOD.replace("code: '1.2'", "code: '1.1'"))
    with pytest.raises(CommandError, match="nothing imported:\n  bad.yaml, line 11, field code: duplicate code"):
        call_command("accreditation", "import-framework", str(broken))
    assert not Framework.objects.filter(code="T-1").exists()

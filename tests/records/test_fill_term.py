"""Filling a term at once: the solver's conflict-free choice within the agency's seats."""
import datetime

import pytest

from puente.capacity.models import Session
from puente.records import actions
from puente.records.models import Enrollment
from puente.registry.models import Person

from tests.capacity.fixtures import capacity


def test_fill_term_picks_the_best_conflict_free_set(world, coordinator):
    world.me = None
    cap = capacity(world)
    first = cap["session"]["own"]
    clash = Session.objects.create(program=cap["program"], site=cap["site"]["own"], start_date=first.start_date,
                                   end_date=first.end_date, seats=10, language="es")
    outcome = cap["outcome"]["own"]
    outcome.allocation = {str(first.pk): 1, str(clash.pk): 1}
    outcome.save()
    ana, beto = (Person.objects.create(agency=world.own, given_names=n, family_names="Prueba", national_id=f"T-{n}") for n in ("Ana", "Beto"))
    # Ana is worth most in both sessions, but can take only one: Beto must get the other.
    report = actions.fill_term(coordinator, world.own, 2025, [(ana, first, 10), (ana, clash, 9), (beto, first, 5), (beto, clash, 1)])
    got = {(e.person.given_names, e.session_id) for e in report["nominated"]}
    assert got in ({("Ana", first.pk), ("Beto", clash.pk)}, {("Ana", clash.pk), ("Beto", first.pk)})
    assert report["value"] == pytest.approx(max(10 + 1, 9 + 5))
    assert Enrollment.objects.filter(status=Enrollment.Status.WAITLISTED).count() == 2
    assert not Enrollment.objects.filter(person=ana, status=Enrollment.Status.NOMINATED).exclude(session__in=[first, clash]).exists()


def test_fill_term_reports_refusals(world, coordinator):
    world.me = None
    cap = capacity(world)
    retired = Person.objects.create(agency=world.own, given_names="Ex", family_names="Oficial", national_id="T-EX", status="inactive")
    report = actions.fill_term(coordinator, world.own, 2025, [(retired, cap["session"]["own"], 3)])
    assert report["nominated"] == [] and "is not active" in report["refused"][0][2][0]
    assert not Enrollment.objects.exists()
    assert datetime.date.today()  # the refusal writes nothing


def test_cli_fill_term_reports_bad_rows_then_nominates(world, pm, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    world.me = None
    cap = capacity(world)
    outcome = cap["outcome"]["own"]
    outcome.allocation = {str(cap["session"]["own"].pk): 1}
    outcome.save()
    pm.username = "admin"
    pm.save()
    path = tmp_path / "term.csv"
    path.write_text(f"national_id,session,value\n{world.own_person.national_id},{cap['session']['own'].pk},3\nNOPE,1,x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="term.csv, row 3, column national_id"):
        call_command("nominate", "--year", "2025", "--agency", world.own.code, "--candidates", str(path))
    path.write_text(f"national_id,session,value\n{world.own_person.national_id},{cap['session']['own'].pk},3\n", encoding="utf-8")
    call_command("nominate", "--year", "2025", "--agency", world.own.code, "--candidates", str(path))
    assert "1 nominated, 0 on waiting lists, 0 refused" in capsys.readouterr().out


def test_fill_term_page_reports_bad_rows_then_the_result(world, coordinator, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    world.me = None
    cap = capacity(world)
    outcome = cap["outcome"]["own"]
    outcome.allocation = {str(cap["session"]["own"].pk): 1}
    outcome.save()
    client.force_login(coordinator)
    bad = SimpleUploadedFile("term.csv", b"national_id,session,value\nNOPE,1,2\n")
    page = client.post("/records/fill-term/", {"fiscal_year": 2025, "agency": world.own.pk, "file": bad})
    assert page.status_code == 400 and "term.csv, row 2, column national_id" in page.content.decode()
    good = SimpleUploadedFile("term.csv", f"national_id,session,value\n{world.own_person.national_id},{cap['session']['own'].pk},2\n".encode())
    page = client.post("/records/fill-term/", {"fiscal_year": 2025, "agency": world.own.pk, "file": good})
    assert page.status_code == 200 and "1 nominated, 0 on waiting lists, 0 refused." in page.content.decode()

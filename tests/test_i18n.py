"""English and Spanish: a complete compiled catalog, the user's choice first, then the browser's."""
import shutil
import subprocess
from pathlib import Path

import pytest

import puente

CATALOG = Path(puente.__file__).parent / "locale" / "es" / "LC_MESSAGES"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (gettext) is not installed")
def test_spanish_catalog_is_complete_and_compiled():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOG / "django.po")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    mo = CATALOG / "django.mo"
    assert mo.exists() and mo.stat().st_mtime >= (CATALOG / "django.po").stat().st_mtime - 1, "compile the catalog"


def test_every_source_string_is_in_the_catalog(tmp_path):
    """makemessages finds nothing that the committed catalog lacks."""
    source = Path(puente.__file__).parent
    if shutil.which("xgettext") is None:
        pytest.skip("xgettext (gettext) is not installed")
    from django.core.management import call_command

    work = tmp_path / "puente"
    shutil.copytree(source, work, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    import os

    cwd = os.getcwd()
    os.chdir(work)
    try:
        call_command("makemessages", locale=["es"], no_location=True, no_obsolete=True, verbosity=0)
    finally:
        os.chdir(cwd)
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(work / "locale" / "es" / "LC_MESSAGES" / "django.po")],
        capture_output=True, text=True,
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, (
        "run `make messages` and translate: " + result.stderr
    )


def test_browser_language_then_user_preference(client, world, pm):
    client.force_login(pm)
    spanish = client.get("/agencies/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    page = spanish.content.decode()
    assert '<html lang="es">' in page and "Agencias" in page
    pm.language = "en"
    pm.save()
    english = client.get("/agencies/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9").content.decode()
    assert '<html lang="en">' in english and ">Agencies<" in english


def test_numbers_and_dates_are_localized(client, world, pm):
    from puente.registry.models import Person

    Person.objects.bulk_create(
        Person(agency=world.own, country=world.mx, given_names="P", family_names=f"{n:04d}", national_id=f"X{n}")
        for n in range(1200)
    )
    client.force_login(pm)
    es = client.get("/agencies/%d/" % world.own.pk, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    en = client.get("/agencies/%d/" % world.own.pk, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1201" not in es and ("1.201" in es or "1 201" in es or "1\xa0201" in es)
    assert "1,201" in en
    person = client.get(f"/people/{world.own_person.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "01/03/2015" in person
    person_en = client.get(f"/people/{world.own_person.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "03/01/2015" in person_en

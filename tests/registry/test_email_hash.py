"""Each person's xAPI mbox_sha1sum is stored with the address, whichever way the person is written."""
import hashlib

from puente.core.imports import run_import
from puente.registry.imports import PersonImporter
from puente.registry.models import Person


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def test_the_hash_follows_the_address_on_save_bulk_create_and_import(world, pm, tmp_path):
    person = world.own_person
    person.email = " Lucia.Ramirez@Nogales.gob.mx "
    person.save()
    assert Person.objects.get(pk=person.pk).email_sha1 == sha1("mailto:lucia.ramirez@nogales.gob.mx")
    person.email = "lramirez@nogales.gob.mx"
    person.save(update_fields=["email"])
    assert Person.objects.get(pk=person.pk).email_sha1 == sha1("mailto:lramirez@nogales.gob.mx")
    person.email = ""
    person.save()
    assert Person.objects.get(pk=person.pk).email_sha1 == ""

    Person.objects.bulk_create([Person(agency=world.own, country=world.mx, given_names="Ana", family_names="Bulk",
                                       national_id="BULK01", email="ana@example.org")])
    assert Person.objects.get(national_id="BULK01").email_sha1 == sha1("mailto:ana@example.org")

    header = "agency,national_id,given_names,family_names,email\n"
    path = tmp_path / "people.csv"
    path.write_text(header + "MX-SON-NOG-POL,CUIP0001,José,Núñez,jose@example.org\n")
    run_import(PersonImporter(pm), path, path.name)
    assert Person.objects.get(national_id="CUIP0001").email_sha1 == sha1("mailto:jose@example.org")
    path.write_text(header + "MX-SON-NOG-POL,CUIP0001,José,Núñez,jose.nunez@example.org\n")
    assert run_import(PersonImporter(pm), path, path.name).updated == 1
    assert Person.objects.get(national_id="CUIP0001").email_sha1 == sha1("mailto:jose.nunez@example.org")

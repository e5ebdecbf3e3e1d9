from django.db import migrations

import puente.registry.models
from puente.registry.models import mbox_sha1sum

BATCH = 5000


def hash_stored_addresses(apps, schema_editor):
    """People stored before the column get their hash now; saves keep it from here on.

    One prepared UPDATE a person: bulk_update's CASE over thousands of ids grows with the
    square of the batch, and the full demo has some 590,000 people.
    """
    Person = apps.get_model("registry", "Person")
    quote = schema_editor.connection.ops.quote_name
    statement = "UPDATE %s SET %s = %%s WHERE %s = %%s" % (quote(Person._meta.db_table), quote("email_sha1"), quote("id"))
    with_email = Person.objects.exclude(email="").order_by("pk").values_list("pk", "email")
    last = 0
    with schema_editor.connection.cursor() as cursor:
        # A fresh read per batch, after the last id done: no read stays open while rows change.
        while batch := list(with_email.filter(pk__gt=last)[:BATCH]):
            cursor.executemany(statement, [(mbox_sha1sum(email), pk) for pk, email in batch])
            last = batch[-1][0]


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0003_person_lookup_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="email_sha1",
            field=puente.registry.models.MboxSha1sumField(db_index=True, verbose_name="hashed e-mail"),
        ),
        migrations.RunPython(hash_stored_addresses, migrations.RunPython.noop),
    ]

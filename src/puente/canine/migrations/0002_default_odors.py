"""The odors detector-dog programs certify today; programs add new ones as data."""
from django.db import migrations


def add_odors(apps, schema_editor):
    from puente.canine.defaults import load_odors

    load_odors(apps.get_model("canine", "Odor"))


class Migration(migrations.Migration):
    dependencies = [("canine", "0001_initial")]

    operations = [migrations.RunPython(add_odors, migrations.RunPython.noop)]

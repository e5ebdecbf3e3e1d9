"""The measures every unit reports."""
from django.db import migrations


def add(apps, schema_editor):
    from puente.impact.measures import ensure_measures

    ensure_measures(apps.get_model("impact", "Measure"))


class Migration(migrations.Migration):
    dependencies = [("impact", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]

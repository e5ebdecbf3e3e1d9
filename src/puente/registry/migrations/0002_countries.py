from django.db import migrations


def add_countries(apps, schema_editor):
    Country = apps.get_model("registry", "Country")
    Country.objects.update_or_create(code="US", defaults={"name_en": "United States", "name_es": "Estados Unidos"})
    Country.objects.update_or_create(code="MX", defaults={"name_en": "Mexico", "name_es": "México"})


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(add_countries, migrations.RunPython.noop)]

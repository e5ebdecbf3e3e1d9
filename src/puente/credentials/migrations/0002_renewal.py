from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("credentials", "0001_initial"),
        ("registry", "0002_countries"),
    ]

    operations = [
        migrations.CreateModel(
            name="Renewal",
            fields=[],
            options={"verbose_name": "renewal", "verbose_name_plural": "renewals", "proxy": True, "indexes": [], "constraints": []},
            bases=("registry.person",),
        ),
    ]

"""Registry demo data (minimal placeholder, replaced by the full binational generator)."""
from puente.registry.models import Agency, Country, Jurisdiction, Person


def build(ctx):
    us, _ = Country.objects.update_or_create(code="US", defaults={"name_en": "United States", "name_es": "Estados Unidos"})
    mx, _ = Country.objects.update_or_create(code="MX", defaults={"name_en": "Mexico", "name_es": "México"})
    bc = Jurisdiction.objects.create(country=mx, kind="state", name="Baja California", code="02", border_region=True)
    tij = Jurisdiction.objects.create(country=mx, kind="municipality", name="Tijuana", code="02004", parent=bc, border_region=True)
    az = Jurisdiction.objects.create(country=us, kind="state", name="Arizona", code="04", border_region=True)
    police = Agency.objects.create(code="MX-BC-TIJ-SSPCM", name="Secretaría de Seguridad y Protección Ciudadana Municipal de Tijuana", acronym="SSPCM", country=mx, jurisdiction=tij, level="municipal", kind="police", border_region=True)
    academy = Agency.objects.create(code="MX-BC-ACAD", name="Academia de Seguridad Pública de Baja California", acronym="ASPBC", country=mx, jurisdiction=bc, level="state", kind="training_academy", border_region=True)
    cbp = Agency.objects.create(code="US-CBP", name="U.S. Customs and Border Protection", acronym="CBP", country=us, level="federal", kind="customs", border_region=True)
    Agency.objects.create(code="US-AZ-DPS", name="Arizona Department of Public Safety", acronym="AZDPS", country=us, jurisdiction=az, level="state", kind="police", border_region=True)
    people = [
        Person(agency=police, country=mx, given_names=f"Oficial {i}", family_names="Pérez", national_id=f"CUIP{i:016d}", rank="Policía")
        for i in range(ctx.scaled(5000, 10))
    ] + [
        Person(agency=cbp, country=us, given_names=f"Officer {i}", family_names="Smith", national_id=f"CBP{i:07d}", rank="CBP Officer")
        for i in range(ctx.scaled(2000, 5))
    ]
    Person.objects.bulk_create(people, batch_size=2000)
    ctx.data["demo_agencies"] = {"coordinator": police, "registrar": academy}
    ctx.data["demo_officer"] = Person.objects.filter(agency=police).first()
    ctx.counts.update(jurisdictions=3, agencies=4, people=len(people))
    ctx.progress(100, "registry")

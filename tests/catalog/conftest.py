"""A small catalog on top of the shared world: two domains, three threats, a prerequisite chain."""
from decimal import Decimal

import pytest

from puente.catalog.models import Domain, Program, ThreatTag


class Catalog:
    def __init__(self):
        self.tactical = Domain.objects.create(code="TACTICAL", name_en="Tactical operations", name_es="Operaciones tácticas")
        self.investigations = Domain.objects.create(code="INVESTIGATIONS", name_en="Criminal investigations", name_es="Investigación criminal")
        self.fentanyl = ThreatTag.objects.create(code="FENTANYL", name_en="Fentanyl and precursors", name_es="Fentanilo y precursores", weight=Decimal("5"))
        self.firearms = ThreatTag.objects.create(code="FIREARMS", name_en="Firearms trafficking", name_es="Tráfico de armas", weight=Decimal("4"))
        self.wildlife = ThreatTag.objects.create(code="WILDLIFE", name_en="Wildlife trafficking", name_es="Tráfico de vida silvestre", weight=Decimal("2"))
        self.basic = Program.objects.create(
            code="INV-BAS", title_en="Basic Criminal Investigation", title_es="Investigación criminal básica",
            domain=self.investigations, hours=Decimal("120"), languages=["es"], min_class_size=24, max_class_size=48,
        )
        self.advanced = Program.objects.create(
            code="INV-ADV", title_en="Advanced Investigations", title_es="Investigación avanzada",
            description_en="Complex cross-border cases.", description_es="Casos complejos y transfronterizos.",
            domain=self.investigations, hours=Decimal("80"), mission_critical=True, languages=["en", "es"],
            vetting_required=True, min_class_size=16, max_class_size=24,
        )
        self.advanced.threats.set([self.fentanyl, self.firearms])
        self.advanced.prerequisites.set([self.basic])
        self.tactical_medicine = Program.objects.create(
            code="TAC-MED", title_en="Tactical Medicine", title_es="Medicina táctica", domain=self.tactical,
            hours=Decimal("40"), mission_critical=True, delivery_mode=Program.DeliveryMode.BLENDED, languages=["en"],
        )
        # As the views and the API get them: decimals at their stored places (80.0, 5.00).
        for obj in (self.fentanyl, self.firearms, self.wildlife, self.basic, self.advanced, self.tactical_medicine):
            obj.refresh_from_db()


@pytest.fixture
def catalog(world):
    return Catalog()

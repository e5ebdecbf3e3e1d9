"""The catalog demo part: a realistic, valid, deterministic binational catalog."""
from decimal import Decimal

import pytest

from puente.catalog.actions import prerequisite_graph
from puente.catalog.models import Domain, Program, ThreatTag
from puente.catalog.prerequisites import cycle_through
from puente.demo import catalog as demo_catalog
from puente.demo.builder import PARTS, DemoContext


def build(seed=7):
    ctx = DemoContext(seed=seed, scale=0.002)
    demo_catalog.build(ctx)
    return ctx


def snapshot():
    return [
        (p.code, p.title_en, p.title_es, p.domain.code, str(p.hours), p.languages, p.status,
         sorted(p.threats.values_list("code", flat=True)), sorted(p.prerequisites.values_list("code", flat=True)))
        for p in Program.objects.select_related("domain").order_by("code")
    ]


@pytest.fixture
def ctx(db):
    return build()


def test_every_program_is_valid_and_bilingual(ctx):
    programs = list(Program.objects.all())
    assert 60 <= len(programs) <= 85
    assert ctx.counts["programs"] == len(programs) and set(ctx.data["programs"]) == {p.code for p in programs}
    for program in programs:
        program.full_clean()
        assert program.title_en != program.title_es and program.description_en and program.description_es, program.code
        assert Decimal(4) <= program.hours <= Decimal(480), program.code
    for graph_start in prerequisite_graph():
        assert cycle_through(prerequisite_graph(), graph_start) is None


def test_the_programs_later_parts_use(ctx):
    critical = set(Program.objects.filter(mission_critical=True).values_list("code", flat=True))
    assert critical == set(demo_catalog.MISSION_CRITICAL)
    titles = {code: Program.objects.get(code=code).title_en for code in critical}
    assert any("Tactical Medical" in t for t in titles.values()) and any("Active Shooter" in t for t in titles.values())
    advanced = Program.objects.get(code="FLETC-AIP")
    assert "Basic Criminal Investigation" in [p.title_en for p in advanced.prerequisites.all()]
    for code in demo_catalog.ANAM_MODULES:
        assert Program.objects.filter(code=code, status="active").exists(), code
    assert Program.objects.get(code="ANAM-CITES").threats.filter(code="WILDLIFE").exists()
    assert Program.objects.filter(vetting_required=True, code__startswith="JOINT-").count() >= 3
    assert {p.delivery_mode for p in Program.objects.all()} == {"in_person", "e_learning", "blended"}
    assert Program.objects.filter(status="retired").exists()


def test_threat_weights_and_domains(ctx):
    weights = dict(ThreatTag.objects.values_list("code", "weight"))
    assert weights["FENTANYL"] == 5 and weights["HUMAN-TRAFFICKING"] == Decimal("4.5")
    assert weights["FIREARMS-TRAFFICKING"] == 4 and weights["SYNTHETIC-DRUGS"] == 4
    assert weights["MIGRANT-SMUGGLING"] == 3 and weights["BULK-CASH"] == Decimal("2.5") and weights["WILDLIFE"] == 2
    assert ThreatTag.objects.order_by("-weight", "code").first().code == "FENTANYL"
    assert Domain.objects.count() >= 10 and not Domain.objects.filter(programs__isnull=True).exists()
    for obj in [*Domain.objects.all(), *ThreatTag.objects.all()]:
        obj.full_clean()


def test_the_same_catalog_at_every_seed(db):
    build(seed=1)
    first = snapshot()
    Program.objects.all().delete()
    Domain.objects.all().delete()
    ThreatTag.objects.all().delete()
    build(seed=99)
    assert snapshot() == first


def test_the_demo_builds_the_catalog():
    assert "puente.demo.catalog" in [name for name, _weight in PARTS]

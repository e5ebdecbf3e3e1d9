"""The registry demo data: realistic, complete, deterministic, and what later demo parts expect."""
import re
from collections import Counter

import pytest
from django.db.models import Count

from puente.demo import builder, registry
from puente.demo.builder import DemoContext
from puente.registry.models import Agency, Country, Jurisdiction, Person

TINY = 0.002
BORDER_STATES = {
    "US": {"06": "California", "04": "Arizona", "35": "New Mexico", "48": "Texas"},
    "MX": {
        "02": "Baja California", "26": "Sonora", "08": "Chihuahua", "05": "Coahuila",
        "19": "Nuevo León", "28": "Tamaulipas",
    },
}
CUIP = re.compile(r"^[A-Z]{4}\d{6}[HM][A-Z]{2}\d{6}$")
US_ID = re.compile(r"^[A-Z0-9][A-Z0-9-]*-\d{7}$")


def build_registry(seed=7, scale=TINY, progress=None) -> DemoContext:
    ctx = DemoContext(seed=seed, scale=scale, progress=progress or (lambda percent, message="": None))
    registry.build(ctx)
    return ctx


def clear_registry():
    Person.objects.all().delete()
    Agency.objects.all().delete()
    while Jurisdiction.objects.exists():  # parents are protected: remove leaves first
        Jurisdiction.objects.filter(children__isnull=True).delete()


def roster():
    return list(Person.objects.order_by("country_id", "national_id").values_list("given_names", "family_names", "national_id"))


@pytest.fixture
def ctx(db):
    return build_registry()


def test_countries_and_border_states(ctx):
    assert Country.objects.get(code="US").name_es == "Estados Unidos"
    assert Country.objects.get(code="MX").name_es == "México"
    for country, states in BORDER_STATES.items():
        for code, name in states.items():
            state = Jurisdiction.objects.get(country=country, kind=Jurisdiction.Kind.STATE, code=code)
            assert state.name == name
            assert state.border_region
    assert Jurisdiction.objects.filter(country="MX", kind=Jurisdiction.Kind.STATE).count() == 32
    assert not Jurisdiction.objects.get(country="US", kind=Jurisdiction.Kind.STATE, code="13").border_region  # Georgia


def test_jurisdictions_are_nested_and_coded(ctx):
    tijuana = Jurisdiction.objects.get(country="MX", code="02004")
    assert (tijuana.name, tijuana.kind, tijuana.parent.code) == ("Tijuana", Jurisdiction.Kind.MUNICIPALITY, "02")
    san_diego = Jurisdiction.objects.get(country="US", code="06073")
    assert (san_diego.name, san_diego.kind, san_diego.state.name) == ("San Diego County", "county", "California")
    for place in Jurisdiction.objects.exclude(kind=Jurisdiction.Kind.STATE).select_related("parent"):
        assert place.parent is not None and place.parent.country_id == place.country_id
        assert place.state is not None
        assert place.code.startswith(place.state.code) or place.kind == Jurisdiction.Kind.TRIBAL_NATION
    tribes = Jurisdiction.objects.filter(kind=Jurisdiction.Kind.TRIBAL_NATION)
    assert {"Tohono O'odham Nation", "Pascua Yaqui Tribe", "Ysleta del Sur Pueblo"} <= set(tribes.values_list("name", flat=True))
    assert all(tribe.parent.kind == Jurisdiction.Kind.STATE for tribe in tribes)
    assert not Jurisdiction.objects.filter(country="US", kind=Jurisdiction.Kind.COUNTY, border_region=False).exists()
    assert Agency.objects.get(code="MX-CHIH-OJI-DSPM").remote
    assert not Agency.objects.get(code="MX-BC-TIJ-SSPCM").remote


def test_every_agency_is_valid(ctx):
    agencies = list(Agency.objects.select_related("jurisdiction"))
    assert len(agencies) == ctx.counts["agencies"] > 250
    for agency in agencies:
        agency.full_clean()
        if agency.level == Agency.Level.FEDERAL:
            assert agency.jurisdiction is None
        else:
            assert agency.jurisdiction.country_id == agency.country_id


def test_every_level_and_kind_is_represented(ctx):
    assert set(Agency.objects.values_list("level", flat=True)) == set(Agency.Level.values)
    assert set(Agency.objects.values_list("kind", flat=True)) == set(Agency.Kind.values)
    for country in ("US", "MX"):
        levels = set(Agency.objects.filter(country=country).values_list("level", flat=True))
        assert {"federal", "state", "municipal"} <= levels


def test_well_known_agencies(ctx):
    expected = {
        "US-CBP": ("US", "federal", "customs", True),
        "US-USBP": ("US", "federal", "border_patrol", True),
        "US-FLETC": ("US", "federal", "training_academy", False),
        "MX-GN": ("MX", "federal", "national_guard", True),
        "MX-ANAM": ("MX", "federal", "customs", True),
        "MX-SON-SSP": ("MX", "state", "police", True),
        "US-AZ-PIMA-SO": ("US", "municipal", "police", True),
        "US-AZ-TON-PD": ("US", "tribal", "police", True),
    }
    for code, (country, level, kind, border) in expected.items():
        agency = Agency.objects.get(code=code)
        assert (agency.country_id, agency.level, agency.kind, agency.border_region) == (country, level, kind, border), code
    # Every Mexican state has its police, academy and C4/C5 centre.
    for kind in (Agency.Kind.POLICE, Agency.Kind.TRAINING_ACADEMY, Agency.Kind.COMMUNICATIONS_CENTER):
        states = Agency.objects.filter(country="MX", level="state", kind=kind).values("jurisdiction").distinct()
        assert states.count() == 32, kind
    assert not Agency.objects.filter(name__icontains="Instituto Nacional de Migración").exists()


@pytest.mark.parametrize("scale", [TINY, 0.01])
def test_mexican_force_split_by_level(db, scale):
    ctx = build_registry(scale=scale)
    counts = dict(
        Person.objects.filter(country="MX").values_list("agency__level").annotate(n=Count("id")).values_list("agency__level", "n")
    )
    expected = {
        "federal": ctx.scaled(164_041), "state": ctx.scaled(171_821), "municipal": ctx.scaled(180_000),
    }
    assert counts == expected
    assert ctx.data["people_by_level"] == expected
    # The proportions of the CUP figures survive rounding.
    total = sum(counts.values())
    assert abs(counts["federal"] / total - 164_041 / 515_862) < 0.001


def test_full_scale_mexican_total_is_exact():
    ctx = DemoContext(seed=1, scale=1.0)
    totals = [ctx.scaled(size) for size in registry.MX_OFFICERS_BY_LEVEL.values()]
    assert totals == [164_041, 171_821, 180_000] and sum(totals) == 515_862


def test_people_are_spread_plausibly(ctx):
    per_agency = dict(Agency.objects.annotate(n=Count("people")).values_list("code", "n"))
    assert min(per_agency.values()) >= 3
    assert per_agency["MX-GN"] == max(v for k, v in per_agency.items() if k.startswith("MX-"))
    assert per_agency["MX-GN"] > ctx.data["people_by_level"]["federal"] / 2
    assert per_agency["US-CBP"] > per_agency["US-USBP"] > per_agency["US-HSI"]
    assert per_agency["US-CBP"] == ctx.scaled(25_000)
    assert ctx.data["people_by_agency"] == {
        agency.pk: per_agency[agency.code] for agency in ctx.data["agencies"]
    }


def test_people_fields(ctx):
    people = list(Person.objects.select_related("agency"))
    assert len(people) == ctx.counts["people"]
    for person in people:
        assert person.country_id == person.agency.country_id
        assert person.given_names and person.family_names and person.rank
        assert 1990 <= person.hire_date.year <= 2024
        if person.country_id == "MX":
            assert len(person.family_names.split()) >= 2
            assert CUIP.match(person.national_id), person.national_id
        else:
            assert US_ID.match(person.national_id), person.national_id
            assert person.national_id.startswith(person.agency.code.removeprefix("US-") + "-")
    statuses = Counter(person.status for person in people)
    assert set(statuses) == set(Person.Status.values)
    assert 0.85 < statuses["active"] / len(people) < 0.97
    ranks = {person.rank for person in people}
    assert {"Policía", "Guardia", "CBP Officer", "Border Patrol Agent", "Deputy Sheriff"} <= ranks
    assert Person.objects.get(pk=ctx.data["demo_officer"].pk).agency.code == "MX-BC-TIJ-SSPCM"


def test_national_ids_unique_per_country(ctx):
    for country in ("US", "MX"):
        ids = list(Person.objects.filter(country=country).values_list("national_id", flat=True))
        assert len(ids) == len(set(ids)) > 0
        assert "" not in ids


def test_same_seed_same_data_other_seed_other_data(db):
    first = build_registry(seed=11)
    first_roster = roster()
    clear_registry()
    second = build_registry(seed=11)
    assert roster() == first_roster
    assert first.counts == second.counts
    clear_registry()
    build_registry(seed=12)
    other = roster()
    assert len(other) == len(first_roster)
    assert other != first_roster


def test_context_contract(ctx):
    agencies = ctx.data["demo_agencies"]
    coordinator, registrar = agencies["coordinator"], agencies["registrar"]
    assert isinstance(coordinator, Agency) and isinstance(registrar, Agency)
    assert coordinator.code == "MX-BC-TIJ-SSPCM"
    assert coordinator.jurisdiction.name == "Tijuana" and coordinator.jurisdiction.code == "02004"
    assert (coordinator.level, coordinator.kind) == ("municipal", "police")
    assert coordinator.people.count() >= 3
    assert registrar.kind == Agency.Kind.TRAINING_ACADEMY and registrar.level == Agency.Level.STATE
    assert registrar.country_id == "MX" and registrar.jurisdiction.name == "Baja California"
    assert registrar.people.count() >= 3

    officer = ctx.data["demo_officer"]
    assert isinstance(officer, Person) and officer.pk
    assert officer.agency_id == coordinator.pk and officer.status == Person.Status.ACTIVE

    assert isinstance(ctx.data["agencies"], list)
    assert all(isinstance(agency, Agency) and agency.pk for agency in ctx.data["agencies"])
    assert len(ctx.data["agencies"]) == Agency.objects.count()
    assert set(ctx.data["people_by_level"]) == {"federal", "state", "municipal"}
    assert all(isinstance(value, int) for value in ctx.data["people_by_level"].values())
    assert ctx.counts == {
        "jurisdictions": Jurisdiction.objects.count(),
        "agencies": Agency.objects.count(),
        "people": Person.objects.count(),
    }


def test_progress_is_reported_often_and_in_order(db):
    reports = []
    build_registry(progress=lambda percent, message="": reports.append(percent))
    assert reports == sorted(reports)
    assert reports[0] == 0 and reports[-1] == 100
    steps = [later - earlier for earlier, later in zip(reports, reports[1:])]
    assert max(steps) <= 5


def test_full_builder_uses_the_registry(db):
    ctx = DemoContext(seed=7, scale=TINY)
    counts = builder.build(ctx)
    assert counts["people"] == Person.objects.count()
    officer = ctx.data["demo_officer"]
    assert officer.account.username == "officer"


def test_apportion_keeps_total_and_minimum():
    assert registry.apportion(100, [1, 1, 1, 1]) == [25, 25, 25, 25]
    parts = registry.apportion(1000, [0.8, 0.15, 0.04, 0.01])
    assert sum(parts) == 1000 and min(parts) >= 3 and parts[0] > parts[1] > parts[2] > parts[3]
    assert registry.apportion(10, [5, 1, 1]) == [4, 3, 3]
    # Too few to give everyone three: the total still holds, the floor drops.
    tight = registry.apportion(5, [1, 1, 1])
    assert sum(tight) == 5 and min(tight) >= 1

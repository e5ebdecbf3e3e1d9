"""Certification coverage in the metrics registry: the credentials coverage count, grouped,
on the reference day, scoped to the reader."""
import datetime

import pytest

from puente.accounts.roles import Role
from puente.catalog.models import Domain, Program
from puente.credentials import coverage as coverage_count
from puente.credentials.indicators import coverage
from puente.credentials.models import Component, CredentialType
from puente.metrics import registry
from puente.metrics.registry import Scope
from puente.registry.models import Agency
from tests.metrics.fixtures import people, records, vet

MARCH = datetime.date(2024, 3, 31)


@pytest.fixture
def cup(world):
    """The CUP as two components (a trust check, the initial training). Nogales (municipal):
    3 holders of 5 officers; Sonora's state police: 2 of 2 in March, 1 of 2 from July."""
    domain = Domain.objects.create(code="LEGAL", name_en="Law", name_es="Derecho")
    initial = Program.objects.create(code="FI", title_en="Initial", title_es="Inicial", domain=domain, hours=480)
    kind = CredentialType.objects.create(code="MX-CUP", name_en="Single Police Certificate", name_es="Certificado Único Policial",
                                         country=world.mx, validity_months=36, renewal_window_months=6)
    Component.objects.create(credential_type=kind, kind=Component.Kind.VETTING, vetting_kind="trust")
    Component.objects.create(credential_type=kind, kind=Component.Kind.PROGRAM, program=initial, position=1)
    state = Agency.objects.create(code="MX-SON-PE", name="Policía Estatal de Sonora", country=world.mx, jurisdiction=world.sonora,
                                  level="state", kind="police")
    municipal, troopers = people(world.own, 4, "NOG"), people(state, 2, "PES")
    records(municipal + troopers, initial, 2023)
    vet(municipal[:3] + troopers[:1], datetime.date(2023, 1, 1), datetime.date(2026, 1, 1))
    vet(troopers[1:], datetime.date(2021, 7, 1), datetime.date(2024, 6, 30))
    world.state_police = state
    return kind


def test_the_formula_is_holders_over_officers():
    assert coverage({"holders": 3, "people": 4}).value == 0.75
    assert coverage({"holders": 0, "people": 0}).value is None


def test_coverage_by_level_on_the_chosen_day_and_at_the_end_of_the_year(world, cup, pm):
    march = registry.evaluate("certification_coverage", Scope(pm, on=MARCH), 2024, ("level",))
    assert {row.key: row.parts for row in march.rows} == {("municipal",): {"people": 5, "holders": 3}, ("state",): {"people": 2, "holders": 2}}
    assert march.total.value.value == pytest.approx(5 / 7)
    december = registry.evaluate("certification_coverage", Scope(pm), 2024, ("level",))
    assert {row.key: row.parts["holders"] for row in december.rows} == {("municipal",): 3, ("state",): 1}
    # A chosen day holds in its own year only; the others read on 31 December.
    assert Scope(on=MARCH).day(2024) == MARCH and Scope(on=MARCH).day(2023) == datetime.date(2023, 12, 31)


def test_the_registry_count_is_the_coverage_count(world, cup, pm):
    for day in (MARCH, datetime.date(2024, 12, 31)):
        count = coverage_count.compute(cup, day)
        result = registry.evaluate("certification_coverage", Scope(pm, on=day), 2024, ("agency",))
        assert result.total.parts == {"people": count.total.total, "holders": count.total.covered}
        assert {row.key[0]: (row.parts["people"], row.parts["holders"]) for row in result.rows} == count.by_agency


def test_state_drill_down_and_credential_filter(world, cup, pm):
    sonora = registry.evaluate("certification_coverage", Scope(pm, {"state": world.sonora.pk}, on=MARCH), 2024, ("agency",))
    assert {row.key for row in sonora.rows} == {(world.own.pk,), (world.state_police.pk,)}
    other = registry.evaluate("certification_coverage", Scope(pm, {"credential": "NOPE"}), 2024)
    assert other.total.parts == {"holders": 0, "people": 0} and other.total.value.value is None


def test_a_coordinator_counts_their_agency_and_a_program_manager_everyone(world, cup, pm):
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    mine = registry.evaluate("certification_coverage", Scope(coordinator, on=MARCH), 2024, ("agency",))
    assert [(row.key, row.parts) for row in mine.rows] == [((world.own.pk,), {"people": 5, "holders": 3})]
    assert registry.evaluate("certification_coverage", Scope(pm, on=MARCH), 2024).total.parts == {"people": 7, "holders": 5}
    assert registry.evaluate("certification_coverage", Scope(world.user(None), on=MARCH), 2024).total.parts == {"people": 0, "holders": 0}

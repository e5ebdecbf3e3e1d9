"""The registry over the database: grouped inputs, filters, drill-down and scoping per role."""
import datetime

import pytest

from puente.accounts.roles import Role
from puente.metrics import registry, sources
from puente.metrics.registry import Scope
from tests.capacity.fixtures import capacity

from .fixtures import trained_world


@pytest.fixture
def data(world):
    world.me = None
    capacity(world)
    return trained_world(world)


def test_people_trained_counts_distinct_people_per_year(world, data, pm):
    result = registry.evaluate("people_trained", Scope(pm), 2023, ("agency",))
    assert result.total.value.value == 12  # two people with two records count once
    result = registry.evaluate("people_trained", Scope(pm), 2024, ("country",))
    assert result.total.parts == {"people": 45}
    assert {row.key: row.parts["people"] for row in result.rows} == {("US",): 30, ("MX",): 15}
    assert [row.key for row in result.rows] == [("US",), ("MX",)]  # largest first


def test_growth_reads_both_years_in_one_cell(world, data, pm):
    total = registry.evaluate("trained_growth", Scope(pm, {"agency": world.own.pk}), 2024).total
    assert total.parts == {"people": 15, "previous": 12} and total.value.value == pytest.approx(0.25)


def test_hours_per_officer_counts_completed_hours_over_active_officers(world, data, pm):
    rows = {row.key: row for row in registry.evaluate("hours_per_officer", Scope(pm), 2024, ("agency",)).rows}
    own = rows[(world.own.pk,)]
    assert own.parts == {"hours": 150.0, "officers": 16}  # the World's own person counts too
    assert rows[(world.other.pk,)].value.value == pytest.approx(1200 / 31)


def test_vetting_currency_on_the_last_day_of_the_year(world, data, pm):
    by_agency = {row.key: row.parts for row in registry.evaluate("vetting_currency", Scope(pm), 2024, ("agency",)).rows}
    assert by_agency[(world.own.pk,)] == {"officers": 16, "vetted": 6}
    assert by_agency[(world.other.pk,)] == {"officers": 31, "vetted": 0}
    assert registry.evaluate("vetting_currency", Scope(pm, {"agency": world.own.pk}), 2022).total.parts == {"officers": 16, "vetted": 8}


def test_vetting_currency_on_the_day_chosen(world, data, pm):
    own = {"agency": world.own.pk}
    # Two checks lapse after 1 January 2023: still valid that day, not on 31 December.
    assert registry.evaluate("vetting_currency", Scope(pm, own, on=datetime.date(2023, 1, 1)), 2023).total.parts["vetted"] == 8
    assert registry.evaluate("vetting_currency", Scope(pm, own), 2023).total.parts["vetted"] == 6
    # A day chosen in another year leaves this year's reading on 31 December.
    assert registry.evaluate("vetting_currency", Scope(pm, own, on=datetime.date(2024, 1, 1)), 2023).total.parts["vetted"] == 6


def test_drill_down_country_level_state_agency(world, data, pm):
    scope = Scope(pm, {"country": "MX", "level": "municipal"})
    result = registry.evaluate("people_trained", scope, 2024, ("state",))
    assert [(row.key, row.parts["people"]) for row in result.rows] == [((world.sonora.pk,), 15)]
    assert sources.names("state", [world.sonora.pk]) == {world.sonora.pk: "Sonora"}
    narrowed = registry.evaluate("people_trained", Scope(pm, {"state": world.sonora.pk}), 2024, ("agency",))
    assert [row.key for row in narrowed.rows] == [(world.own.pk,)]
    # Arizona DPS is a state agency: its jurisdiction is the state itself.
    assert registry.evaluate("people_trained", Scope(pm, {"state": world.arizona.pk}), 2024).total.parts == {"people": 30}


def test_program_and_domain_filters_apply_only_where_the_indicator_allows(world, data, pm):
    assert registry.evaluate("people_trained", Scope(pm, {"program": "GENDER"}), 2024).total.parts == {"people": 30}
    assert registry.evaluate("people_trained", Scope(pm, {"domain": "CUSTOMS"}), 2024).total.parts == {"people": 45}
    # Vetting is not about programs: a program filter does not narrow it.
    assert registry.evaluate("vetting_currency", Scope(pm, {"program": "GENDER"}), 2024).total.parts["officers"] == 47
    with pytest.raises(ValueError, match="cannot be broken down"):
        registry.evaluate("vetting_currency", Scope(pm), 2024, ("program",))
    with pytest.raises(ValueError, match="unknown indicator"):
        registry.evaluate("nope", Scope(pm), 2024)


def test_allocation_indicators_share_the_published_run(world, data, pm):
    assert registry.evaluate("service_rate", Scope(pm), 2025).total.parts == {"requested": 10, "filled": 2}
    assert registry.evaluate("unmet_demand", Scope(pm), 2025, ("program",)).rows[0].value.value == 8
    assert registry.evaluate("service_rate", Scope(pm), 2031).total.parts == {"requested": None, "filled": None}
    assert registry.years("service_rate", Scope(pm)) == [2025]
    assert registry.years("people_trained", Scope(pm)) == [2023, 2024]


@pytest.mark.parametrize("code", ["people_trained", "service_rate", "hours_per_officer", "vetting_currency"])
def test_a_coordinator_counts_only_their_agency(world, data, code):
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    year = 2025 if code == "service_rate" else 2024
    result = registry.evaluate(code, Scope(coordinator), year, ("agency",))
    assert [row.key for row in result.rows] == [(world.own.pk,)]
    everything = registry.evaluate(code, Scope(world.user(Role.AUDITOR)), year, ("agency",))
    assert {row.key for row in everything.rows} == {(world.own.pk,), (world.other.pk,)}


def test_someone_without_a_grant_counts_nothing(world, data):
    nobody = world.user(None)
    assert registry.evaluate("people_trained", Scope(nobody), 2024).total.parts == {"people": 0}


def test_an_app_contributes_indicators_through_its_indicators_module(world):
    import sys
    import types

    from django.apps import apps

    from puente.metrics.indicators import Indicator, formulas

    config = apps.get_app_config("catalog")
    module = types.ModuleType("puente.catalog.indicators")
    extra = Indicator("programs_offered", {"en": "Programs", "es": "Programas"}, {"en": "", "es": ""}, "count", ("people",), formulas.people)
    module.INDICATORS = [registry.Source(extra, lambda scope, year, by: {(): {"people": 3}}, lambda scope: [2024])]
    sys.modules[module.__name__] = module
    registry.sources.cache_clear()
    try:
        assert config.name == "puente.catalog"
        assert registry.evaluate("programs_offered", Scope(public=True), 2024).total.value.value == 3
        module.INDICATORS.append(registry.Source(extra, module.INDICATORS[0].inputs, module.INDICATORS[0].years))
        registry.sources.cache_clear()
        with pytest.raises(ValueError, match="defined twice"):
            registry.sources()
    finally:
        del sys.modules[module.__name__]
        registry.sources.cache_clear()

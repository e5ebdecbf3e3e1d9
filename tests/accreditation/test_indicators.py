"""The accreditation pipeline in the metrics registry: where each cycle stood on the reference
day, by agency type, scoped to the reader."""
import datetime

import pytest

from puente.accounts.roles import Role
from puente.accreditation import phases
from puente.accreditation.indicators import accredited
from puente.accreditation.models import Cycle
from puente.metrics import registry
from puente.metrics.registry import Scope
from puente.registry.models import Agency

from .fixtures import program, shipped

MARCH = datetime.date(2024, 3, 31)


def _cycle(world, agency, framework, enrolled, phase, accredited_on=None, closed_on=None):
    return Cycle.objects.create(program=program(world, "own"), agency=agency, framework=framework, tier="basic", phase=phase,
                                enrolled_on=enrolled, phase_since=enrolled, accredited_on=accredited_on, closed_on=closed_on)


@pytest.fixture
def cycles(world):
    """Nogales police: accredited in 2019, and again in June 2024 on a second cycle; Arizona DPS
    withdrew in 2021; a Sonora academy has been self-assessing since 2022."""
    police, academy_framework = shipped(world), shipped(world, "training_academy_2016.yaml")
    academy = Agency.objects.create(code="MX-SON-ACAD", name="Academia de Sonora", country=world.mx, jurisdiction=world.sonora,
                                    level="state", kind="training_academy")
    _cycle(world, world.own, police, datetime.date(2016, 3, 1), phases.ANNUAL_2, accredited_on=datetime.date(2019, 5, 1))
    _cycle(world, world.own, police, datetime.date(2023, 1, 9), phases.ACCREDITED, accredited_on=datetime.date(2024, 6, 1))
    _cycle(world, world.other, police, datetime.date(2018, 2, 1), phases.WITHDRAWN, closed_on=datetime.date(2021, 3, 1))
    _cycle(world, academy, academy_framework, datetime.date(2022, 4, 1), phases.SELF_ASSESSMENT)
    return academy


def _by_type(scope, year):
    return {row.key[0]: row.parts for row in registry.evaluate("accreditation_pipeline", scope, year, ("agency_type",)).rows}


def test_the_value_is_the_agencies_accredited_out_of_those_enrolled():
    value = accredited({"accredited": 70, "in_progress": 0, "withdrawn_removed": 12})
    assert (value.value, value.numerator, value.denominator) == (70, 70, 82)


def test_where_cycles_stood_on_the_day(world, cycles, pm):
    assert _by_type(Scope(pm), 2024) == {
        "law_enforcement": {"accredited": 2, "in_progress": 0, "withdrawn_removed": 1},
        "training_academy": {"accredited": 0, "in_progress": 1, "withdrawn_removed": 0},
    }
    assert _by_type(Scope(pm, on=MARCH), 2024)["law_enforcement"] == {"accredited": 1, "in_progress": 1, "withdrawn_removed": 1}
    # On 31 December 2020 Arizona had not withdrawn yet and the academy had not enrolled.
    assert _by_type(Scope(pm), 2020) == {"law_enforcement": {"accredited": 1, "in_progress": 1, "withdrawn_removed": 0}}
    assert registry.years("accreditation_pipeline", Scope(pm))[0] == 2016


def test_filters_by_type_and_place(world, cycles, pm):
    academies = registry.evaluate("accreditation_pipeline", Scope(pm, {"agency_type": "training_academy"}), 2024, ("agency",))
    assert [row.key for row in academies.rows] == [(cycles.pk,)]
    assert registry.evaluate("accreditation_pipeline", Scope(pm, {"country": "US"}), 2024).total.parts == {
        "accredited": 0, "in_progress": 0, "withdrawn_removed": 1}


def test_a_coordinator_counts_their_agency(world, cycles, pm):
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    mine = registry.evaluate("accreditation_pipeline", Scope(coordinator), 2024, ("agency",))
    assert [(row.key, row.parts["accredited"]) for row in mine.rows] == [((world.own.pk,), 2)]
    assert registry.evaluate("accreditation_pipeline", Scope(pm), 2024).total.value.value == 2
    assert registry.evaluate("accreditation_pipeline", Scope(pm), 2024).total.value.denominator == 4

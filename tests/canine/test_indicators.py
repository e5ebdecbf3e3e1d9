"""Canine teams certified per odor in the metrics registry, on the reference day, scoped to the reader."""
import datetime

import pytest

from puente.accounts.roles import Role
from puente.canine.indicators import certified
from puente.canine.models import Dog, OdorCertification, Team
from puente.metrics import registry, sources
from puente.metrics.registry import Scope

from .fixtures import canine, odor

MARCH = datetime.date(2024, 3, 31)


@pytest.fixture
def teams(world):
    """Both agencies' teams certified on fentanyl in May 2024; Nogales's also on xylazine since
    January; Nogales also has a retired dog and a team that ended in February with its certification."""
    found = canine(world)
    OdorCertification.objects.create(team=found["team"]["own"], odor=odor("XYLAZINE"), certified_on=datetime.date(2024, 1, 10),
                                     expires_on=datetime.date(2025, 1, 10))
    old = Dog.objects.create(code="K9-OLD", name="Bo", breed="Beagle", agency=world.own, status=Dog.Status.RETIRED)
    ended = Team.objects.create(dog=old, handler=world.own_person, formed_on=datetime.date(2019, 1, 1), ended_on=datetime.date(2024, 2, 1))
    OdorCertification.objects.create(team=ended, odor=odor("XYLAZINE"), certified_on=datetime.date(2023, 9, 1),
                                     expires_on=datetime.date(2024, 9, 1))
    return found


def _by_odor(scope, year):
    return {row.key[0]: row.parts for row in registry.evaluate("canine_teams_certified", scope, year, ("odor",)).rows}


def test_the_value_is_the_teams_certified_out_of_the_active_teams():
    value = certified({"certified": 2, "teams": 3, "dogs": 5})
    assert (value.value, value.numerator, value.denominator) == (2, 2, 3)


def test_teams_certified_per_odor_on_the_day(world, teams, pm):
    assert _by_odor(Scope(pm), 2024) == {"FENTANYL": {"certified": 2, "teams": 2, "dogs": 3},
                                         "XYLAZINE": {"certified": 1, "teams": 2, "dogs": 3}}
    # In March the fentanyl certifications were still to come; the ended team no longer counts.
    assert _by_odor(Scope(pm, on=MARCH), 2024) == {"XYLAZINE": {"certified": 1, "teams": 2, "dogs": 3}}
    # A team certified on two odors counts once in the total.
    assert registry.evaluate("canine_teams_certified", Scope(pm), 2024).total.parts == {"certified": 2, "teams": 2, "dogs": 3}
    assert registry.evaluate("canine_teams_certified", Scope(pm, {"odor": "XYLAZINE"}), 2024).total.parts["certified"] == 1
    assert sources.names("odor", ["XYLAZINE"]) == {"XYLAZINE": "Xylazine"}


def test_a_coordinator_counts_their_agency(world, teams, pm):
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    mine = registry.evaluate("canine_teams_certified", Scope(coordinator), 2024, ("agency",))
    assert [(row.key, row.parts) for row in mine.rows] == [((world.own.pk,), {"certified": 1, "teams": 1, "dogs": 2})]
    everyone = registry.evaluate("canine_teams_certified", Scope(pm), 2024, ("agency", "odor"))
    assert {row.key: row.parts["certified"] for row in everyone.rows} == {
        (world.own.pk, "FENTANYL"): 1, (world.own.pk, "XYLAZINE"): 1, (world.other.pk, "FENTANYL"): 1}

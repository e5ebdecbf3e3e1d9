"""Canine teams certified per odor, contributed to the metrics registry.

On the year's reference day: teams then formed and not yet ended, those among them holding a
current certification (per odor when broken down or filtered by odor; a team certified on
several odors counts once under each), and the dogs on the agencies' rosters (the roster keeps
no dates, so every year reads today's). Not published: where detection capabilities stand, odor
by odor and port by port, is operational information.
"""
from django.db.models import Count, Min, Q
from django.utils import timezone

from puente.metrics.indicators.definitions import GEOGRAPHY, Indicator, Value
from puente.metrics.registry import Scope, Source
from puente.metrics.sources import grouped, joined

from .models import Dog, OdorCertification, Team


def certified(c) -> Value:
    """Teams with a current certification, out of the active teams."""
    return Value(c["certified"], c["certified"], c["teams"])


CERTIFIED_TEAMS = Indicator(
    code="canine_teams_certified",
    name={"en": "Canine teams certified", "es": "Binomios caninos certificados"},
    description={
        "en": "Active handler–dog teams with a current certification on the reference day, per odor; "
              "with the active teams and the dogs on the agencies' rosters.",
        "es": "Binomios (guía y perro) activos con una certificación vigente en el día de referencia, por olor; "
              "con los binomios activos y los perros en la plantilla de las instituciones.",
    },
    unit="count", components=("certified", "teams", "dogs"), formula=certified,
    breakdowns=(*GEOGRAPHY, "odor"), filters=(*GEOGRAPHY, "odor"), default_breakdown="odor",
    people=("certified", "teams"), additive=False, on_a_day=True,
    labels={"certified": {"en": "Teams certified", "es": "Binomios certificados"},
            "teams": {"en": "Active teams", "es": "Binomios activos"},
            "dogs": {"en": "Dogs", "es": "Perros"}},
)


def teams(scope: Scope, year: int, by: tuple) -> dict:
    """Teams certified (by odor where asked), and the active teams and dogs of the same places."""
    day = scope.day(year)
    active = scope.rows(Team).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day), formed_on__lte=day)
    current = scope.rows(OdorCertification).filter(team__in=active.values("pk")).current(day)
    cells = grouped(current, scope, by, agency="team__dog__agency", paths={"odor": "odor__code"}, certified=Count("team", distinct=True))
    # Teams and dogs have no odor: each odor's row shows those of its place.
    places = tuple(dimension for dimension in by if dimension != "odor")
    rosters = joined(grouped(active, scope, places, agency="dog__agency", teams=Count("pk")),
                     grouped(scope.rows(Dog), scope, places, agency="agency", dogs=Count("pk")))
    if "odor" in by:
        positions = [index for index, dimension in enumerate(by) if dimension != "odor"]
        return {key: {"certified": parts["certified"], **rosters.get(tuple(key[i] for i in positions), {"teams": 0, "dogs": 0})}
                for key, parts in cells.items()}
    return joined(cells, rosters)


def years(scope: Scope) -> list[int]:
    """From the first certification to this year."""
    first = scope.rows(OdorCertification).aggregate(first=Min("certified_on"))["first"]
    return list(range(first.year, timezone.localdate().year + 1)) if first else []


INDICATORS = [Source(CERTIFIED_TEAMS, teams, years)]

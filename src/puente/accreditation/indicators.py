"""The accreditation pipeline contributed to the metrics registry.

Where each agency's accreditation cycle stood on the year's reference day, read from the
cycle's own dates, so any past day reads as it was: accredited once accredited (whatever
came after, as the program tallies count it), withdrawn or removed once closed that way
without accreditation, in progress otherwise. Agencies are published bodies, not people, so
nothing here is suppressed.
"""
from django.db.models import Count, Min, Q
from django.utils import timezone

from puente.metrics.indicators.definitions import GEOGRAPHY, Indicator, Value
from puente.metrics.registry import Scope, Source
from puente.metrics.sources import grouped

from .models import Cycle
from .reports import ENDED


def accredited(c) -> Value:
    """Agencies accredited, out of every agency that enrolled."""
    return Value(c["accredited"], c["accredited"], c["accredited"] + c["in_progress"] + c["withdrawn_removed"])


ACCREDITATION_PIPELINE = Indicator(
    code="accreditation_pipeline",
    name={"en": "Accreditation pipeline", "es": "Avance de la acreditación"},
    description={
        "en": "Agencies accredited, still in the process and withdrawn or removed on the reference day, "
              "one per accreditation cycle, by type: law enforcement agency, training academy, communications center.",
        "es": "Instituciones acreditadas, aún en proceso y retiradas o dadas de baja en el día de referencia, "
              "una por ciclo de acreditación, por tipo: institución policial, academia de formación, centro de comunicaciones.",
    },
    unit="count", components=("accredited", "in_progress", "withdrawn_removed"), formula=accredited,
    breakdowns=(*GEOGRAPHY, "agency_type"), filters=(*GEOGRAPHY, "agency_type"), default_breakdown="agency_type",
    public=True, on_a_day=True,
    labels={"accredited": {"en": "Accredited", "es": "Acreditadas"},
            "in_progress": {"en": "In progress", "es": "En proceso"},
            "withdrawn_removed": {"en": "Withdrawn or removed", "es": "Retiradas o dadas de baja"}},
)


def outcomes(scope: Scope, year: int, by: tuple) -> dict:
    """Cycles enrolled by the reference day, by where they stood on it."""
    day = scope.day(year)
    # Through the ids: an assessor's scope joins their assignments, which would repeat cycles.
    cycles = Cycle.objects.filter(pk__in=scope.rows(Cycle).values("pk"), enrolled_on__lte=day)
    done = Q(accredited_on__lte=day)
    ended = Q(phase__in=ENDED, closed_on__lte=day) & ~done
    return grouped(cycles, scope, by, agency="agency", paths={"agency_type": "framework__program_type"},
                   accredited=Count("pk", filter=done), withdrawn_removed=Count("pk", filter=ended),
                   in_progress=Count("pk", filter=~done & ~ended))


def years(scope: Scope) -> list[int]:
    """From the first enrollment to this year."""
    first = scope.rows(Cycle).aggregate(first=Min("enrolled_on"))["first"]
    return list(range(first.year, timezone.localdate().year + 1)) if first else []


INDICATORS = [Source(ACCREDITATION_PIPELINE, outcomes, years)]

"""Certification coverage contributed to the metrics registry.

The count is the credentials app's own set-based one (`status.population` and
`status.covered_q`, tested equal to the rules engine), grouped in the database by the breakdown
asked for. People are counted whatever their status, as the coverage page and the national
figures count the force on the roster.
"""
from django.db.models import Count, Min
from django.utils import timezone

from puente.metrics.indicators.definitions import GEOGRAPHY, Indicator, Value, ratio
from puente.metrics.registry import Scope, Source
from puente.metrics.sources import grouped, joined
from puente.registry.models import Person

from .models import CredentialType, Evaluation
from .status import covered_q, population


def coverage(c) -> Value:
    """Holders over the people the credential type applies to."""
    return ratio(c["holders"], c["people"])


CERTIFICATION_COVERAGE = Indicator(
    code="certification_coverage",
    name={"en": "Certification coverage", "es": "Cobertura de certificación"},
    description={
        "en": "Officers holding a current credential (Mexico's Single Police Certificate unless another type is chosen) "
              "over the officers it applies to, on the reference day: 31 December, today for the current year, or the day chosen.",
        "es": "Elementos con una credencial vigente (el Certificado Único Policial salvo que se elija otro tipo) entre los "
              "elementos a los que aplica, en el día de referencia: el 31 de diciembre, hoy en el año en curso, o el día elegido.",
    },
    unit="percent", components=("holders", "people"), formula=coverage,
    breakdowns=GEOGRAPHY, filters=(*GEOGRAPHY, "credential"), default_breakdown="level", people=("holders", "people"),
    public=True, on_a_day=True, defaults={"credential": "MX-CUP"},  # Mexico's Single Police Certificate
    labels={"holders": {"en": "Holders", "es": "Con credencial vigente"},
            "people": {"en": "Officers it applies to", "es": "Elementos a los que aplica"}},
)


def covered(scope: Scope, year: int, by: tuple) -> dict:
    """People the credential type applies to and those holding it on the year's reference day."""
    code = CERTIFICATION_COVERAGE.chosen(scope.filters, "credential")
    credential_type = scope.rows(CredentialType).filter(code=code).first()
    if credential_type is None or not credential_type.components.exists():
        return grouped(scope.rows(Person).none(), scope, by, agency="agency", people=Count("id"), holders=Count("id"))
    people = population(credential_type, scope.rows(Person))
    everyone = grouped(people, scope, by, agency="agency", people=Count("id"))
    holders = grouped(people.filter(covered_q(credential_type, scope.day(year))), scope, by, agency="agency", holders=Count("id"))
    return joined(everyone, holders)


def years(scope: Scope) -> list[int]:
    """From the first evaluation on record to this year."""
    first = scope.rows(Evaluation).aggregate(first=Min("evaluated_on"))["first"]
    this_year = timezone.localdate().year
    return list(range(first.year if first else this_year, this_year + 1))


INDICATORS = [Source(CERTIFICATION_COVERAGE, covered, years)]

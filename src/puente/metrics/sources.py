"""Data adapters: grouped queries that turn the database into the indicators' plain inputs.

One query per call, grouped in the database (no loop over rows in Python), in portable ORM
expressions only. Every read goes through `Scope.rows`, so a coordinator's figures count their
own agency's rows and the public's count everything but are published aggregated.
"""
from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db.models import Case, Count, Exists, F, IntegerField, Max, Min, OuterRef, Q, Sum, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .indicators import catalog
from .registry import Scope, Source

DIMENSION_LABELS = {
    "country": _("Country"),
    "level": _("Level"),
    "state": pgettext_lazy("dimension", "State"),
    "agency": _("Agency"),
    "program": _("Program"),
    "domain": _("Domain"),
    "threat": _("Threat"),
    "odor": _("Odor"),
    "agency_type": _("Agency type"),
    "credential": _("Credential"),
    "outcome": _("Outcome"),
}


def dimensions(agency: str, program: str | None = None) -> dict:
    """{dimension: expression} for rows tied to an agency at `agency` and a program at `program`.

    A state is the agency's jurisdiction when that is a state, else the state it belongs to.
    Grouped by threat, a row counts once under each threat its program answers.
    """
    found = {
        "country": F(f"{agency}__country_id"),
        "level": F(f"{agency}__level"),
        "state": Case(
            When(**{f"{agency}__jurisdiction__kind": "state"}, then=F(f"{agency}__jurisdiction_id")),
            default=F(f"{agency}__jurisdiction__parent_id"),
            output_field=IntegerField(),
        ),
        "agency": F(agency),
    }
    if program:
        found["program"] = F(f"{program}__code")
        found["domain"] = F(f"{program}__domain__code")
        found["threat"] = F(f"{program}__threats__code")
    return found


def _filter(queryset, scope: Scope, agency: str, program: str | None, paths: Mapping[str, str]):
    paths = {
        "country": f"{agency}__country_id", "level": f"{agency}__level", "agency": agency,
        "program": f"{program}__code" if program else None, "domain": f"{program}__domain__code" if program else None,
        "threat": f"{program}__threats__code" if program else None, **paths,
    }
    for dimension, value in scope.filters.items():
        if dimension == "state":
            queryset = queryset.filter(Q(**{f"{agency}__jurisdiction_id": value, f"{agency}__jurisdiction__kind": "state"})
                                       | Q(**{f"{agency}__jurisdiction__parent_id": value}))
        elif paths.get(dimension):
            queryset = queryset.filter(**{paths[dimension]: value})
    return queryset


def grouped(queryset, scope: Scope, by: tuple, *, agency: str, program: str | None = None,
            paths: Mapping[str, str] | None = None, **aggregates) -> dict:
    """`aggregates` over `queryset` narrowed by the scope's filters, one cell per group of `by`.

    `paths` name the field of any other dimension the rows have (e.g. {"odor": "odor__code"}).
    """
    paths = paths or {}
    queryset = _filter(queryset, scope, agency, program, paths)
    if not by:
        return {(): queryset.aggregate(**aggregates)}
    expressions = {**dimensions(agency, program), **{dimension: F(path) for dimension, path in paths.items()}}
    names = {dimension: f"group_{dimension}" for dimension in by}
    rows = (
        queryset.annotate(**{names[d]: expressions[d] for d in by}).values(*names.values())
        .annotate(**aggregates).order_by()
    )
    return {tuple(row[names[d]] for d in by): {name: row[name] for name in aggregates} for row in rows}


def joined(*cells: Mapping[tuple, Mapping[str, float]]) -> dict:
    """Cells of the same groups read by separate queries, as one cell per group (zero where a
    query found no row)."""
    names = {name for found in cells for parts in found.values() for name in parts}
    keys = set().union(*cells)
    return {key: {name: next((found[key][name] for found in cells if name in found.get(key, {})), None) or 0 for name in names}
            for key in keys}


# Allocation: the fiscal year's published run.

def _published_outcomes(scope: Scope, year: int):
    from puente.capacity.models import RunOutcome
    from puente.capacity.reports import published_run

    run = published_run(year)
    return scope.rows(RunOutcome).filter(run=run) if run else scope.rows(RunOutcome).none()


def seats(scope: Scope, year: int, by: tuple) -> dict:
    """Seats requested and filled in the fiscal year's published allocation."""
    return grouped(_published_outcomes(scope, year), scope, by, agency="request__agency", program="request__program",
                   requested=Sum("seats_requested"), filled=Sum("seats_allocated"))


def critical_seats(scope: Scope, year: int, by: tuple) -> dict:
    """Seats requested and filled in mission-critical programs and in the others."""
    critical = Q(request__program__mission_critical=True)
    return grouped(
        _published_outcomes(scope, year), scope, by, agency="request__agency", program="request__program",
        critical_requested=Sum("seats_requested", filter=critical), critical_filled=Sum("seats_allocated", filter=critical),
        other_requested=Sum("seats_requested", filter=~critical), other_filled=Sum("seats_allocated", filter=~critical),
    )


def allocation_years(scope: Scope) -> list[int]:
    from puente.capacity.reports import published_years

    return published_years()


# Training records: completed programs by calendar year of their end.

def _completed(scope: Scope, first: int, last: int):
    from puente.records.models import TrainingRecord

    return scope.rows(TrainingRecord).filter(
        result=TrainingRecord.Result.COMPLETED,
        end_date__gte=datetime.date(first, 1, 1), end_date__lte=datetime.date(last, 12, 31),
    )


def trained(scope: Scope, year: int, by: tuple) -> dict:
    """Distinct people who completed a program in the year."""
    return grouped(_completed(scope, year, year), scope, by, agency="agency", program="program",
                   people=Count("person", distinct=True))


def trained_and_before(scope: Scope, year: int, by: tuple) -> dict:
    """Distinct people trained in the year and in the year before, read in one pass."""
    this_year = Q(end_date__gte=datetime.date(year, 1, 1))
    return grouped(_completed(scope, year - 1, year), scope, by, agency="agency", program="program",
                   people=Count("person", distinct=True, filter=this_year),
                   previous=Count("person", distinct=True, filter=~this_year))


def _active_officers(scope: Scope):
    from puente.registry.models import Person

    return scope.rows(Person).filter(status=Person.Status.ACTIVE)


def hours(scope: Scope, year: int, by: tuple) -> dict:
    """Hours completed in the year, and today's active officers, of the same groups."""
    cells = grouped(_completed(scope, year, year), scope, by, agency="agency", program="program", hours=Sum("hours"))
    officers = grouped(_active_officers(scope), scope, by, agency="agency", officers=Count("id"))
    return {key: {"hours": float(cells.get(key, {}).get("hours") or 0), "officers": officers.get(key, {}).get("officers") or 0}
            for key in cells.keys() | officers.keys()}


def record_years(scope: Scope) -> list[int]:
    from puente.records.models import TrainingRecord

    span = scope.rows(TrainingRecord).filter(result=TrainingRecord.Result.COMPLETED).aggregate(first=Min("end_date"), last=Max("end_date"))
    if span["first"] is None:
        return []
    return list(range(span["first"].year, span["last"].year + 1))


# Vetting: valid on the reference day (31 December, today for the current year, or the day chosen).

def vetted(scope: Scope, year: int, by: tuple) -> dict:
    """Active officers and those among them with a passed check valid on the reference day."""
    from puente.vetting.models import VettingCheck

    day = scope.day(year)
    valid = VettingCheck.objects.filter(
        person=OuterRef("pk"), result=VettingCheck.Result.PASSED, checked_on__lte=day, valid_until__gte=day,
    )
    # Two grouped counts: EXISTS in a WHERE clause is a semi-join. The same test as a column, or
    # an IN inside the count's FILTER, runs once per officer (measured: minutes at full scale).
    officers = grouped(_active_officers(scope), scope, by, agency="agency", officers=Count("id"))
    cleared = grouped(_active_officers(scope).filter(Exists(valid)), scope, by, agency="agency", vetted=Count("id"))
    return {key: {"officers": officers.get(key, {}).get("officers") or 0, "vetted": cleared.get(key, {}).get("vetted") or 0}
            for key in officers.keys() | cleared.keys()}


def vetting_years(scope: Scope) -> list[int]:
    return sorted(set(record_years(scope)) | {timezone.localdate().year})


INDICATORS = [
    Source(catalog.SERVICE_RATE, seats, allocation_years),
    Source(catalog.UNMET_DEMAND, seats, allocation_years),
    Source(catalog.CRITICAL_GAP, critical_seats, allocation_years),
    Source(catalog.PEOPLE_TRAINED, trained, record_years),
    Source(catalog.TRAINED_GROWTH, trained_and_before, record_years),
    Source(catalog.HOURS_PER_OFFICER, hours, record_years),
    Source(catalog.VETTING_CURRENCY, vetted, vetting_years),
]


def choices(dimension: str) -> list[tuple]:
    """Every value of a dimension chosen from a list, in order, as (key, how it reads)."""
    from puente.accreditation.models import ProgramType
    from puente.canine.models import Odor
    from puente.catalog.models import Domain, Program, ThreatTag
    from puente.credentials.models import CredentialType
    from puente.impact.panel import outcome_choices
    from puente.registry.models import Agency

    if dimension == "program":
        return [(program.code, f"{program.code} · {program.title}") for program in Program.objects.order_by("code")]
    if dimension == "level":
        return [(value, str(label)) for value, label in Agency.Level.choices]
    if dimension == "agency_type":
        return [(value, str(label)) for value, label in ProgramType.choices]
    if dimension == "outcome":
        return outcome_choices()
    coded = {"domain": Domain, "threat": ThreatTag, "odor": Odor, "credential": CredentialType}
    if dimension in coded:
        return [(row.code, row.name) for row in coded[dimension].objects.order_by("code")]
    raise ValueError(f"unknown dimension {dimension!r}")


def names(dimension: str, keys) -> dict:
    """How each key of `dimension` reads, in the reader's language."""
    from puente.catalog.models import Program
    from puente.registry.models import Agency, Country, Jurisdiction

    keys = {key for key in keys if key is not None}
    if dimension == "country":
        return {country.code: country.name for country in Country.objects.filter(code__in=keys)}
    if dimension == "state":
        return dict(Jurisdiction.objects.filter(pk__in=keys).values_list("pk", "name"))
    if dimension == "agency":
        return dict(Agency.objects.filter(pk__in=keys).values_list("pk", "name"))
    if dimension == "program":  # codes read as themselves in tables; the lists add the title
        return {code: code for code in Program.objects.filter(code__in=keys).values_list("code", flat=True)}
    return {key: label for key, label in choices(dimension) if key in keys}

"""Service-rate reports from the published allocation runs, scoped to what the user may see."""
from django.db.models import Case, CharField, F, Sum, When
from django.utils.translation import gettext_lazy

from .models import AllocationRun, RunOutcome

BREAKDOWNS = {
    "program": (gettext_lazy("Program"), F("request__program__code")),
    "domain": (gettext_lazy("Domain"), F("request__program__domain__code")),
    "country": (gettext_lazy("Country"), F("request__agency__country__code")),
    "level": (gettext_lazy("Level"), F("request__agency__level")),
    "state": (
        gettext_lazy("State"),
        Case(
            When(request__agency__jurisdiction__kind="state", then=F("request__agency__jurisdiction__name")),
            default=F("request__agency__jurisdiction__parent__name"),
            output_field=CharField(),
        ),
    ),
    "agency": (gettext_lazy("Agency"), F("request__agency__name")),
}


def service_rate(filled: int, requested: int) -> float | None:
    """Seats filled over seats requested (None when nothing was requested)."""
    return filled / requested if requested else None


def published_run(fiscal_year: int) -> AllocationRun | None:
    return (
        AllocationRun.objects.filter(fiscal_year=fiscal_year, status=AllocationRun.Status.PUBLISHED)
        .order_by("-published_at", "-id").first()
    )


def published_years() -> list[int]:
    return sorted(set(AllocationRun.objects.filter(status=AllocationRun.Status.PUBLISHED).values_list("fiscal_year", flat=True)))


def _outcomes(user, run):
    return RunOutcome.objects.restrict(user, "view").filter(run=run)


def totals(user, fiscal_year: int) -> dict | None:
    run = published_run(fiscal_year)
    if run is None:
        return None
    outcomes = _outcomes(user, run)
    sums = outcomes.aggregate(requested=Sum("seats_requested"), filled=Sum("seats_allocated"))
    critical = outcomes.filter(request__program__mission_critical=True).aggregate(
        requested=Sum("seats_requested"), filled=Sum("seats_allocated"))
    other = outcomes.filter(request__program__mission_critical=False).aggregate(
        requested=Sum("seats_requested"), filled=Sum("seats_allocated"))
    requested, filled = sums["requested"] or 0, sums["filled"] or 0
    return {
        "run": run, "fiscal_year": fiscal_year, "requested": requested, "filled": filled,
        "unmet": requested - filled, "rate": service_rate(filled, requested),
        "critical_rate": service_rate(critical["filled"] or 0, critical["requested"] or 0),
        "other_rate": service_rate(other["filled"] or 0, other["requested"] or 0),
    }


def breakdown(user, fiscal_year: int, by: str) -> list[dict]:
    """Requested, filled, unmet and service rate per group, largest demand first."""
    run = published_run(fiscal_year)
    if run is None:
        return []
    _label, expression = BREAKDOWNS[by]
    rows = (
        _outcomes(user, run).annotate(group=expression).values("group")
        .annotate(requested=Sum("seats_requested"), filled=Sum("seats_allocated")).order_by("-requested", "group")
    )
    names = _display_names(by)
    return [
        {"group": names.get(row["group"], row["group"]) or "—", "requested": row["requested"], "filled": row["filled"],
         "unmet": row["requested"] - row["filled"], "rate": service_rate(row["filled"], row["requested"])}
        for row in rows
    ]


def _display_names(by: str) -> dict:
    """Codes shown as words in the reader's language (levels, countries)."""
    from puente.registry.models import Agency, Country

    if by == "level":
        return {value: str(label) for value, label in Agency.Level.choices}
    if by == "country":
        return {country.code: country.name for country in Country.objects.all()}
    return {}


def by_year(user) -> list[dict]:
    """Each published year's totals, with growth in requests against the year before."""
    rows = []
    for year in published_years():
        figures = totals(user, year)
        previous = rows[-1] if rows else None
        figures["request_growth"] = (
            (figures["requested"] - previous["requested"]) / previous["requested"]
            if previous and previous["requested"] else None
        )
        rows.append(figures)
    return rows

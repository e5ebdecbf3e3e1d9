"""Service-rate reports from the published allocation runs, scoped to what the user may see.

The figures come from the metrics registry (`service_rate`, `unmet_demand`, `critical_gap`),
so this page and the dashboard read the same definitions.
"""
from django.utils.translation import gettext_lazy

from .models import AllocationRun

BREAKDOWNS = {
    "program": gettext_lazy("Program"),
    "domain": gettext_lazy("Domain"),
    "country": gettext_lazy("Country"),
    "level": gettext_lazy("Level"),
    "state": gettext_lazy("State"),
    "agency": gettext_lazy("Agency"),
}


def published_run(fiscal_year: int) -> AllocationRun | None:
    return (
        AllocationRun.objects.filter(fiscal_year=fiscal_year, status=AllocationRun.Status.PUBLISHED)
        .order_by("-published_at", "-id").first()
    )


def published_years() -> list[int]:
    return sorted(set(AllocationRun.objects.filter(status=AllocationRun.Status.PUBLISHED).values_list("fiscal_year", flat=True)))


def totals(user, fiscal_year: int) -> dict | None:
    from puente.metrics import registry
    from puente.metrics.indicators import formulas

    run = published_run(fiscal_year)
    if run is None:
        return None
    scope = registry.Scope(user)
    seats = registry.evaluate("service_rate", scope, fiscal_year).total
    gap = registry.evaluate("critical_gap", scope, fiscal_year).total.parts
    requested, filled = seats.parts.get("requested") or 0, seats.parts.get("filled") or 0
    return {
        "run": run, "fiscal_year": fiscal_year, "requested": requested, "filled": filled,
        "unmet": requested - filled, "rate": seats.value.value,
        "critical_rate": formulas.service_rate({"requested": gap["critical_requested"] or 0, "filled": gap["critical_filled"] or 0}).value,
        "other_rate": formulas.service_rate({"requested": gap["other_requested"] or 0, "filled": gap["other_filled"] or 0}).value,
    }


def breakdown(user, fiscal_year: int, by: str) -> list[dict]:
    """Requested, filled, unmet and service rate per group, largest demand first."""
    from puente.metrics import registry, sources

    if published_run(fiscal_year) is None:
        return []
    result = registry.evaluate("service_rate", registry.Scope(user), fiscal_year, (by,))
    names = sources.names(by, [row.key[0] for row in result.rows])
    return [
        {"group": names.get(row.key[0], row.key[0]) or "—", "requested": row.parts["requested"], "filled": row.parts["filled"],
         "unmet": row.parts["requested"] - row.parts["filled"], "rate": row.value.value}
        for row in result.rows
    ]


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

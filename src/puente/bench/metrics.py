"""Benchmark of the dashboard's indicators over the current database.

    puente bench metrics --scale full        # REPLACES this database's contents with the full demo first
    puente bench metrics                     # the current database as it is; --repeat 5, --json

For every indicator in the registry it times `registry.evaluate` with the indicator's default
breakdown for its latest year (and the total, which the same call reads), counting every row as
a program manager does, and prints the median of ``repeat`` runs, then the slowest. It runs
ANALYZE first (VACUUM ANALYZE on PostgreSQL; ``--no-analyze`` to skip) so the planner knows the freshly loaded tables. It also times
the public tables (suppression included). Target on a 2-core machine: ≤ 1 s per indicator on
PostgreSQL.
"""
from __future__ import annotations

import io
import json
import statistics
import time

HELP = "dashboard indicators: seconds per indicator with its default breakdown"
TARGET_SECONDS = 1.0


def add_arguments(parser) -> None:
    parser.add_argument("--repeat", type=int, default=3, help="runs to take the median of")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-analyze", action="store_true", help="do not refresh the planner's statistics first")
    parser.add_argument("--scale", help="first empty this database and build the demo at this scale (full: 515,862 "
                                        "Mexican officers, several million records); DATABASE_URL picks the database")
    parser.add_argument("--seed", type=int, default=7, help="demo seed, with --scale")


def _timed(fn, repeat: int) -> float:
    seconds = []
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def _sizes() -> dict:
    from puente.capacity.models import RunOutcome
    from puente.records.models import TrainingRecord
    from puente.registry.models import Person
    from puente.vetting.models import VettingCheck

    return {"people": Person.objects.count(), "training_records": TrainingRecord.objects.count(),
            "vetting_checks": VettingCheck.objects.count(), "run_outcomes": RunOutcome.objects.count()}


def main(options: dict) -> int:
    """Time every indicator; 0 when each met the target."""
    from django.db import connection

    from puente.core import bulk
    from puente.metrics import public, registry

    scope = registry.Scope(public=True)
    if options.get("scale"):
        from django.core.management import call_command

        started = time.perf_counter()
        quiet = {"verbosity": 0, "stdout": io.StringIO()} if options["json"] else {}  # JSON alone on stdout
        call_command("demo", scale=options["scale"], seed=options["seed"], no_serve=True, **quiet)
        if not options["json"]:
            print(f"built the demo at scale {options['scale']} in {time.perf_counter() - started:.0f} s")
    if not options["no_analyze"]:
        # The demo bulk-loads millions of rows; without fresh statistics the planner picks
        # nested loops a production database (autovacuum) would not.
        bulk.refresh_statistics()
    sizes = _sizes()
    if not options["json"]:
        print(f"database: {connection.vendor}; " + ", ".join(f"{name} {count:,}" for name, count in sizes.items()))
        if sizes["people"] < 100_000:
            print("note: a small database; build the national-scale demo first: puente demo --scale full --no-serve")
    figures = []
    for code, source in registry.sources().items():
        years = registry.years(code, scope)
        if not years:
            figures.append({"indicator": code, "year": None, "by": None, "seconds": None})
            continue
        by = (source.indicator.default_breakdown,)
        seconds = _timed(lambda: registry.evaluate(code, scope, years[-1], by), options["repeat"])
        figures.append({"indicator": code, "year": years[-1], "by": by[0], "seconds": seconds})
    for code in public.tables():
        seconds = _timed(lambda: public.published(code), options["repeat"])
        figures.append({"indicator": f"public:{code}", "year": None, "by": None, "seconds": seconds})
    timed = [f for f in figures if f["seconds"] is not None and not f["indicator"].startswith("public:")]
    slowest = max(timed, key=lambda f: f["seconds"]) if timed else None
    met = all(f["seconds"] <= TARGET_SECONDS for f in timed)
    if options["json"]:
        print(json.dumps({"database": connection.vendor, "sizes": sizes, "figures": figures, "slowest": slowest,
                          "target_seconds": TARGET_SECONDS, "met": met}, indent=2))
    else:
        for f in figures:
            what = f"{f['indicator']:<38}"
            if f["seconds"] is None:
                print(f"{what} no data")
            else:
                detail = f" (FY/year {f['year']}, by {f['by']})" if f["year"] else ""
                print(f"{what} {f['seconds']:.3f} s{detail}")
        if slowest:
            print(f"slowest: {slowest['indicator']} {slowest['seconds']:.3f} s; target ≤ {TARGET_SECONDS:.0f} s each: {'met' if met else 'NOT met'}")
    return 0 if met else 1

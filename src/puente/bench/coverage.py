"""Benchmark of credential coverage counted from component records.

    puente bench coverage --scale full            # the current database must hold the full demo
    puente bench coverage --scale full --build    # first REPLACE this database's contents with it

It counts the holders of a credential type (default the CUP) on a date (default 31 March 2024)
by level and by state, for every person it applies to, from their evaluations, training
records and vetting checks (`credentials.coverage.compute`: two grouped queries with one
EXISTS per component), and prints:

* seconds, the median of ``repeat`` runs (and each run);
* peak memory as the process's peak resident set size (``ru_maxrss``), read before and after
  the runs, so the count's own share shows (the process includes Django itself);
* the counts by level, and whether the time target was met: ≤ 2 s on PostgreSQL, ≤ 5 s on SQLite.

By default it uses the database as it is, and says how many people the type applies to there;
`--build` runs the demo parts the count needs (registry, catalog, vetting, credentials) at
``--scale`` into it first, after emptying it, then ANALYZEs it. A database loaded in bulk and
not yet analyzed (PostgreSQL's autovacuum runs later) can be minutes slower: run ANALYZE first.
"""
import datetime
import json
import resource
import statistics
import sys
import time

from django.core.management import call_command
from django.db import connection

HELP = "credential coverage by level and state from component records (seconds, peak memory)"
TARGETS = {"postgresql": 2.0, "sqlite": 5.0}
BUILD_PARTS = ("puente.demo.registry", "puente.demo.catalog", "puente.demo.vetting", "puente.demo.credentials")


def add_arguments(parser):
    parser.add_argument("--scale", default="full", help="demo scale the database holds (or builds with --build): full, small, tiny or 0-1")
    parser.add_argument("--type", dest="type_code", default="MX-CUP", help="credential type code (default MX-CUP)")
    parser.add_argument("--on", dest="on_date", default="2024-03-31", help="date of the count (default 2024-03-31)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--build", action="store_true",
                        help="first empty this database and build the demo parts the count needs at --scale")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def _peak_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _build(scale: float, seed: int) -> float:
    from importlib import import_module

    from puente.core import bulk
    from puente.demo.builder import DemoContext

    started = time.perf_counter()
    call_command("flush", interactive=False, verbosity=0)
    ctx = DemoContext(seed=seed, scale=scale)
    for name in BUILD_PARTS:
        import_module(name).build(ctx)
    # Fresh tables have no planner statistics until autovacuum gets to them; without them
    # PostgreSQL picks nested loops for this count and takes minutes.
    bulk.refresh_statistics()
    return time.perf_counter() - started


def main(options):
    from puente.credentials import coverage
    from puente.credentials.models import CredentialType
    from puente.demo.builder import parse_scale

    scale = parse_scale(options["scale"])
    on_date = datetime.date.fromisoformat(options["on_date"])
    build_seconds = _build(scale, options["seed"]) if options["build"] else None
    credential_type = CredentialType.objects.filter(code=options["type_code"]).first()
    if credential_type is None:
        raise ValueError(f"No credential type {options['type_code']!r} in this database: run `puente demo --scale "
                         f"{options['scale']}` first, or pass --build (it empties this database).")
    peak_before = _peak_mib()
    seconds, result = [], None
    for _ in range(max(1, options["repeat"])):
        started = time.perf_counter()
        result = coverage.compute(credential_type, on_date)
        for dimension in ("level", "state"):
            result.breakdown(dimension)
        seconds.append(time.perf_counter() - started)
    median = statistics.median(seconds)
    vendor = connection.vendor
    target = TARGETS.get(vendor)
    total = result.total
    figures = {
        "database": vendor, "credential_type": credential_type.code, "on_date": on_date.isoformat(),
        "people": total.total, "holders": total.covered, "percent": total.percent,
        "by_level": {cell.key: [cell.covered, cell.total, cell.percent] for cell in result.breakdown("level")},
        "states": len(result.breakdown("state")),
        "seconds": round(median, 3), "runs": [round(s, 3) for s in seconds], "target_seconds": target,
        "target_met": target is not None and median <= target,
        "peak_rss_mib": round(_peak_mib(), 1), "peak_rss_before_mib": round(peak_before, 1),
        "build_seconds": round(build_seconds, 1) if build_seconds is not None else None,
    }
    if options["json"]:
        print(json.dumps(figures, indent=2))
        return
    if build_seconds is not None:
        print(f"built the demo parts at scale {options['scale']} in {build_seconds:.1f} s")
    print(f"{credential_type.code} coverage on {on_date} ({vendor}): {total.covered:,} of {total.total:,} ({total.percent}%)")
    for cell in result.breakdown("level"):
        print(f"  {cell.key:<10} {cell.covered:>9,} / {cell.total:>9,}  {cell.percent}%")
    print(f"  and {figures['states']} states (federal agencies count apart)")
    met = "met" if figures["target_met"] else "NOT met"
    print(f"seconds: {median:.3f} (median of {len(seconds)}: {', '.join(f'{s:.3f}' for s in seconds)}); "
          f"target ≤ {target} s: {met}")
    print(f"peak memory (process RSS): {figures['peak_rss_mib']} MiB ({figures['peak_rss_before_mib']} MiB before the runs)")

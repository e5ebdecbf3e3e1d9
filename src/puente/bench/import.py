"""Benchmark of the historic training-records import, as users run it.

    puente bench import                      # 1,000,000 rows; --rows, --people, --keep, --json

In the current database (DATABASE_URL, else the default SQLite file) it creates what the
rows need if absent: an agency BENCH-IMPORT, ``rows / 10`` officers (BENCH-0000001, ...) and
forty programs (BENCH-P01, ...); a user bench-import who is a program manager. It writes a
CSV of realistic historic records (about ten per officer from 2000 to last year, a program's
own hours or a blank for them, credits, 7% failed, scores on most rows), then runs
``puente import training-records FILE`` twice, each in its own process:

* the first import creates every row; the second, of the same file, must create and update
  nothing (idempotency);
* rows/second is rows over the import job's own time (reading, checking, writing, committing);
  wall seconds add the process start;
* CPU seconds are the import process's user and system time, so rows per CPU second tell
  the code's speed apart from a busy machine's;
* peak memory is the import process's peak resident set size
  (``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``, read after each child has exited: for
  the second import it is the larger of the two).

Afterwards it deletes what it created unless --keep. Targets: ≥ 20,000 rows/s and ≤ 1 GiB.
"""
import csv
import datetime
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

HELP = "Import a million historic training records twice; print rows/second and peak memory."
AGENCY, USER, PREFIX = "BENCH-IMPORT", "bench-import", "BENCH-"
RATE_TARGET, MEMORY_TARGET_MIB = 20_000, 1024
PROGRAMS = 40
FAILED_SHARE = 0.07


def add_arguments(parser):
    parser.add_argument("--rows", type=int, default=1_000_000, help="Rows in the file (default 1,000,000).")
    parser.add_argument("--people", type=int, default=0, help="Officers the rows name (default rows / 10).")
    parser.add_argument("--keep", action="store_true", help="Keep the officers, programs and records afterwards.")
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    parser.add_argument("--seed", type=int, default=2024)


def main(options):
    rows = options["rows"]
    if rows < 1:
        raise ValueError("--rows must be at least 1")
    people = options["people"] or max(1, rows // 10)
    started = time.perf_counter()
    world = _world(people)
    with tempfile.TemporaryDirectory(prefix="puente-bench-import-") as folder:
        path = Path(folder) / "historic-records.csv"
        _write_file(path, world, rows, options["seed"])
        setup_seconds = time.perf_counter() - started
        runs = [_import(path, quiet=options["json"]) for _pass in ("first", "again")]
        size = path.stat().st_size
    report = {
        "database": _database(),
        "machine": {"python": platform.python_version(), "cpus": len(os.sched_getaffinity(0)),
                    "load_average": [round(load, 1) for load in os.getloadavg()]},
        "rows": rows, "people": people, "programs": PROGRAMS, "file_mb": round(size / 1e6, 1),
        "setup_seconds": round(setup_seconds, 1),
        "first": runs[0], "again": runs[1],
        "peak_memory": "resource.getrusage(RUSAGE_CHILDREN).ru_maxrss of the import process",
    }
    report["targets"] = {
        f">= {RATE_TARGET:,} rows/s": runs[0]["rows_per_second"] >= RATE_TARGET,
        "<= 1 GiB peak memory": max(run["peak_mib"] for run in runs) <= MEMORY_TARGET_MIB,
        "importing again creates and updates nothing": (runs[1]["created"], runs[1]["updated"], runs[1]["unchanged"]) == (0, 0, rows),
    }
    print(json.dumps(report, indent=2) if options["json"] else _text(report), flush=True)
    if not options["keep"]:
        _clean_up()
    return report


def _database() -> str:
    from django.db import connection

    return f"{connection.vendor} {connection.settings_dict['NAME']}"


def _world(people: int) -> dict:
    """The agency, officers, programs and user the file names, created once and reused."""
    from puente.accounts.models import RoleAssignment, User
    from puente.accounts.roles import Role
    from puente.catalog.models import Domain, Program
    from puente.registry.models import Agency, Person

    agency, _ = Agency.objects.get_or_create(
        code=AGENCY, defaults={"name": "Benchmark customs agency", "country_id": "MX", "level": "federal", "kind": "customs"}
    )
    domain, _ = Domain.objects.get_or_create(code="BENCH", defaults={"name_en": "Benchmark", "name_es": "Prueba de rendimiento"})
    rng = random.Random(7)
    for n in range(1, PROGRAMS + 1):
        hours = Decimal(rng.choice((8, 16, 24, 40, 40, 80, 120)))
        Program.objects.get_or_create(
            code=f"BENCH-P{n:02d}", defaults={"title_en": f"Benchmark program {n}", "title_es": f"Programa de prueba {n}",
                                              "domain": domain, "hours": hours, "ce_credits": hours / 10},
        )
    have = Person.objects.filter(agency=agency).count()
    for start in range(have, people, 5000):
        Person.objects.bulk_create(
            Person(agency=agency, country_id="MX", given_names="Oficial", family_names=f"Prueba {n}", national_id=_id(n))
            for n in range(start, min(people, start + 5000))
        )
    user, created = User.objects.get_or_create(username=USER)
    if created:
        RoleAssignment.objects.create(user=user, role=Role.PROGRAM_MANAGER)
    programs = list(Program.objects.filter(code__startswith="BENCH-P").values_list("code", "hours").order_by("code"))
    return {"people": people, "programs": [(code, int(hours)) for code, hours in programs]}


def _id(n: int) -> str:
    return f"{PREFIX}{n + 1:07d}"


def _write_file(path: Path, world: dict, rows: int, seed: int) -> None:
    """About ten records per officer, each a distinct (program, start date), all in the past."""
    rng = random.Random(seed)
    programs, people = world["programs"], world["people"]
    first_day = datetime.date(2000, 1, 3).toordinal()
    days = datetime.date(datetime.date.today().year - 1, 12, 1).toordinal() - first_day
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["national_id", "country", "program", "start_date", "end_date", "hours", "ce_credits", "result", "score"])
        written = 0
        person = 0
        while written < rows:
            national_id = _id(person % people)
            taken = set()
            for _record in range(min(rows - written, 10 if person < people - 1 else rows - written)):
                code, hours = programs[int(rng.random() * len(programs))]
                start = first_day + int(rng.random() * days)
                while (code, start) in taken:
                    start += 1
                taken.add((code, start))
                end = start + max(0, hours // 8 - 1)
                failed = rng.random() < FAILED_SHARE
                out.writerow([
                    national_id, "MX" if rng.random() < 0.5 else "", code,
                    datetime.date.fromordinal(start).isoformat(), datetime.date.fromordinal(end).isoformat(),
                    hours if rng.random() < 0.7 else "", f"{hours / 10:.1f}" if rng.random() < 0.6 else "",
                    "failed" if failed else ("completed" if rng.random() < 0.8 else "Concluida"),
                    f"{rng.uniform(40, 69.9) if failed else rng.uniform(70, 100):.1f}" if rng.random() < 0.75 else "",
                ])
                written += 1
            person += 1


def _import(path: Path, quiet: bool) -> dict:
    """`puente import training-records FILE` in its own process; its time, memory and counts."""
    from puente.core.models import Job

    last = Job.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    cpu_before = _children_cpu()
    started = time.perf_counter()
    command = [sys.executable, "-m", "puente.cli", "import", "training-records", str(path), "--as", USER]
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL if quiet else None, text=True)
    wall = time.perf_counter() - started
    cpu = _children_cpu() - cpu_before
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    job = Job.objects.filter(pk__gt=last, kind="import").order_by("-pk").first()
    if done.returncode != 0 or job is None or job.result is None:
        raise OSError(f"the import failed: {done.stdout.strip() or (job.error if job else 'no job')}")
    seconds = (job.finished_at - job.started_at).total_seconds()
    result = job.result
    return {
        "job_seconds": round(seconds, 1), "wall_seconds": round(wall, 1),
        "rows_per_second": round(result["rows"] / seconds), "peak_mib": round(peak),
        "cpu_seconds": round(cpu, 1), "rows_per_cpu_second": round(result["rows"] / cpu),
        "created": result["created"], "updated": result["updated"], "unchanged": result["unchanged"],
        "bad_rows": result["bad_rows"],
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _clean_up() -> None:
    from puente.accounts.models import User
    from puente.catalog.models import Domain, Program
    from puente.records.models import TrainingRecord
    from puente.registry.models import Agency, Person

    TrainingRecord.objects.filter(agency__code=AGENCY).delete()
    Person.objects.filter(agency__code=AGENCY).delete()
    Program.objects.filter(code__startswith="BENCH-P").delete()
    Domain.objects.filter(code="BENCH").delete()
    Agency.objects.filter(code=AGENCY).delete()
    User.objects.filter(username=USER).delete()


def _text(r: dict) -> str:
    lines = [
        f"Historic records import, {r['database']} ({r['machine']['cpus']} CPUs, load average "
        f"{' '.join(map(str, r['machine']['load_average']))} at the end, Python {r['machine']['python']})",
        f"file: {r['rows']:,} rows, {r['people']:,} officers, {r['programs']} programs, {r['file_mb']} MB "
        f"(setup {r['setup_seconds']} s)",
    ]
    for name, label in (("first", "first import"), ("again", "same file again")):
        run = r[name]
        lines.append(
            f"{label}: {run['rows_per_second']:,} rows/s ({run['job_seconds']} s in the job, {run['wall_seconds']} s wall; "
            f"{run['cpu_seconds']} s of CPU, {run['rows_per_cpu_second']:,} rows per CPU second), "
            f"peak {run['peak_mib']:,} MiB; created {run['created']:,}, updated {run['updated']:,}, "
            f"unchanged {run['unchanged']:,}, bad {run['bad_rows']:,}"
        )
    lines.append("targets: " + "; ".join(f"{name}: {'met' if met else 'NOT met'}" for name, met in r["targets"].items()))
    return "\n".join(lines)

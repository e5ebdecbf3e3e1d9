"""Benchmark of the seat-allocation optimizer against first come, first served.

    python -m puente.bench.allocation --scale fletc      # or 10x, small; --instance DIR; --json

It builds (or reads) an instance, then measures:

* solve seconds of the optimizer with fairness rules, the median of ``repeat`` runs, reasons
  included; first come's seconds the same way;
* the optimizer's objective as a percentage of the LP bound of the same model (GLOP);
* the optimizer's weighted seats over first come's (the ratio), and the same without the
  fairness rules, which shows what those rules cost in weighted seats;
* the ratio on ``seeds`` synthetic instances (the seed and the ones after it) and their median:
  one random instance is one sample, and the ratio moves by about ±0.01 from one seed to the
  next, so the ratio target is judged on the median;
* critical-program service rate, remote-region seat share and first-seat coverage for both;
* each weight class's share of seats, for both;
* peak memory as the process's peak resident set size (``resource.getrusage(RUSAGE_SELF)
  .ru_maxrss``), read once after the optimizer and first come, again after the LP bound, and
  at the end. It includes building the instances.

Targets on a 2-core machine: objective within 0.1% of the LP bound, median ratio ≥ 1.20, fletc
≤ 1 s, 10x ≤ 15 s, peak memory ≤ 2 GiB at 10x. Each is printed with whether it was met.
No Django import here: the benchmark runs the pure core only.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import time

from puente.capacity.allocation import first_come, generate, read_instance, solve, solve_lp
from puente.capacity.allocation.metrics import CLASSES, compare

TIME_TARGETS = {"fletc": 1.0, "10x": 15.0}
MEMORY_TARGET_MIB = 2048
GAP_TARGET = 0.001
RATIO_TARGET = 1.20


def _peak_mib() -> float:
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _timed(fn, repeat: int):
    seconds, result = [], None
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - started)
    return result, statistics.median(seconds), seconds


def run(scale: str, instance_dir: str | None, as_json: bool, repeat: int = 3, seed: int = 2024, seeds: int = 5) -> dict:
    started = time.perf_counter()
    if instance_dir:
        problem = read_instance(instance_dir)
        source = f"instance {instance_dir}"
    else:
        problem = generate(scale, seed)
        source = f"synthetic {scale}, seed {seed}"
    build_seconds = time.perf_counter() - started

    optimized, solve_seconds, solve_runs = _timed(lambda: solve(problem), repeat)
    baseline, baseline_seconds, _ = _timed(lambda: first_come(problem), repeat)
    unfair = solve(problem, fairness=False, explain_reasons=False)
    peak_after_solve = _peak_mib()

    lp = solve_lp(problem)
    peak_after_lp = _peak_mib()
    gap = (lp.objective - optimized.objective) / lp.objective if lp.objective else 0.0

    figures = compare(problem, optimized, baseline)
    opt, base = figures["optimizer"], figures["first_come"]
    ratio = figures["weighted_ratio"]
    unfair_ratio = unfair.weighted_seats / baseline.weighted_seats if baseline.weighted_seats else 0.0

    report = {
        "source": source,
        "machine": {"python": platform.python_version(), "cpus": _cpus()},
        "size": {
            "requests": len(problem.requests),
            "agencies": len({r.agency_id for r in problem.requests}),
            "programs": len({s.program_id for s in problem.sessions} | {r.program_id for r in problem.requests}),
            "sessions": len(problem.sessions),
            "seats_asked": optimized.seats_requested,
            "seats_offered": sum(s.capacity for s in problem.sessions),
        },
        "build_seconds": build_seconds,
        "solve_seconds": solve_seconds,
        "solve_runs": solve_runs,
        "first_come_seconds": baseline_seconds,
        "lp_seconds": lp.seconds,
        "objective": optimized.objective,
        "lp_bound": lp.objective,
        "percent_of_lp_bound": 100.0 * optimized.objective / lp.objective if lp.objective else 100.0,
        "gap_to_lp_bound": gap,
        "weighted_seats": {"optimizer": optimized.weighted_seats, "first_come": baseline.weighted_seats,
                           "optimizer_without_fairness": unfair.weighted_seats},
        "weighted_ratio": ratio,
        "weighted_ratio_without_fairness": unfair_ratio,
        "service_rate": {"optimizer": opt["service_rate"], "first_come": base["service_rate"]},
        "critical_service_rate": {"optimizer": opt["critical_service_rate"], "first_come": base["critical_service_rate"]},
        "remote_seat_share": {"optimizer": opt["remote_seat_share"], "first_come": base["remote_seat_share"]},
        "first_seat_coverage": {"optimizer": opt["first_seat_coverage"], "first_come": base["first_seat_coverage"]},
        "reasons": {"optimizer": opt["reasons"], "first_come": base["reasons"]},
        "shares_by_class": {
            c: {"asked": opt["shares_by_class"][c]["asked_share"],
                "first_come": base["shares_by_class"][c]["seat_share"],
                "optimizer": opt["shares_by_class"][c]["seat_share"]}
            for c in CLASSES
        },
        "peak_memory_mib": {"after_solve": peak_after_solve, "after_lp": peak_after_lp,
                            "measure": "resource.getrusage(RUSAGE_SELF).ru_maxrss (peak RSS of the process)"},
    }
    del problem, optimized, baseline, unfair, lp  # the other instances need the memory
    ratios = {seed: ratio}
    if not instance_dir:
        for other in range(seed + 1, seed + max(1, seeds)):
            ratios[other] = _ratio(generate(scale, other))
    report["ratio_by_seed"] = ratios
    report["weighted_ratio_median"] = statistics.median(ratios.values())
    report["peak_memory_mib"]["at_end"] = _peak_mib()
    report["targets"] = _targets(scale if not instance_dir else None, report)
    if as_json:
        print(json.dumps(report, indent=2, default=str))
    else:
        print(_text(report))
    return report


def _ratio(problem) -> float:
    """Optimizer's weighted seats over first come's on one more instance."""
    optimized = solve(problem, explain_reasons=False)
    baseline = first_come(problem, explain_reasons=False)
    return optimized.weighted_seats / baseline.weighted_seats if baseline.weighted_seats else 0.0


def _cpus():
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count()


def _targets(scale: str | None, report: dict) -> dict:
    targets = {
        "within 0.1% of the LP bound": report["gap_to_lp_bound"] <= GAP_TARGET,
        "weighted ratio >= 1.20 (median of the instances)": report["weighted_ratio_median"] >= RATIO_TARGET,
    }
    if scale in TIME_TARGETS:
        targets[f"solve <= {TIME_TARGETS[scale]:g} s"] = report["solve_seconds"] <= TIME_TARGETS[scale]
    if scale == "10x":
        targets["peak memory <= 2 GiB"] = report["peak_memory_mib"]["at_end"] <= MEMORY_TARGET_MIB
    return targets


def _text(r: dict) -> str:
    pct = lambda v: f"{100 * v:.1f}%"  # noqa: E731
    s = r["size"]
    lines = [
        f"Seat allocation benchmark — {r['source']} (Python {r['machine']['python']}, {r['machine']['cpus']} CPUs)",
        f"  {s['requests']:,} requests from {s['agencies']:,} agencies, {s['programs']:,} programs, "
        f"{s['sessions']:,} sessions; {s['seats_asked']:,} seats asked for {s['seats_offered']:,} offered",
        f"  instance built in {r['build_seconds']:.2f} s",
        f"solve seconds (optimizer with fairness, median of {len(r['solve_runs'])}): {r['solve_seconds']:.3f}"
        f"   [runs: {', '.join(f'{t:.3f}' for t in r['solve_runs'])}]",
        f"first come seconds (median): {r['first_come_seconds']:.3f}",
        f"objective as % of LP bound: {r['percent_of_lp_bound']:.4f}%  "
        f"(objective {r['objective']:,.1f}, LP bound {r['lp_bound']:,.1f}, GLOP {r['lp_seconds']:.2f} s)",
        f"weighted seats: optimizer {r['weighted_seats']['optimizer']:,.1f} / first come "
        f"{r['weighted_seats']['first_come']:,.1f} = ratio {r['weighted_ratio']:.3f}"
        f"   (without fairness rules: {r['weighted_ratio_without_fairness']:.3f})",
        _ratio_line(r["ratio_by_seed"], r["weighted_ratio_median"]),
        f"service rate:                optimizer {pct(r['service_rate']['optimizer'])}, "
        f"first come {pct(r['service_rate']['first_come'])}",
        f"critical-program service rate: optimizer {pct(r['critical_service_rate']['optimizer'])}, "
        f"first come {pct(r['critical_service_rate']['first_come'])}",
        f"remote-region seat share:    optimizer {pct(r['remote_seat_share']['optimizer'])}, "
        f"first come {pct(r['remote_seat_share']['first_come'])}",
        f"first-seat coverage (agency × critical program): optimizer "
        f"{pct(r['first_seat_coverage']['optimizer'])}, first come {pct(r['first_seat_coverage']['first_come'])}",
        "share of seats by weight class:",
        f"    {'class':<12} {'asked':>7} {'first come':>11} {'optimizer':>10}",
    ]
    for c, v in r["shares_by_class"].items():
        lines.append(f"    {c:<12} {pct(v['asked']):>7} {pct(v['first_come']):>11} {pct(v['optimizer']):>10}")
    m = r["peak_memory_mib"]
    lines.append(
        f"peak memory (ru_maxrss, peak RSS): {m['after_solve']:,.0f} MiB after optimizer and first come, "
        f"{m['after_lp']:,.0f} MiB after the LP bound, {m['at_end']:,.0f} MiB at the end"
    )
    for name, ok in r["targets"].items():
        lines.append(f"target {name}: {'met' if ok else 'MISSED'}")
    return "\n".join(lines)


def _ratio_line(ratios: dict, median: float) -> str:
    if len(ratios) == 1:
        return f"ratio on this one instance: {median:.3f}"
    seeds = list(ratios)
    return (
        f"ratio over {len(ratios)} instances (seeds {seeds[0]}–{seeds[-1]}): median {median:.3f}, "
        f"from {min(ratios.values()):.3f} to {max(ratios.values()):.3f}   "
        f"[{', '.join(f'{seed}: {v:.3f}' for seed, v in ratios.items())}]"
    )


HELP = "seat allocation: optimizer vs first come, LP bound, time, memory"


def add_arguments(parser) -> None:
    parser.add_argument("--scale", choices=["small", "fletc", "10x"], default="fletc")
    parser.add_argument("--instance", help="a folder of CSV files (agencies, programs, sessions, requests) instead of a synthetic instance")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--repeat", type=int, default=3, help="solves to take the median of")
    parser.add_argument("--seed", type=int, default=2024, help="synthetic instance seed")
    parser.add_argument("--seeds", type=int, default=5,
                        help="synthetic instances to take the ratio's median over: the seed and the ones after it")


def main(options: dict) -> int:
    """Run with parsed options; 0 when every target was met."""
    report = run(options["scale"], options["instance"], options["json"], options["repeat"], options["seed"],
                 options["seeds"])
    return 0 if all(report["targets"].values()) else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m puente.bench.allocation", description=__doc__.split("\n")[0])
    add_arguments(parser)
    sys.exit(main(vars(parser.parse_args())))

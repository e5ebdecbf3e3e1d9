"""Figures that compare allocations: one definition each, shared by the optimizer and first come.

* weighted fulfillment — weighted seats filled / weighted seats asked;
* service rate — seats filled / seats asked (FLETC's 45% in FY2024);
* requests served — requests that got every seat they asked for / requests;
* critical-program service rate — the service rate over mission-critical programs only;
* remote-region seat share — seats that went to remote-region agencies / seats filled;
* first-seat coverage — (agency, critical program) pairs with at least one seat / pairs asked;
* shares by weight class — for each class (critical program, border region, remote region,
  under-served, none of these) its share of seats asked and of seats filled, and its service
  rate. Classes overlap (a border agency can be remote too), so shares need not add up to 1.

The class table is what shows users the effect of their weights before they publish a run:
with demand well above capacity, weights act almost as strict priorities.
"""
from __future__ import annotations

from .model import Problem, Result

CLASSES = ("critical", "border", "remote", "underserved", "none")


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _classes(r, critical: frozenset) -> tuple:
    out = []
    if r.critical or r.program_id in critical:
        out.append("critical")
    if r.border:
        out.append("border")
    if r.remote:
        out.append("remote")
    if r.underserved:
        out.append("underserved")
    return tuple(out) or ("none",)


def shares_by_class(problem: Problem, result: Result) -> dict:
    critical = problem.critical_programs()
    asked = dict.fromkeys(CLASSES, 0)
    got = dict.fromkeys(CLASSES, 0)
    for r in problem.requests:
        filled = result.filled(r.id)
        for c in _classes(r, critical):
            asked[c] += r.seats
            got[c] += filled
    total_asked = sum(r.seats for r in problem.requests)
    total_got = result.seats_filled
    return {
        c: {
            "seats_asked": asked[c],
            "seats_filled": got[c],
            "asked_share": _ratio(asked[c], total_asked),
            "seat_share": _ratio(got[c], total_got),
            "service_rate": _ratio(got[c], asked[c]),
        }
        for c in CLASSES
    }


def metrics(problem: Problem, result: Result) -> dict:
    critical = problem.critical_programs()
    crit_asked = crit_got = remote_got = served = 0
    pairs_asked: set = set()
    pairs_got: set = set()
    for r in problem.requests:
        filled = result.filled(r.id)
        if filled >= r.seats:
            served += 1
        if r.remote:
            remote_got += filled
        if r.critical or r.program_id in critical:
            crit_asked += r.seats
            crit_got += filled
            pairs_asked.add((r.agency_id, r.program_id))
            if filled:
                pairs_got.add((r.agency_id, r.program_id))
    return {
        "method": result.method,
        "seats_asked": result.seats_requested,
        "seats_filled": result.seats_filled,
        "weighted_seats": result.weighted_seats,
        "objective": result.objective,
        "weighted_fulfillment": _ratio(result.weighted_seats, result.weighted_requested),
        "service_rate": _ratio(result.seats_filled, result.seats_requested),
        "requests_served": _ratio(served, len(problem.requests)),
        "critical_service_rate": _ratio(crit_got, crit_asked),
        "remote_seat_share": _ratio(remote_got, result.seats_filled),
        "first_seat_coverage": _ratio(len(pairs_got), len(pairs_asked)),
        "reasons": result.summary()["reasons"],
        "shares_by_class": shares_by_class(problem, result),
    }


def compare(problem: Problem, optimized: Result, baseline: Result) -> dict:
    """Both allocations' figures side by side, and the optimizer's weighted seats over first come's."""
    return {
        "optimizer": metrics(problem, optimized),
        "first_come": metrics(problem, baseline),
        "weighted_ratio": _ratio(optimized.weighted_seats, baseline.weighted_seats),
    }


def format_shares(comparison: dict) -> str:
    """A plain-text table of each weight class's share of seats, optimizer against first come."""
    opt = comparison["optimizer"]["shares_by_class"]
    base = comparison["first_come"]["shares_by_class"]
    lines = [f"{'class':<12} {'asked':>7} {'first come':>11} {'optimizer':>10}"]
    for c in CLASSES:
        lines.append(
            f"{c:<12} {opt[c]['asked_share']:>7.1%} {base[c]['seat_share']:>11.1%} {opt[c]['seat_share']:>10.1%}"
        )
    return "\n".join(lines)

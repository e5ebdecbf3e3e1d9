"""Allocation runs: the database in and out of the pure allocation core.

Months: requests and sessions are stored with calendar dates and months (January = 1); the core
plans in fiscal months, October = 1, so "earliest" follows the fiscal year.
"""
import time
from dataclasses import replace

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from puente.core.jobs import JobError, job

from .allocation.baseline import first_come
from .allocation.lp import solve_lp
from .allocation.metrics import compare
from .allocation.model import UNDERSERVED_SHARE, Problem, ProblemError, Rules, RulesError, smallest_share
from .allocation.planning import plan
from .allocation.solver import solve
from .models import AllocationRun, RunOutcome, Session, TrainingRequest

# A program manager's priority (-5..5) scales a request's weight by 1 + PRIORITY_STEP × priority.
PRIORITY_STEP = 0.2


def fiscal_month(calendar_month: int) -> int:
    """October is the first month of the U.S. federal fiscal year."""
    return (calendar_month - 10) % 12 + 1


def calendar_month(month_of_fiscal_year: int) -> int:
    return (month_of_fiscal_year + 8) % 12 + 1


# What is wrong with a rule, by RulesError code, in the reader's language.
RULE_PROBLEMS = {
    "not_a_number": gettext_lazy("must be a number, got %(value)s"),
    "not_finite": gettext_lazy("must be finite, got %(value)s"),
    "not_positive": gettext_lazy("must be greater than zero, got %(value)s"),
    "negative": gettext_lazy("must be zero or more, got %(value)s"),
    "not_a_share": gettext_lazy("must be a share between 0 and 1, got %(value)s"),
    "not_a_boolean": gettext_lazy("must be true or false, got %(value)s"),
    "not_a_mapping": gettext_lazy("must be a mapping, got %(value)s"),
    "unknown": gettext_lazy("unknown rule (known: %(value)s)"),
}


def parse_rules(data) -> Rules:
    """Rules from a stored or uploaded mapping; a bad field raises JobError naming it."""
    try:
        return Rules.from_dict(data or {})
    except RulesError as exc:
        raise JobError(f"rules.{exc.field}: {RULE_PROBLEMS[exc.code] % {'value': exc.shown}}") from None


def run_refusal(fiscal_year: int, rules: Rules) -> dict | None:
    """Why the year cannot be allocated under `rules`, as {field: message}, or None when it can."""
    if not TrainingRequest.objects.filter(window__fiscal_year=fiscal_year, status=TrainingRequest.Status.SUBMITTED).exists():
        return {"fiscal_year": _("There are no submitted requests for FY%(year)s.") % {"year": fiscal_year}}
    if not Session.objects.filter(fiscal_year=fiscal_year).exclude(status=Session.Status.CANCELLED).exists():
        return {"fiscal_year": _("There are no sessions in FY%(year)s: plan or import the year's sessions before allocating.") % {"year": fiscal_year}}
    unknown = _unknown_codes(rules)
    if unknown:
        return {"rules": unknown}
    refusal = share_cap_refusal(fiscal_year, rules)
    return {"max_share": refusal} if refusal else None


def _unknown_codes(rules: Rules) -> str | None:
    """Rules name programs and threats by their catalog codes; say which codes the catalog lacks."""
    from puente.catalog.models import Program, ThreatTag

    checks = (
        ("program_relevance", Program, gettext_lazy("no program has the code %(codes)s")),
        ("threat_weights", ThreatTag, gettext_lazy("no threat has the code %(codes)s")),
    )
    for name, model, message in checks:
        codes = set(getattr(rules, name))
        unknown = sorted(codes - set(model.objects.filter(code__in=codes).values_list("code", flat=True)))
        if unknown:
            return f"rules.{name}: {message % {'codes': ', '.join(unknown)}}"
    return None


def share_cap_refusal(fiscal_year: int, rules: Rules) -> str | None:
    """Why the share cap cannot hold in the year: requested programs whose seats leave one agency none.

    A share of 0.25 in a program of three seats caps every agency at no seat at all, which would
    leave the program empty while it is asked for; the program manager chooses a larger share or
    no cap instead of the engine quietly raising the cap.
    """
    if rules.max_share is None:
        return None
    requested = TrainingRequest.objects.filter(window__fiscal_year=fiscal_year, status=TrainingRequest.Status.SUBMITTED).values("program")
    seats_by_program = (
        Session.objects.filter(fiscal_year=fiscal_year, program__in=requested).exclude(status=Session.Status.CANCELLED)
        .values_list("program__code").annotate(seats=Sum("seats")).order_by("seats", "program__code")
    )
    blocked = [(code, seats) for code, seats in seats_by_program if seats and rules.share_cap_seats(seats) < 1]
    if not blocked:
        return None
    fewest = blocked[0][1]
    return _(
        "A largest share of %(share)s leaves no agency a seat in %(programs)s: "
        "one agency may take at most %(share)s of a program's seats, and %(program)s has %(seats)s. "
        "Use a share of at least %(minimum)s, or leave it empty for no cap."
    ) % {
        "share": f"{rules.max_share:g}", "programs": ", ".join(f"{code} ({seats})" for code, seats in blocked),
        "program": blocked[0][0], "seats": fewest, "minimum": f"{smallest_share(fewest):g}",
    }


def build_problem(fiscal_year: int, rules: Rules) -> Problem:
    """The fiscal year's submitted requests and planned sessions as an allocation problem."""
    from puente.catalog.models import Program

    from .allocation import model as m

    if rules.program_relevance:  # the rules name programs by code; the problem knows them by id
        ids = dict(Program.objects.filter(code__in=rules.program_relevance).values_list("code", "pk"))
        rules = replace(rules, program_relevance={ids[code]: factor for code, factor in rules.program_relevance.items() if code in ids})

    requests = list(
        TrainingRequest.objects.filter(window__fiscal_year=fiscal_year, status=TrainingRequest.Status.SUBMITTED)
        .select_related("agency", "program").prefetch_related("preferred_sites", "program__threats")
        .order_by("submitted_at", "id")
    )
    sessions = list(Session.objects.filter(fiscal_year=fiscal_year).exclude(status=Session.Status.CANCELLED).select_related("program"))
    programs = {}
    for item in [r.program for r in requests] + [s.program for s in sessions]:
        if item.pk not in programs:
            weights = [float(t.weight) for t in item.threats.all()]
            programs[item.pk] = m.Program(
                id=item.pk, name=item.code, relevance=max(weights, default=1.0), critical=item.mission_critical,
                threat_tags=frozenset(t.code for t in item.threats.all()),
            )
    underserved = _underserved_agencies(fiscal_year)
    agencies = {
        r.agency_id: m.Agency(id=r.agency_id, name=r.agency.name, border=r.agency.border_region,
                              remote=r.agency.remote, underserved=r.agency_id in underserved)
        for r in requests
    }
    problem = Problem.build(
        agencies=agencies.values(), programs=programs.values(), rules=rules,
        sessions=[m.Session(id=s.pk, program_id=s.program_id, site_id=s.site_id, month=fiscal_month(s.start_date.month), capacity=s.seats) for s in sessions],
        requests=[
            m.Request(
                id=r.pk, agency_id=r.agency_id, program_id=r.program_id, seats=r.seats, order=index,
                months=frozenset(fiscal_month(month) for month in r.preferred_months),
                sites=frozenset(site.pk for site in r.preferred_sites.all()),
            )
            for index, r in enumerate(requests)
        ],
    )
    priorities = {r.pk: r.priority for r in requests}
    if any(priorities.values()):
        weighted = [replace(r, weight=r.weight * max(0.0, 1 + PRIORITY_STEP * priorities[r.id])) for r in problem.requests]
        problem = replace(problem, requests=tuple(weighted))
    return problem


def _underserved_agencies(fiscal_year: int) -> set:
    """Agencies that got under `UNDERSERVED_SHARE` (a quarter) of the seats they asked for in last year's published run."""
    last = AllocationRun.objects.filter(fiscal_year=fiscal_year - 1, status=AllocationRun.Status.PUBLISHED).order_by("-published_at").first()
    if last is None:
        return set()
    totals: dict = {}
    for agency_id, asked, got in last.outcomes.values_list("request__agency_id", "seats_requested", "seats_allocated"):
        a, g = totals.get(agency_id, (0, 0))
        totals[agency_id] = (a + asked, g + got)
    return {agency for agency, (asked, got) in totals.items() if asked and got < UNDERSERVED_SHARE * asked}


@job("capacity.allocate")
def allocate_job(progress, actor, *, run_id: int) -> dict:
    """Solve a run: optimizer with fairness, first-come baseline, LP bound, capacity plan."""
    run = AllocationRun.objects.get(pk=run_id)
    try:
        return _solve_run(run, progress)
    except (JobError, ProblemError) as exc:
        AllocationRun.objects.filter(pk=run.pk).update(status=AllocationRun.Status.FAILED, error=str(exc))
        raise JobError(str(exc)) from None


def _solve_run(run: AllocationRun, progress) -> dict:
    timings = {}
    started = time.perf_counter()
    progress(5, _("Reading requests and sessions"))
    rules = parse_rules(run.rules)
    refusal = run_refusal(run.fiscal_year, rules)
    if refusal:  # requests or sessions changed between the start of the run and its solve
        raise JobError(" ".join(refusal.values()))
    problem = build_problem(run.fiscal_year, rules)
    timings["build"] = time.perf_counter() - started
    progress(20, _("Optimizing %(count)s requests") % {"count": len(problem.requests)})
    optimized = solve(problem, fairness=True)
    timings["optimizer"] = optimized.seconds
    progress(50, _("First come, first served, for comparison"))
    baseline = first_come(problem)
    timings["first_come"] = baseline.seconds
    progress(65, _("LP bound and capacity planning"))
    lp = solve_lp(problem, fairness=True)
    timings["lp"] = lp.seconds
    capacity_plan = plan(problem, limit=15, lp=lp)
    timings["planning"] = capacity_plan.seconds
    summary = compare(problem, optimized, baseline)
    summary.update(
        lp_bound=lp.objective, optimality=optimized.objective / lp.objective if lp.objective else 1.0,
        timings=timings, requests=len(problem.requests), sessions=len(problem.sessions),
        uncovered=[u.__dict__ for u in optimized.uncovered],
    )
    progress(80, _("Saving outcomes"))
    outcomes = []
    for request in problem.requests:
        reason = optimized.reasons.get(request.id)
        outcomes.append(RunOutcome(
            run=run, request_id=request.id, seats_requested=request.seats, seats_allocated=optimized.filled(request.id),
            first_come_seats=baseline.filled(request.id), weight=request.weight,
            reason_code=reason.code if reason else "", reason_params=_plain(dict(reason.params)) if reason else {},
            allocation={str(k): v for k, v in optimized.allocations.get(request.id, {}).items()},
        ))
    with transaction.atomic():
        RunOutcome.objects.filter(run=run).delete()
        RunOutcome.objects.bulk_create(outcomes, batch_size=2000)
        AllocationRun.objects.filter(pk=run.pk).update(
            status=AllocationRun.Status.DONE, summary=_plain(summary),
            plan={"sessions": [_candidate(c) for c in capacity_plan.sessions], "instructor_days": [_candidate(c) for c in capacity_plan.instructor_days]},
        )
    progress(100, _("Done"))
    return {"run": run.pk, "seats_filled": optimized.seats_filled, "seats_requested": optimized.seats_requested,
            "weighted_ratio": round(summary["weighted_ratio"], 3)}


def _candidate(candidate) -> dict:
    data = _plain(candidate.as_dict())
    data["calendar_month"] = calendar_month(candidate.month)
    return data


def _plain(value):
    """JSON-ready copies of the core's values (sets, tuples, non-string keys)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 6)
    return value


def latest_published(fiscal_year: int) -> AllocationRun | None:
    return AllocationRun.objects.filter(fiscal_year=fiscal_year, status=AllocationRun.Status.PUBLISHED).order_by("-published_at").first()


def years_with_requests() -> list[int]:
    return list(TrainingRequest.objects.order_by("-window__fiscal_year").values_list("window__fiscal_year", flat=True).distinct())



def try_extra_session(run: AllocationRun, *, program_id: int, site_id: int, month: int, seats: int) -> dict:
    """What if the run had one more session? Predicted gain from the duals, then an actual re-solve."""
    from .allocation import model as m
    from .allocation.planning import what_if

    problem = build_problem(run.fiscal_year, parse_rules(run.rules))
    extra = m.Session(id=f"extra-{program_id}-{site_id}-{month}", program_id=program_id, site_id=site_id,
                      month=month, capacity=seats)
    outcome = what_if(problem, add_sessions=[extra])
    return {
        "predicted_gain": outcome.predicted_gain, "actual_gain": outcome.actual_gain,
        "actual_weighted_gain": outcome.actual_weighted_gain, "actual_seats_gain": outcome.actual_seats_gain,
    }

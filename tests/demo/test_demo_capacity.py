"""The demand-and-capacity demo data: FLETC's FY2023 and FY2024 figures, reproduced by real runs."""
from collections import Counter

import pytest
from django.db import transaction
from django.db.models import Sum

from puente.capacity.allocation.model import Rules
from puente.capacity.models import AllocationRun, Instructor, RequestWindow, RunOutcome, Session, Site, TrainingRequest
from puente.capacity.runs import parse_rules, share_cap_refusal
from puente.demo import builder, capacity
from puente.demo.builder import DemoContext
from puente.demo.catalog import MISSION_CRITICAL

SCALE = 0.02


def build_demo(seed=7, scale=SCALE) -> DemoContext:
    """The demo up to its capacity part: all these figures depend on."""
    ctx = DemoContext(seed=seed, scale=scale)
    builder.build(ctx, until="capacity")
    return ctx


def requested_by_program() -> dict:
    rows = TrainingRequest.objects.values_list("window__fiscal_year", "program__code").annotate(seats=Sum("seats"))
    return {(year, code): seats for year, code, seats in rows}


def requested_seats(year: int) -> int:
    return TrainingRequest.objects.filter(window__fiscal_year=year).aggregate(seats=Sum("seats"))["seats"]


def filled_seats(run: AllocationRun, **filters) -> tuple[int, int]:
    sums = run.outcomes.filter(**filters).aggregate(asked=Sum("seats_requested"), got=Sum("seats_allocated"))
    return sums["asked"], sums["got"]


@pytest.fixture
def demo(db):
    return build_demo()


def test_targets_follow_the_source_figures():
    full = DemoContext(seed=1, scale=1.0)
    assert capacity.targets(full) == {2023: (18_881, 10_196), 2024: (24_923, 11_246)}
    assert round(24_923 / 18_881 - 1, 2) == 0.32
    assert round(11_246 / 24_923, 2) == 0.45
    small = DemoContext(seed=1, scale=SCALE)
    assert capacity.targets(small) == {2023: (378, round(378 * 0.54)), 2024: (498, 225)}


def test_windows_requests_and_published_runs_match_the_targets(demo):
    windows = {w.fiscal_year: w.status for w in RequestWindow.objects.all()}
    assert windows == {2023: "closed", 2024: "closed", 2025: "open"}
    assert TrainingRequest.objects.filter(window__fiscal_year=2025).exists()

    for year, (requested, filled) in capacity.targets(demo).items():
        assert requested_seats(year) == requested
        run = demo.data["runs"][year]
        assert run.status == AllocationRun.Status.PUBLISHED and run.published_at
        assert AllocationRun.objects.filter(fiscal_year=year, status="published").get() == run
        assert filled_seats(run) == (requested, filled)
        assert run.summary["optimizer"]["seats_filled"] == filled
        # Capacity binds: every session seat of the year is filled.
        seats = Session.objects.filter(fiscal_year=year).aggregate(seats=Sum("seats"))["seats"]
        assert seats == filled
    assert requested_seats(2023) == demo.scaled(18_881)  # round(24,923 / 1.32) at full scale
    assert demo.counts["allocation_runs"] == 2
    assert demo.counts["sessions"] == Session.objects.count()
    assert demo.counts["training_requests"] == TrainingRequest.objects.count()


@pytest.mark.parametrize("seed, scale", [(3, 0.002), (11, 0.01)])
def test_figures_are_exact_at_other_scales(db, seed, scale):
    """Exact, not within rounding: each year's sessions hold exactly the seats to fill and the data
    lets the optimizer fill them all, so the only rounding is in the targets themselves."""
    ctx = build_demo(seed=seed, scale=scale)
    for year, (requested, filled) in capacity.targets(ctx).items():
        assert filled_seats(ctx.data["runs"][year]) == (requested, filled)


def test_runs_keep_the_default_rules_where_every_program_has_seats_for_the_share_cap(demo):
    for run in demo.data["runs"].values():
        assert run.rules == Rules().to_dict()


def test_a_tiny_demo_raises_the_share_cap_just_enough(db):
    tiny = build_demo(seed=3, scale=0.002)  # programs of three seats: a quarter of them is no seat
    raised = {year: run.rules["max_share"] for year, run in tiny.data["runs"].items()}
    assert any(share > Rules().max_share for share in raised.values())
    for year, share in raised.items():
        assert share_cap_refusal(year, parse_rules({"max_share": share})) is None
        assert share == Rules().max_share or share_cap_refusal(year, parse_rules({"max_share": share - 0.01}))


def test_mission_critical_programs_are_served_worst(demo):
    for year in capacity.PAST_YEARS:
        run = demo.data["runs"][year]
        asked, got = filled_seats(run)
        critical_asked, critical_got = filled_seats(run, request__program__code__in=MISSION_CRITICAL)
        assert critical_got / critical_asked < 0.8 * got / asked
        for code in MISSION_CRITICAL:
            program_asked, program_got = filled_seats(run, request__program__code=code)
            assert 0 < program_got / program_asked < got / asked
    # Some requests name a program with no session that year, and say so.
    assert RunOutcome.objects.filter(run=demo.data["runs"][2024], reason_code="no_session").exists()


def test_requests_are_realistic(demo):
    requests = TrainingRequest.objects.filter(window__fiscal_year=2024).select_related("agency", "window")
    sizes = Counter(r.seats for r in requests)
    assert max(sizes) <= 12 and min(sizes) >= 1
    assert sum(n for seats, n in sizes.items() if seats <= 4) > 0.7 * sum(sizes.values())
    by_country = Counter()
    for r in requests:
        by_country[r.agency.country_id] += r.seats
        assert r.window.opens_on <= r.submitted_at.date() <= r.window.closes_on
        r.full_clean()
    assert by_country["US"] > 0.75 * sum(by_country.values())
    assert not requests.filter(agency__level="federal", agency__country="US").exists()
    coordinator = demo.data["demo_agencies"]["coordinator"]
    assert TrainingRequest.objects.filter(agency=coordinator, window__fiscal_year=2024).exists()
    assert requests.exclude(preferred_months=[]).exists()
    assert requests.filter(preferred_sites__isnull=False).exists()


def test_sites_sessions_and_instructors(demo):
    assert {"FLETC-GLYNCO", "FLETC-ARTESIA", "FLETC-CHARLESTON", "FLETC-CHELTENHAM"} <= set(
        Site.objects.filter(kind="campus", agency__code="US-FLETC").values_list("code", flat=True))
    assert Site.objects.filter(kind="export").count() == 5
    assert Site.objects.get(code="MX-BC-ACAD").agency == demo.data["demo_agencies"]["registrar"]
    for session in Session.objects.select_related("program", "site", "room"):
        session.full_clean()
        assert session.fiscal_year in (2023, 2024)
        assert session.room is not None and session.room.site_id == session.site_id
        assert session.instructors.exists()
    instructor = demo.data["demo_instructor"]
    assert instructor.person.agency == demo.data["demo_agencies"]["registrar"]
    assert instructor.sessions.filter(fiscal_year=2024).exists()
    assert all(i.programs.count() >= 2 for i in Instructor.objects.all())


def test_same_seed_same_demand(db):
    savepoint = transaction.savepoint()
    build_demo()
    first = requested_by_program()
    transaction.savepoint_rollback(savepoint)
    assert not TrainingRequest.objects.exists()
    build_demo()
    assert requested_by_program() == first

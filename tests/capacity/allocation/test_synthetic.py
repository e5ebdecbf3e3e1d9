"""The synthetic instance generator: deterministic, and shaped like the source figures."""
import pytest

from puente.capacity.allocation import SCALES, first_come, generate, solve
from puente.capacity.allocation.synthetic import Scale


def test_same_seed_same_instance():
    assert generate("small", 42) == generate("small", 42)
    assert generate("small", 42) != generate("small", 43)


def test_fletc_scale_has_the_source_proportions():
    problem = generate("fletc", 2024)
    scale = SCALES["fletc"]
    assert len(problem.requests) == scale.requests == 25_000
    assert len(problem.sessions) == scale.sessions == 3_000
    assert len({r.program_id for r in problem.requests}) == 150
    assert 1_300 <= len({r.agency_id for r in problem.requests}) <= 1_500
    asked = sum(r.seats for r in problem.requests)
    offered = sum(s.capacity for s in problem.sessions)
    assert asked / offered == pytest.approx(2.2, rel=0.05)
    weights = {p.relevance for p in problem.programs.values()}
    assert min(weights) == 1.0 and max(weights) == 5.0


def test_service_rate_is_near_the_source_and_the_optimizer_beats_first_come():
    problem = generate("small", 1)
    optimized, today = solve(problem), first_come(problem)
    assert 0.3 < today.seats_filled / today.seats_requested < 0.6
    assert optimized.weighted_seats > today.weighted_seats


def test_unknown_scale_and_custom_scale():
    with pytest.raises(ValueError, match="unknown scale"):
        generate("huge")
    problem = generate(Scale(requests=30, agencies=5, programs=3, sessions=6, sites=2), 1)
    assert len(problem.requests) == 30 and len(problem.sessions) == 6


def test_under_served_is_last_years_first_come_outcome():
    """Puente's own rule decides the flag: late filers, whom first come served badly the year before."""
    problem = generate("small", 3)
    flagged = {a.id for a in problem.agencies.values() if a.underserved}
    asking = {r.agency_id for r in problem.requests}
    assert 0 < len(flagged & asking) < len(asking)
    order = {a: [r.order for r in problem.requests if r.agency_id == a] for a in asking}
    mean = lambda agencies: sum(sum(order[a]) / len(order[a]) for a in agencies) / len(agencies)  # noqa: E731
    assert mean(flagged & asking) > mean(asking - flagged)

"""The optimizer: optimal (LP bound, brute force), feasible, and fair."""
import itertools
import random

import pytest

from puente.capacity.allocation import (
    FAIRNESS_CAP,
    Problem,
    Request,
    Rules,
    Session,
    first_come,
    generate,
    solve,
    solve_lp,
)


def random_problem(rng: random.Random, *, requests: int, sessions: int, programs: int = 2, agencies: int = 3,
                   max_seats: int = 3, max_capacity: int = 4, rules: Rules | None = None,
                   continuous: bool = False) -> Problem:
    progs = [f"P{k}" for k in range(programs)]
    critical = {p for p in progs if rng.random() < 0.5}
    sess = [
        Session(f"s{k}", rng.choice(progs), rng.choice("AB"), rng.randint(1, 4), rng.randint(0, max_capacity))
        for k in range(sessions)
    ]
    reqs = []
    for k in range(requests):
        program = rng.choice(progs)
        months = frozenset(rng.sample(range(1, 5), rng.randint(1, 3))) if rng.random() < 0.5 else frozenset()
        sites = frozenset(rng.choice("AB")) if rng.random() < 0.3 else frozenset()
        reqs.append(Request(
            f"r{k}", f"a{rng.randrange(agencies)}", program, rng.randint(1, max_seats),
            weight=rng.choice((1.0, 1.5, 2.0, 2.5, 3.7, 5.0)) if not continuous else round(rng.uniform(0.5, 6), 5),
            months=months, sites=sites, order=rng.randrange(100),
            critical=program in critical,
        ))
    return Problem(reqs, sess, rules or Rules(max_share=rng.choice((None, 0.3, 0.5))))


def brute_force(problem: Problem) -> float:
    """The best objective over every feasible allocation (tiny problems only)."""
    caps = problem.agency_caps()
    bonus = problem.first_seat_bonus()
    critical = problem.critical_programs()
    options = []
    for r in problem.requests:
        fits = [s for s in problem.sessions if r.accepts(s) and s.capacity > 0]
        choices = [
            dict(zip([s.id for s in fits], counts))
            for counts in itertools.product(range(r.seats + 1), repeat=len(fits))
            if sum(counts) <= r.seats
        ]
        options.append(choices)
    capacity = {s.id: s.capacity for s in problem.sessions}
    best = 0.0
    for combo in itertools.product(*options):
        load, pair = {}, {}
        value = 0.0
        for r, alloc in zip(problem.requests, combo):
            n = sum(alloc.values())
            value += r.weight * n
            pair[(r.agency_id, r.program_id)] = pair.get((r.agency_id, r.program_id), 0) + n
            for sid, k in alloc.items():
                load[sid] = load.get(sid, 0) + k
        if any(load[sid] > capacity[sid] for sid in load):
            continue
        if any(caps.get(p) is not None and n > caps[p] for (_, p), n in pair.items()):
            continue
        value += bonus * sum(1 for (_, p), n in pair.items() if n and p in critical)
        best = max(best, value)
    return best


def check_feasible(problem: Problem, result):
    by_id = {r.id: r for r in problem.requests}
    sessions = {s.id: s for s in problem.sessions}
    for rid, alloc in result.allocations.items():
        r = by_id[rid]
        assert sum(alloc.values()) <= r.seats, f"{rid} got more than it asked for"
        for sid, n in alloc.items():
            assert n > 0
            assert r.accepts(sessions[sid]), f"{rid} placed outside its program, months or sites"
    for sid, load in result.session_load().items():
        assert load <= sessions[sid].capacity, f"session {sid} over capacity"
    for r in problem.requests:
        assert (r.id in result.reasons) == (result.filled(r.id) < r.seats)


@pytest.mark.parametrize("seed", range(12))
def test_matches_brute_force_on_tiny_problems(seed):
    rng = random.Random(seed)
    problem = random_problem(
        rng, requests=rng.randint(2, 4), sessions=rng.randint(1, 3), max_seats=2, max_capacity=3, continuous=seed >= 6
    )
    result = solve(problem)
    check_feasible(problem, result)
    assert result.objective == pytest.approx(brute_force(problem), rel=1e-4, abs=1e-9)


@pytest.mark.parametrize("seed", range(8))
def test_within_a_tenth_of_a_percent_of_the_lp_bound(seed):
    rng = random.Random(100 + seed)
    if seed < 5:
        # Weights with five decimals exercise the rounding to integer costs.
        problem = random_problem(
            rng, requests=80, sessions=14, programs=3, agencies=8, max_seats=4, max_capacity=9, continuous=seed % 2 == 0
        )
    else:
        problem = generate("small", seed)
    result = solve(problem)
    lp = solve_lp(problem)
    check_feasible(problem, result)
    assert result.objective <= lp.objective * (1 + 1e-9) + 1e-6
    assert result.objective >= lp.objective * (1 - 0.001)
    without = solve(problem, fairness=False)
    assert without.weighted_seats >= solve_lp(problem, fairness=False).objective * (1 - 0.001)


def test_feasible_on_a_synthetic_instance_for_both_methods():
    problem = generate("small", 7)
    for result in (solve(problem), first_come(problem)):
        check_feasible(problem, result)
        assert result.seats_filled == sum(result.session_load().values())


def test_prefers_higher_weight_within_capacity_and_windows():
    sessions = [Session("jan", "P", "A", 1, 1), Session("feb", "P", "A", 2, 1)]
    requests = [
        Request("low-any", "a1", "P", 1, weight=1.0, order=0),
        Request("high-jan", "a2", "P", 1, weight=3.0, order=1, months=frozenset({1})),
        Request("mid-any", "a3", "P", 1, weight=2.0, order=2),
    ]
    result = solve(Problem(requests, sessions, Rules(max_share=None)))
    assert result.allocations == {"high-jan": {"jan": 1}, "mid-any": {"feb": 1}}
    assert result.weighted_seats == 5.0
    # First come gives January to the early, low-weight request and nothing to the rest of them... but February.
    today = first_come(Problem(requests, sessions, Rules(max_share=None)))
    assert today.allocations == {"low-any": {"jan": 1}, "mid-any": {"feb": 1}}


def test_first_seat_fairness_gives_each_agency_a_critical_seat():
    sessions = [Session("s", "TACMED", "A", 1, 3)]
    requests = [
        Request("big", "metro", "TACMED", 3, weight=5.0, critical=True),
        Request("small", "tribal", "TACMED", 1, weight=1.0, critical=True),
    ]
    fair = solve(Problem(requests, sessions, Rules(max_share=None)))
    assert fair.allocations == {"big": {"s": 2}, "small": {"s": 1}}
    assert fair.first_seats == 2 and fair.uncovered == ()
    unfair = solve(Problem(requests, sessions, Rules(max_share=None, first_seat_fairness=False)))
    assert unfair.allocations == {"big": {"s": 3}}
    assert [(u.agency_id, u.program_id) for u in unfair.uncovered] == [("tribal", "TACMED")]


def test_first_seat_applies_to_critical_programs_only():
    sessions = [Session("s", "ROUTINE", "A", 1, 3)]
    requests = [
        Request("big", "metro", "ROUTINE", 3, weight=5.0),
        Request("small", "tribal", "ROUTINE", 1, weight=1.0),
    ]
    assert solve(Problem(requests, sessions, Rules(max_share=None))).allocations == {"big": {"s": 3}}


def test_agency_left_without_first_seat_is_reported_with_a_reason():
    sessions = [Session("s", "TACMED", "A", 1, 1)]
    requests = [
        Request("a", "one", "TACMED", 1, weight=2.0, critical=True),
        Request("b", "two", "TACMED", 1, weight=1.0, critical=True),
        Request("c", "three", "TACMED", 1, weight=1.0, critical=True, months=frozenset({5})),
    ]
    result = solve(Problem(requests, sessions, Rules(max_share=None)))
    assert result.allocations == {"a": {"s": 1}}
    uncovered = {u.agency_id: u for u in result.uncovered}
    assert set(uncovered) == {"two", "three"}
    assert uncovered["two"].code == "lower_priority" and "request a" in uncovered["two"].detail
    assert uncovered["three"].code == "no_session"


def test_share_cap_limits_an_agency():
    sessions = [Session("s1", "P", "A", 1, 5), Session("s2", "P", "A", 2, 5)]
    requests = [
        Request("metro", "metro", "P", 6, weight=5.0),
        Request("rural", "rural", "P", 2, weight=1.0),
    ]
    result = solve(Problem(requests, sessions, Rules(max_share=0.3)))
    assert result.filled("metro") == 3  # 30% of 10 seats
    assert result.filled("rural") == 2
    assert result.reasons["metro"].code == FAIRNESS_CAP
    assert solve(Problem(requests, sessions, Rules(max_share=None))).filled("metro") == 6


def test_cap_is_at_least_one_seat():
    sessions = [Session("s", "P", "A", 1, 3)]
    requests = [Request("r", "x", "P", 3, weight=1.0)]
    assert solve(Problem(requests, sessions, Rules(max_share=0.01))).filled("r") == 1


def test_explicit_bonus_is_used_and_results_are_deterministic():
    problem = generate("tiny", 3, Rules(first_seat_bonus=25.0))
    first, second = solve(problem), solve(problem)
    assert first.allocations == second.allocations
    assert first.first_seat_bonus == 25.0
    assert first.objective == pytest.approx(first.weighted_seats + 25.0 * first.first_seats)


def test_empty_problem():
    result = solve(Problem([], []))
    assert result.seats_filled == 0 and result.allocations == {} and result.reasons == {}

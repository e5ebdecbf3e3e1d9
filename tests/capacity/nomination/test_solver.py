"""The assignment: feasible, near-optimal (CP-SAT and brute force), explained, deterministic."""
import itertools
import math
import os
import random
import subprocess
import sys
from datetime import date, timedelta

import pytest
from ortools.sat.python import cp_model

from puente.capacity.nomination import (
    ASSIGNMENT_REASONS,
    NO_SEATS,
    NOT_ELIGIBLE,
    OFFICER_CAP,
    OVERLAP,
    PREREQUISITE_UNASSIGNED,
    SEATS_FULL,
    Candidate,
    Officer,
    Problem,
    SessionSlot,
    generate,
    lp_relaxation,
    solve,
)
from puente.capacity.nomination.solver import officer_rows

START = date(2025, 1, 6)


def random_problem(rng: random.Random, *, candidates: int, officers: int, sessions: int, agencies: int = 2,
                   span: int = 20, prerequisites: bool = True) -> Problem:
    """Small instances dense in conflicts: short term, few sessions, caps of 1 to 3, a prerequisite."""
    programs = ["p0", "p1", "p2"]
    slots = []
    for k in range(sessions):
        start = START + timedelta(days=rng.randrange(span))
        slots.append(SessionSlot(f"s{k}", rng.choice(programs), start, start + timedelta(days=rng.randint(0, 4))))
    prereq = {"p2": frozenset({"p0"})} if prerequisites and rng.random() < 0.5 else {}
    people = [
        Officer(f"o{k}", f"a{rng.randrange(agencies)}", cap=rng.choice((None, 1, 2, 2, 3)),
                completed=frozenset({"p0"}) if rng.random() < 0.3 else frozenset())
        for k in range(officers)
    ]
    pairs = [(o, s) for o in people for s in slots]
    rng.shuffle(pairs)
    cands = []
    for k, (o, s) in enumerate(pairs[:candidates]):
        bad = rng.random() < 0.08
        cands.append(Candidate(f"c{k}", o.id, s.id, o.agency_id, rng.randint(0, 20), eligible=not bad,
                               reason=rng.choice(("inactive", "vetting", "")) if bad else ""))
    agency_ids = sorted({o.agency_id for o in people})
    seats = {(a, s.id): rng.randint(0, 3) for a in agency_ids for s in slots if rng.random() < 0.9}
    return Problem(people, slots, cands, seats, prereq)


def cp_sat_optimum(problem: Problem) -> float:
    """The exact optimum, modelled straight from the rules (pairwise overlaps, not cliques)."""
    sessions = {s.id: s for s in problem.sessions}
    officers = {o.id: o for o in problem.officers}
    model = cp_model.CpModel()
    x = {c.id: model.NewBoolVar(str(c.id)) for c in problem.candidates}
    groups, by_officer = {}, {}
    for c in problem.candidates:
        if not c.eligible:
            model.Add(x[c.id] == 0)
        groups.setdefault((c.agency_id, c.session_id), []).append(c)
        by_officer.setdefault(c.officer_id, []).append(c)
    for key, members in groups.items():
        model.Add(sum(x[c.id] for c in members) <= problem.seats.get(key, 0))
    for oid, held in by_officer.items():
        officer = officers[oid]
        if officer.cap is not None:
            model.Add(sum(x[c.id] for c in held) <= officer.cap)
        for a, b in itertools.combinations(held, 2):
            if sessions[a.session_id].overlaps(sessions[b.session_id]):
                model.Add(x[a.id] + x[b.id] <= 1)
        for c in held:
            s = sessions[c.session_id]
            for program in problem.prerequisites.get(s.program_id, ()):
                if program not in officer.completed:
                    earlier = [d for d in held if sessions[d.session_id].program_id == program
                               and sessions[d.session_id].end < s.start]
                    model.Add(x[c.id] <= sum(x[d.id] for d in earlier))
    model.Maximize(sum(int(c.value) * x[c.id] for c in problem.candidates))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.Solve(model) == cp_model.OPTIMAL
    return solver.ObjectiveValue()


def brute_optimum(problem: Problem) -> float:
    best = 0.0
    cands = problem.candidates
    for r in range(len(cands) + 1):
        for subset in itertools.combinations(cands, r):
            if not problem.violations(c.id for c in subset):
                best = max(best, sum(c.value for c in subset))
    return best


def check_result(problem: Problem, result, *, seats_by_value: bool = False) -> None:
    """Feasible, every other candidate explained, and the explanation true.

    ``seats_by_value``: a full seat is held by officers worth at least as much as the one left out.
    """
    assert problem.violations(result.assigned) == []
    ids = [c.id for c in problem.candidates]
    assert list(result.assigned) == [i for i in ids if i in set(result.assigned)]  # problem order
    assert set(result.assigned) | set(result.reasons) == set(ids)
    assert not set(result.assigned) & set(result.reasons)
    assert math.isclose(result.value, sum(problem.candidate(i).value for i in result.assigned), abs_tol=1e-9)
    if result.lp_bound is not None:
        assert result.lp_bound >= result.value - 1e-6
    sessions = {s.id: s for s in problem.sessions}
    officers = {o.id: o for o in problem.officers}
    held = {}
    for cid in result.assigned:
        c = problem.candidate(cid)
        held.setdefault(c.officer_id, []).append(c)
    used = {}
    for cid in result.assigned:
        c = problem.candidate(cid)
        used[(c.agency_id, c.session_id)] = used.get((c.agency_id, c.session_id), 0) + 1
    for cid, why in result.reasons.items():
        c = problem.candidate(cid)
        s = sessions[c.session_id]
        mine = held.get(c.officer_id, [])
        if not c.eligible:
            assert why == f"{NOT_ELIGIBLE}:{c.reason or 'ineligible'}"
            continue
        if why.startswith(NOT_ELIGIBLE) or why == NO_SEATS:
            if why == NO_SEATS:
                assert problem.seats.get((c.agency_id, c.session_id), 0) == 0
            continue
        assert why in ASSIGNMENT_REASONS
        # Maximal: no candidate that is left out could be added as things stand.
        assert problem.violations(list(result.assigned) + [cid]), f"{cid} fits but was left out"
        if why == OVERLAP:
            assert any(sessions[d.session_id].overlaps(s) for d in mine)
        elif why == OFFICER_CAP:
            assert len(mine) == officers[c.officer_id].cap
        elif why == PREREQUISITE_UNASSIGNED:
            assert any(not any(sessions[d.session_id].program_id == p and sessions[d.session_id].end < s.start
                               for d in mine)
                       for p in problem.prerequisites[s.program_id] - officers[c.officer_id].completed)
        elif why == SEATS_FULL:
            assert used.get((c.agency_id, c.session_id), 0) == problem.seats[(c.agency_id, c.session_id)]
            if seats_by_value:
                same = [problem.candidate(h) for h in result.assigned]
                same = [h for h in same if (h.agency_id, h.session_id) == (c.agency_id, c.session_id)]
                assert all(h.value >= c.value for h in same)


def test_feasible_and_explained_on_random_instances():
    rng = random.Random(11)
    for _ in range(120):
        problem = random_problem(rng, candidates=rng.randint(1, 120), officers=rng.randint(1, 30),
                                 sessions=rng.randint(1, 12), agencies=rng.randint(1, 4), span=rng.choice((10, 40)))
        for kwargs in ({}, {"improve": False}, {"method": "greedy"}):
            check_result(problem, solve(problem, **kwargs), seats_by_value=not kwargs and not problem.prerequisites)


def test_near_optimal_against_cp_sat_on_tiny_instances():
    rng = random.Random(7)
    ours = plain_total = best = 0.0
    exact = plain_exact = total = 0
    for _ in range(150):
        problem = random_problem(rng, candidates=rng.randint(5, 30), officers=rng.randint(2, 8),
                                 sessions=rng.randint(2, 7))
        optimum = cp_sat_optimum(problem)
        result = solve(problem)
        plain = solve(problem, improve=False)  # rounding, repair and fill alone
        assert result.lp_bound >= optimum - 1e-6
        assert result.value >= 0.95 * optimum  # one unit here is several percent
        assert plain.value <= result.value + 1e-9
        ours += result.value
        plain_total += plain.value
        best += optimum
        exact += math.isclose(result.value, optimum)
        plain_exact += math.isclose(plain.value, optimum)
        total += 1
    assert exact >= 0.98 * total
    assert plain_exact >= 0.9 * total
    assert ours >= 0.999 * best
    assert plain_total >= 0.99 * best


def test_near_optimal_on_larger_random_instances():
    rng = random.Random(5)
    ours = best = 0.0
    for _ in range(12):
        problem = random_problem(rng, candidates=rng.randint(80, 200), officers=rng.randint(20, 50),
                                 sessions=rng.randint(8, 16), agencies=4, span=60)
        optimum = cp_sat_optimum(problem)
        result = solve(problem)
        assert result.value >= 0.99 * optimum
        ours += result.value
        best += optimum
    assert ours >= 0.999 * best


def test_brute_force_agrees_on_the_smallest_instances():
    rng = random.Random(3)
    for _ in range(40):
        problem = random_problem(rng, candidates=rng.randint(1, 9), officers=rng.randint(1, 4),
                                 sessions=rng.randint(1, 4))
        optimum = brute_optimum(problem)
        assert cp_sat_optimum(problem) == pytest.approx(optimum)
        result = solve(problem)
        assert result.value == pytest.approx(optimum)
        assert result.lp_bound >= optimum - 1e-6


def officers_sessions(*spans, program="P"):
    return [SessionSlot(f"s{k}", program, START + timedelta(days=a), START + timedelta(days=b))
            for k, (a, b) in enumerate(spans)]


def test_seats_go_to_the_most_valuable_officers_and_the_rest_wait_in_order():
    sessions = officers_sessions((0, 2))
    officers = [Officer(f"o{k}", "a") for k in range(5)]
    values = [3.0, 9.0, 5.0, 7.0, 5.0]
    cands = [Candidate(f"c{k}", f"o{k}", "s0", "a", v) for k, v in enumerate(values)]
    result = solve(Problem(officers, sessions, cands, {("a", "s0"): 2}))
    assert result.assigned == ("c1", "c3")
    assert result.reasons == {"c0": SEATS_FULL, "c2": SEATS_FULL, "c4": SEATS_FULL}
    assert result.waiting_lists == {("a", "s0"): ("c2", "c4", "c0")}  # value, then the problem's order
    assert result.gap == pytest.approx(0.0)


def test_a_free_seat_goes_even_to_a_candidate_worth_nothing():
    sessions = officers_sessions((0, 2), (4, 5))
    officers = [Officer("o1", "a", cap=2), Officer("o2", "a", cap=1)]
    cands = [Candidate("c1", "o1", "s0", "a", 0), Candidate("c2", "o2", "s0", "a", 3),
             Candidate("c3", "o1", "s1", "a", 0), Candidate("c4", "o2", "s1", "a", 2)]
    problem = Problem(officers, sessions, cands, {("a", "s0"): 2, ("a", "s1"): 1})
    for kwargs in ({}, {"improve": False}, {"method": "greedy"}):
        result = solve(problem, **kwargs)
        assert result.assigned == ("c1", "c2", "c3")
        assert result.reasons == {"c4": OFFICER_CAP}
        check_result(problem, result)


def test_overlaps_and_caps():
    # s0 and s1 share day 2; s2 and s3 stand alone. Cap 2.
    sessions = officers_sessions((0, 2), (2, 4), (6, 6), (8, 9))
    officer = Officer("o", "a", cap=2)
    cands = [Candidate("c0", "o", "s0", "a", 5), Candidate("c1", "o", "s1", "a", 6),
             Candidate("c2", "o", "s2", "a", 4), Candidate("c3", "o", "s3", "a", 3)]
    seats = {("a", s.id): 1 for s in sessions}
    result = solve(Problem([officer], sessions, cands, seats))
    assert result.assigned == ("c1", "c2")
    assert result.reasons == {"c0": OVERLAP, "c3": OFFICER_CAP}
    # Without a cap: the best set of non-overlapping sessions.
    result = solve(Problem([Officer("o", "a")], sessions, cands, seats))
    assert result.assigned == ("c1", "c2", "c3")


def test_prerequisite_taken_earlier_in_the_term():
    basic = SessionSlot("basic", "B", START, START + timedelta(days=2))
    advanced = SessionSlot("adv", "A", START + timedelta(days=10), START + timedelta(days=12))
    prereq = {"A": frozenset({"B"})}
    officers = [Officer("o1", "a", cap=2), Officer("o2", "a", cap=2, completed=frozenset({"B"}))]
    # The basic session is worth little on its own; it pays because it opens the advanced one.
    cands = [Candidate("o1-basic", "o1", "basic", "a", 1), Candidate("o1-adv", "o1", "adv", "a", 10),
             Candidate("o2-basic", "o2", "basic", "a", 2)]
    seats = {("a", "basic"): 1, ("a", "adv"): 1}
    result = solve(Problem(officers, [basic, advanced], cands, seats, prereq))
    assert result.assigned == ("o1-basic", "o1-adv")
    assert result.reasons == {"o2-basic": SEATS_FULL}
    # When the advanced session is worth less than the seat in the basic one, o2 keeps it.
    cands[1] = Candidate("o1-adv", "o1", "adv", "a", 0.5)
    result = solve(Problem(officers, [basic, advanced], cands, seats, prereq))
    assert result.assigned == ("o2-basic",)
    assert result.reasons == {"o1-basic": SEATS_FULL, "o1-adv": PREREQUISITE_UNASSIGNED}


def test_officer_rows_are_the_maximal_overlap_cliques():
    problem = Problem(
        [Officer("o", "a", cap=2)],
        officers_sessions((0, 4), (1, 2), (2, 6), (5, 5), (8, 8)),
        [Candidate(f"c{k}", "o", f"s{k}", "a", 1) for k in range(5)],
        {("a", f"s{k}"): 1 for k in range(5)},
    )
    ix = problem.index
    cliques, cap_binds = officer_rows(ix, list(range(5)))
    assert sorted(sorted(c) for c in cliques) == [[0, 1, 2], [2, 3]]
    assert cap_binds  # s1, s3 and s4 fit together: the cap of 2 can bind
    cliques, cap_binds = officer_rows(ix, [0, 1, 2])
    assert cliques == [[0, 1, 2]] and not cap_binds


def test_the_lp_bound_is_an_upper_bound_and_the_greedy_has_none():
    problem = generate(3_000, seed=4)
    lp = lp_relaxation(problem)
    result = solve(problem)
    greedy = solve(problem, method="greedy")
    assert lp.optimal and lp.bound == pytest.approx(result.lp_bound)
    assert greedy.lp_bound is None and greedy.gap == 0.0
    assert greedy.value <= result.value <= lp.bound + 1e-6
    assert result.percent_of_bound >= 99.5
    with pytest.raises(ValueError, match="method must be one of"):
        solve(problem, method="mip")


def test_synthetic_term_at_scale_is_feasible_and_close_to_the_bound():
    problem = generate(20_000, seed=9)
    result = solve(problem)
    assert problem.violations(result.assigned) == []
    assert result.gap <= 0.005
    assert set(result.reason_counts()) <= {
        "not_eligible:inactive", "not_eligible:vetting", "not_eligible:prerequisite", NO_SEATS, *ASSIGNMENT_REASONS}


def test_deterministic_within_and_across_processes():
    problem = generate(2_000, seed=1)
    a, b = solve(problem), solve(problem)
    assert (a.assigned, a.reasons, a.waiting_lists, a.value) == (b.assigned, b.reasons, b.waiting_lists, b.value)
    code = (
        "import hashlib\n"
        "from puente.capacity.nomination import generate, solve\n"
        "r = solve(generate(2_000, seed=1))\n"
        "seen = (r.assigned, sorted(r.reasons.items()), sorted(r.waiting_lists.items()))\n"
        "print(hashlib.sha256(repr(seen).encode()).hexdigest())\n"
    )
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
        assert done.returncode == 0, done.stderr
        digests.add(done.stdout.strip())
    assert len(digests) == 1

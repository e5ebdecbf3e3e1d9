"""The synthetic term: deterministic, and shaped as documented."""
from collections import Counter

import pytest

from puente.capacity.nomination import generate


def test_same_seed_same_instance():
    assert generate(3_000, seed=3) == generate(3_000, seed=3)
    assert generate(3_000, seed=3) != generate(3_000, seed=4)
    with pytest.raises(ValueError):
        generate(0)


def test_shape():
    n = 20_000
    problem = generate(n, seed=2024)
    cands = problem.candidates
    assert len(cands) == n
    assert n / 3 <= len(problem.officers) <= n / 2  # about 2.5 candidates per officer
    assert len(problem.sessions) == round(n / 33)
    sessions = {s.id: s for s in problem.sessions}
    assert {(s.end - s.start).days + 1 for s in problem.sessions} <= set(range(1, 11))
    assert all(s.start.weekday() < 5 for s in problem.sessions)
    per_officer = Counter(c.officer_id for c in cands)
    assert set(per_officer.values()) <= {1, 2, 3, 4, 5}
    assert {o.cap for o in problem.officers} == {2}
    # Every candidate may use seats its agency holds under the allocation.
    assert all(problem.seats.get((c.agency_id, c.session_id), 0) > 0 for c in cands)
    per_session = Counter()
    for (_, sid), seats in problem.seats.items():
        per_session[sid] += seats
    assert all(12 <= v <= 34 for v in per_session.values())
    # Over-subscribed overall, but not everywhere.
    asked = Counter((c.agency_id, c.session_id) for c in cands)
    assert sum(asked.values()) > sum(problem.seats.values())
    assert any(asked[k] < v for k, v in problem.seats.items())
    # About 3% ineligible up front (the caller's flags plus prerequisites nobody can meet).
    excluded = sum(1 for e in problem.index.excluded if e)
    assert 0.01 <= excluded / n <= 0.05  # 3–4% at 100,000 (more programs there)
    assert {c.reason for c in cands if not c.eligible} == {"inactive", "vetting"}
    # Some officers are candidates for sessions that overlap; some may take a prerequisite this term.
    by_officer = {}
    for c in cands:
        by_officer.setdefault(c.officer_id, []).append(sessions[c.session_id])
    overlapping = sum(1 for held in by_officer.values()
                      if any(a.overlaps(b) for k, a in enumerate(held) for b in held[k + 1:]))
    assert overlapping / len(by_officer) > 0.05
    assert problem.prerequisites
    assert any(problem.index.missing[i] and not problem.index.excluded[i] for i in range(n))

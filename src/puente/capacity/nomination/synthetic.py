"""Deterministic synthetic nomination instances: a year of sessions, seats from an allocation.

``generate(100_000)`` gives 100,000 candidates from about 40,000 officers of about 1,400
agencies for about 3,000 sessions of 140 programs. Everything comes from one
``random.Random(seed)``, so a seed always gives the same instance.

The assumptions, stated so they can be challenged:

* sessions run 1 to 10 days (most 3 to 5) and start on any weekday of the fiscal year;
  each has 12 to 34 seats, all handed out to 1 to 6 agencies (the published allocation),
  larger agencies more often;
* an agency proposes more officers than it holds seats, by a factor that varies between
  agencies (0.8 to 2.2), so some seats go begging and some sessions have a waiting list;
* an officer is proposed for 1 to 5 sessions (2.5 on average) among the sessions where
  their agency holds seats; half of the officers have a preferred season, so their
  sessions bunch together and some overlap; everyone may take at most 2 sessions a term;
* a candidate's value is the program's threat relevance (1 to 5) × the agency's need
  (0.8 to 1.5) × the officer's priority (0.5 to 1.5);
* about 3% of candidates are ineligible before solving: 1% of officers are inactive,
  10% of officers lack vetting for the 15% of programs that require it, and officers
  proposed for an advanced program (10% of programs require a basic one) who have not
  completed the basic one and have no earlier session of it proposed this term;
* a third of the officers who lack a basic program are proposed for an earlier session
  of it as well: they may take both this term.
"""
from __future__ import annotations

import bisect
import random
from datetime import date, timedelta

from .model import INACTIVE, VETTING, Candidate, Officer, Problem, SessionSlot

YEAR_START = date(2024, 10, 1)
DAYS = 365
LENGTHS = (1, 2, 3, 3, 4, 5, 5, 5, 5, 10, 8, 7, 2, 4, 3, 10)
CANDIDATES_PER_OFFICER = ((1, 20), (2, 30), (3, 27), (4, 13), (5, 10))


def generate(n_candidates: int = 100_000, seed: int = 2024, *, cap: int = 2) -> Problem:
    if n_candidates < 1:
        raise ValueError("n_candidates must be 1 or more")
    rng = random.Random(seed)
    n_programs = max(3, round(n_candidates / 700))
    n_sessions = max(3, round(n_candidates / 33))
    n_agencies = max(2, round(n_candidates / 70))

    # Programs: relevance, vetting, and a basic program some advanced ones require.
    relevance = [rng.choice((1, 1, 1.5, 2, 2, 2.5, 3, 3.5, 4, 5)) for _ in range(n_programs)]
    programs = [f"P{p:04d}" for p in range(n_programs)]
    vetting = {programs[p] for p in range(n_programs) if rng.random() < 0.15}
    prerequisites = {}
    for p in range(n_programs):
        if rng.random() < 0.10:
            basic = rng.randrange(n_programs)
            if basic != p and programs[basic] not in prerequisites:
                prerequisites[programs[p]] = frozenset({programs[basic]})
    popularity = [rng.paretovariate(1.5) for _ in range(n_programs)]
    prog_cum = _cumulative(popularity)

    # Sessions over the year, weekdays only.
    sessions = []
    for k in range(n_sessions):
        p = bisect.bisect(prog_cum, rng.random() * prog_cum[-1])
        day = rng.randrange(DAYS)
        start = YEAR_START + timedelta(days=day)
        if start.weekday() >= 5:
            start += timedelta(days=7 - start.weekday())
        length = rng.choice(LENGTHS)
        program = programs[min(p, n_programs - 1)]
        sessions.append(SessionSlot(f"S{k:05d}", program, start, start + timedelta(days=length - 1)))

    # Agencies: skewed size; the allocation gives each session's seats to a few of them.
    size = [rng.paretovariate(1.3) for _ in range(n_agencies)]
    agency_cum = _cumulative(size)
    agencies = [f"A{a:04d}" for a in range(n_agencies)]
    seats: dict = {}
    agency_sessions = [[] for _ in range(n_agencies)]
    for k, s in enumerate(sessions):
        capacity = rng.randint(12, 34)
        holders = sorted({bisect.bisect(agency_cum, rng.random() * agency_cum[-1]) for _ in range(rng.randint(1, 6))})
        holders = [min(a, n_agencies - 1) for a in holders]
        cuts = sorted(rng.randint(0, capacity) for _ in range(len(holders) - 1))
        parts = [b - a for a, b in zip([0] + cuts, cuts + [capacity])]
        for a, n in zip(holders, parts):
            if n > 0:
                seats[(agencies[a], s.id)] = seats.get((agencies[a], s.id), 0) + n
                if k not in agency_sessions[a]:
                    agency_sessions[a].append(k)
    for lst in agency_sessions:
        lst.sort(key=lambda k: (sessions[k].start, k))

    # Candidates per agency: its seats × its own over-subscription factor, scaled to the total.
    agency_seats = [0] * n_agencies
    for (a_id, _), n in seats.items():
        agency_seats[int(a_id[1:])] += n
    factor = [rng.uniform(0.8, 2.2) for _ in range(n_agencies)]
    want = [agency_seats[a] * factor[a] for a in range(n_agencies)]
    total = sum(want)
    targets = [int(w * n_candidates / total) for w in want]
    short = n_candidates - sum(targets)
    by_size = sorted(range(n_agencies), key=lambda a: (-want[a], a))
    for a in by_size:
        if short <= 0:
            break
        if agency_sessions[a]:
            targets[a] += 1
            short -= 1
    need = [rng.uniform(0.8, 1.5) for _ in range(n_agencies)]

    officers, candidates = [], []
    counts, weights = zip(*CANDIDATES_PER_OFFICER)
    for a in range(n_agencies):
        pool = agency_sessions[a]
        left = targets[a] if pool else 0
        starts = [sessions[k].start for k in pool]
        while left > 0:
            oid = f"O{len(officers):06d}"
            k_wanted = min(rng.choices(counts, weights)[0], left, len(pool))
            if rng.random() < 0.5 and len(pool) > k_wanted:
                # A preferred season: pick among the sessions starting within 45 days of a date.
                anchor = starts[rng.randrange(len(starts))]
                lo = bisect.bisect_left(starts, anchor - timedelta(days=45))
                hi = bisect.bisect_right(starts, anchor + timedelta(days=45))
                window = pool[lo:hi] if hi - lo >= k_wanted else pool
            else:
                window = pool
            chosen = rng.sample(window, k_wanted)
            completed = set()
            for k in chosen:
                req = prerequisites.get(sessions[k].program_id)
                if req and rng.random() < 0.9:
                    completed |= req
            # Some officers lacking a basic program are also proposed for an earlier session of it.
            for k in list(chosen):
                req = prerequisites.get(sessions[k].program_id)
                if req and not req <= completed and len(chosen) < min(k_wanted + 1, 5) and rng.random() < 1 / 3:
                    earlier = [m for m in pool if sessions[m].program_id in req and sessions[m].end < sessions[k].start
                               and m not in chosen]
                    if earlier:
                        chosen.append(rng.choice(earlier))
            chosen = chosen[:left]
            inactive = rng.random() < 0.01
            unvetted = rng.random() < 0.08
            priority = rng.uniform(0.5, 1.5)
            officers.append(Officer(oid, agencies[a], cap=cap, completed=frozenset(completed)))
            for k in chosen:
                s = sessions[k]
                reason = INACTIVE if inactive else VETTING if (unvetted and s.program_id in vetting) else ""
                value = round(relevance[int(s.program_id[1:])] * need[a] * priority * rng.uniform(0.9, 1.1), 4)
                candidates.append(Candidate(f"C{len(candidates):06d}", oid, s.id, agencies[a], value,
                                            eligible=not reason, reason=reason))
            left -= len(chosen)
    return Problem(officers, sessions, candidates, seats, prerequisites)


def _cumulative(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out

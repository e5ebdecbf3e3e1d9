"""Deterministic synthetic allocation instances shaped like FLETC's state/local/tribal demand.

``fletc`` is the FY2024 scale: about 25,000 requests from 1,500 agencies for 150 programs
with 3,000 sessions, and seats asked ≈ 2.2 × seats offered (FLETC filled 45%). ``10x`` is ten
times that. Everything comes from one ``random.Random(seed)``, so a seed always gives the
same instance (on any machine with the same Python version).

What makes the instance realistic rather than uniform noise (each one is an assumption from
the source documents or ordinary experience, stated so it can be challenged):

* threat relevance varies across programs from 1 (routine) to 5 (fentanyl, trafficking,
  firearms), and mission-critical programs are among the most relevant;
* mission-critical programs are over-subscribed (≈ 3.5 seats asked per seat offered, against
  ≈ 2 elsewhere: the source's worst shortfalls are in those programs);
* routine, low-relevance programs are requested early in the year, new-threat programs later;
* large, well-staffed agencies file early; remote agencies and those without a training
  coordinator (often tribal or rural, small) file late — the reason first come serves them badly;
* an agency is under-served as Puente decides it for a real run (``UNDERSERVED_SHARE``): it got
  under a quarter of the seats it asked for the year before, when seats went first come, first
  served. The generator draws that year's requests and sessions too and hands them out first come;
* agency size is skewed (a few agencies send many requests); an agency asks mostly for the
  few programs its mission needs, border agencies leaning to the high-threat ones;
* seats per request are mostly 1-2; about a third of requests name no month and half name
  no site; one in ten names a site that may not run the program.
"""
from __future__ import annotations

import bisect
import itertools
import math
import random
from dataclasses import dataclass, replace

from .baseline import first_come
from .model import UNDERSERVED_SHARE, Agency, Problem, Program, Request, Rules, Session


@dataclass(frozen=True)
class Scale:
    requests: int
    agencies: int
    programs: int
    sessions: int
    sites: int
    #: Seats asked per seat offered, over all programs.
    demand_ratio: float = 2.2
    #: Seats asked per seat offered in mission-critical programs.
    critical_ratio: float = 3.5


SCALES = {
    "tiny": Scale(requests=60, agencies=12, programs=4, sessions=10, sites=3),
    "small": Scale(requests=600, agencies=60, programs=12, sessions=72, sites=6),
    "fletc": Scale(requests=25_000, agencies=1_500, programs=150, sessions=3_000, sites=24),
    "10x": Scale(requests=250_000, agencies=15_000, programs=1_500, sessions=30_000, sites=60),
}

MAIN_CAMPUSES = 4
#: Share of an agency's requests that go to its focus programs.
FOCUS_SHARE = 0.75
HIGH_THREATS = ("fentanyl", "human_trafficking", "firearms_trafficking")
MID_THREATS = ("counter_drug", "cybercrime", "money_laundering", "document_fraud")
LOW_THREATS = ("general",)


def generate(scale: str | Scale = "fletc", seed: int = 2024, rules: Rules | None = None) -> Problem:
    """A synthetic problem at `scale` ("tiny", "small", "fletc", "10x" or a Scale)."""
    if isinstance(scale, str):
        try:
            scale = SCALES[scale]
        except KeyError:
            raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}") from None
    rng = random.Random(seed)
    rules = rules or Rules()

    sites = [f"S{k:02d}" for k in range(1, scale.sites + 1)]
    site_weights = [4.0 if k < MAIN_CAMPUSES else 1.0 for k in range(len(sites))]

    # Programs: relevance 1-5, about one in five mission-critical (and then highly relevant).
    programs = []
    popularity = []
    program_sites = []
    for k in range(1, scale.programs + 1):
        critical = rng.random() < 0.2
        relevance = rng.choice((3.0, 4.0, 5.0)) if critical else rng.choice((1.0, 1.0, 1.5, 2.0, 2.0, 3.0, 4.0))
        if relevance >= 4:
            tags = frozenset({rng.choice(HIGH_THREATS)})
        elif relevance >= 2:
            tags = frozenset({rng.choice(MID_THREATS)})
        else:
            tags = frozenset(LOW_THREATS)
        programs.append(Program(
            id=f"P{k:04d}", name=f"Program {k}", relevance=relevance, critical=critical, threat_tags=tags,
        ))
        popularity.append(math.exp(rng.gauss(0.0, 0.8)))
        n_sites = min(len(sites), 1 + (rng.random() < 0.5) + (rng.random() < 0.3) + (rng.random() < 0.2))
        chosen: list = []
        while len(chosen) < n_sites:
            s = rng.choices(sites, weights=site_weights)[0]
            if s not in chosen:
                chosen.append(s)
        program_sites.append(chosen)

    # Agencies: skewed sizes; border, remote and under-served flags; how early each one files.
    agencies = []
    size_cum = []
    total = 0.0
    timeliness = []
    log_sizes = []
    for k in range(1, scale.agencies + 1):
        log_size = rng.gauss(0.0, 1.1)
        log_sizes.append(log_size)
        size = math.exp(log_size)
        border = rng.random() < 0.30
        # Remote agencies (tribal, rural) are small ones, and often have no training coordinator.
        remote = rng.random() < (0.30 if log_size < -0.5 else 0.18 if log_size < 0.5 else 0.05)
        understaffed = rng.random() < (0.6 if remote else 0.2)
        agencies.append(Agency(id=f"A{k:05d}", name=f"Agency {k}", border=border, remote=remote))
        total += size
        size_cum.append(total)
        # 0 files at the opening of the request period, 1 at its close.
        tau = 0.45 - 0.12 * math.log(size) + 0.20 * remote + 0.20 * understaffed + rng.gauss(0.0, 0.1)
        timeliness.append(tau)

    pop_cum = []
    acc = 0.0
    for w in popularity:
        acc += w
        pop_cum.append(acc)

    # Each agency asks mostly for the few programs its mission needs; border agencies lean to
    # the high-threat ones (fentanyl, trafficking, firearms).
    cumulative = {
        False: list(itertools.accumulate(popularity)),
        True: list(itertools.accumulate(w * (2.0 if pr.relevance >= 4 else 1.0) for w, pr in zip(popularity, programs))),
    }
    focus = []
    for agency, log_size in zip(agencies, log_sizes):
        n_focus = 3 + int(3 * max(0.0, log_size))
        focus.append(rng.choices(range(len(programs)), cum_weights=cumulative[agency.border], k=n_focus))

    population = _Population(sites, programs, program_sites, agencies, size_cum, total, timeliness, focus, pop_cum, acc)

    # Last year, handed out first come: who got under a quarter of what they asked is under-served.
    requests, sessions, sized = _one_year(rng, scale, population)
    last_year = first_come(Problem.build(agencies=agencies, programs=sized, sessions=sessions, requests=requests, rules=rules),
                           explain_reasons=False)
    asked: dict = {}
    got: dict = {}
    for request in requests:
        asked[request.agency_id] = asked.get(request.agency_id, 0) + request.seats
        got[request.agency_id] = got.get(request.agency_id, 0) + last_year.filled(request.id)
    agencies = [replace(agency, underserved=agency.id in asked and got[agency.id] < UNDERSERVED_SHARE * asked[agency.id])
                for agency in agencies]

    requests, sessions, sized = _one_year(rng, scale, population)
    return Problem.build(agencies=agencies, programs=sized, sessions=sessions, requests=requests, rules=rules)


@dataclass(frozen=True)
class _Population:
    """What stays from one year to the next: sites, programs, agencies, who files when, who asks for what."""

    sites: list
    programs: list
    program_sites: list  # per program, the sites that run it
    agencies: list
    size_cum: list  # cumulative agency sizes: who sends the next request
    size_total: float
    timeliness: list  # per agency, 0 files at the opening of the request period, 1 at its close
    focus: list  # per agency, the programs its mission needs
    pop_cum: list  # cumulative program popularity: which program a request outside the focus names
    popularity_total: float


def _one_year(rng: random.Random, scale: Scale, population: _Population) -> tuple[list, list, list]:
    """One year's requests, its sessions, and the programs with their typical session size."""
    sites, programs, program_sites, agencies = population.sites, population.programs, population.program_sites, population.agencies
    size_cum, total, timeliness = population.size_cum, population.size_total, population.timeliness
    focus, pop_cum, acc = population.focus, population.pop_cum, population.popularity_total
    seat_values = (1, 2, 3, 4, 5, 6, 8)
    seat_cum = (0.55, 0.80, 0.90, 0.95, 0.975, 0.99, 1.0)
    raw = []
    for k in range(1, scale.requests + 1):
        a = bisect.bisect_left(size_cum, rng.random() * total)
        a = min(a, len(agencies) - 1)
        if rng.random() < FOCUS_SHARE:
            p = rng.choice(focus[a])
        else:
            p = min(bisect.bisect_left(pop_cum, rng.random() * acc), len(programs) - 1)
        seats = seat_values[bisect.bisect_left(seat_cum, rng.random())]
        if rng.random() < 0.35:
            months = frozenset()
        else:
            start = rng.randint(1, 12)
            length = rng.choice((1, 2, 3, 3, 4))
            months = frozenset(m for m in range(start, start + length) if m <= 12)
        u = rng.random()
        if u < 0.5:
            req_sites = frozenset()
        elif u < 0.9:
            offered = program_sites[p]
            req_sites = frozenset(rng.sample(offered, min(len(offered), rng.choice((1, 2)))))
        else:
            req_sites = frozenset({rng.choice(sites)})
        when = timeliness[a] + 0.06 * (programs[p].relevance - 3.0) + rng.gauss(0.0, 0.15)
        raw.append((when, k, a, p, seats, months, req_sites))

    # Submission order: by filing time.
    raw.sort(key=lambda t: (t[0], t[1]))
    requests = []
    demand = [0] * len(programs)
    for order, (_, k, a, p, seats, months, req_sites) in enumerate(raw):
        demand[p] += seats
        requests.append(Request(
            id=f"R{k:06d}", agency_id=agencies[a].id, program_id=programs[p].id, seats=seats,
            months=months, sites=req_sites, order=order,
        ))
    requests.sort(key=lambda r: r.id)

    # Capacity: critical programs at critical_ratio, the rest at whatever makes the total ratio.
    total_demand = sum(demand)
    crit_demand = sum(d for d, pr in zip(demand, programs) if pr.critical)
    target = total_demand / scale.demand_ratio
    rest = max(1.0, target - crit_demand / scale.critical_ratio)
    other_ratio = max(1.0, (total_demand - crit_demand) / rest)
    capacity = [max(1.0, d / (scale.critical_ratio if pr.critical else other_ratio)) for d, pr in zip(demand, programs)]

    # Sessions per program in proportion to its capacity (at least one each), largest remainder.
    cap_total = sum(capacity)
    spare = scale.sessions - len(programs)
    if spare < 0:
        raise ValueError("a synthetic scale needs at least one session per program")
    shares = [spare * c / cap_total for c in capacity]
    counts = [1 + int(s) for s in shares]
    left = scale.sessions - sum(counts)
    for idx in sorted(range(len(programs)), key=lambda i: (-(shares[i] - int(shares[i])), i))[:left]:
        counts[idx] += 1

    sessions = []
    sized = []
    n = 0
    for p, pr in enumerate(programs):
        base = capacity[p] / counts[p]
        size = max(1, round(base))
        sized.append(replace(pr, typical_size=size))
        for _ in range(counts[p]):
            n += 1
            sessions.append(Session(
                id=f"X{n:06d}", program_id=pr.id, site_id=rng.choice(program_sites[p]),
                month=rng.randint(1, 12), capacity=max(1, round(base * rng.uniform(0.8, 1.2))),
            ))
    return requests, sessions, sized

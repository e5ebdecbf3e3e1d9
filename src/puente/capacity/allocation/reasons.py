"""Why a request got fewer seats than it asked for, in words a coordinator understands.

One code per request, the most specific that applies:

``no_session``      no session of the program falls in the preferred months and sites;
``fairness_cap``    the agency already holds the most seats one agency may take in the program;
``lower_priority``  the seats it could have used went to requests with a higher weight (one is
                    named), including other agencies' first seat in a critical program;
``program_full``    every seat it could have used is taken by requests of equal or lower
                    priority that had nowhere else to go (or, first come, that came earlier).

A Reason keeps the code and its figures (``params``, including a ``case`` that picks the
wording); ``Reason.detail`` words them in English when read, and a user interface can word
the same params in another language. Nothing is formatted for requests nobody looks at.
"""
from __future__ import annotations

from .model import FAIRNESS_CAP, LOWER_PRIORITY, NO_SESSION, PROGRAM_FULL, Problem, Reason, Uncovered

_SPECIFICITY = {LOWER_PRIORITY: 0, PROGRAM_FULL: 1, FAIRNESS_CAP: 2, NO_SESSION: 3}


def _fmt_set(values, empty: str) -> str:
    if not values:
        return empty
    return ", ".join(str(v) for v in sorted(values, key=str))


def _weight(w: float) -> str:
    return f"{w:.3g}"


def describe(code: str, p) -> str:
    """The English wording of a reason from its code and params."""
    case = p.get("case")
    if code == NO_SESSION:
        if case == "no_program_sessions":
            return f"Program {p['program']} has no session with seats in this plan."
        return (
            f"No session of program {p['program']} falls in your preferred months "
            f"({_fmt_set(p['months'], 'any')}) and sites ({_fmt_set(p['sites'], 'any')})."
        )
    if code == FAIRNESS_CAP:
        return (
            f"Agency {p['agency']} already holds {p['held']} of program {p['program']}'s "
            f"{p['program_seats']} seats, the most one agency may take ({p['share']:.0%} share cap)."
        )
    if code == LOWER_PRIORITY:
        if case == "unused":
            return f"Your request's weight is {_weight(p['weight'])}; free seats went unused rather than to it."
        if case == "first_seat":
            return (
                f"The seats in sessions you could use went to other agencies' first seat in this critical "
                f"program (fairness rule), e.g. request {p['example_request']} of agency {p['example_agency']}."
            )
        return (
            f"The seats in sessions you could use went to requests with a higher weight, e.g. request "
            f"{p['example_request']} of agency {p['example_agency']} "
            f"(weight {_weight(p['example_weight'])}, yours {_weight(p['weight'])})."
        )
    if code == PROGRAM_FULL:
        if case == "first_come":
            tail = (
                f"; e.g. request {p['example_request']} of agency {p['example_agency']} was submitted earlier."
                if p.get("example_request") is not None else "."
            )
            return (
                f"The {p['sessions']} session(s) of program {p['program']} in your window were full when "
                f"your request came up{tail}"
            )
        if case == "own":
            return (
                f"The {p['sessions']} session(s) of program {p['program']} in your window have "
                f"{p['window_seats']} seat(s) in all, and your request holds every one of them."
            )
        return (
            f"The {p['sessions']} session(s) of program {p['program']} in your window are full with requests "
            f"of equal or higher priority that had no other session, e.g. request {p['example_request']} of "
            f"agency {p['example_agency']}."
        )
    return code


def _window_info(window, sessions, load, best):
    """Free seats in a window and its two strongest holders (distinct requests), strongest first."""
    free = 0
    entries = []
    for j in window:
        free += max(0, sessions[j].capacity - load[j])
        entries.extend(best[j])
    entries.sort(key=lambda h: h[0], reverse=True)
    strongest = entries[:1]
    for h in entries[1:]:
        if h[1] is not strongest[0][1]:
            strongest.append(h)
            break
    return free, strongest


def explain(
    problem: Problem, allocations: dict, net, *, fair: bool, pair_seats: dict, method: str, filled: list
):
    """(reasons by request id, uncovered first seats) for an allocation of `problem`.

    `filled` holds the seats each request got, by request index.
    """
    requests, sessions = problem.requests, problem.sessions
    rules = problem.rules
    first_come = method == "first_come"
    caps = problem.agency_caps() if fair else {}
    program_capacity = problem.program_capacity()
    critical = problem.critical_programs()
    bonus = problem.first_seat_bonus() if fair else 0.0
    index = net.session_index

    # The strongest holders of each session: highest priority for the optimizer (weight plus
    # the bonus when the seat is its agency's only one in a critical program), earliest for
    # first come.
    load = [0] * len(sessions)
    best = [[] for _ in sessions]  # the two strongest (key, request), strongest first
    for i, r in enumerate(requests):
        if not filled[i]:
            continue
        if first_come:
            key = -r.order
        else:
            key = r.weight
            if bonus and r.program_id in critical and pair_seats[(r.agency_id, r.program_id)] <= 1:
                key += bonus
        for sid, n in allocations[r.id].items():
            j = index[sid]
            load[j] += n
            top = best[j]
            if len(top) < 2:
                top.append((key, r))
                if len(top) == 2 and top[1][0] > top[0][0]:
                    top.reverse()
            elif key > top[1][0]:
                top[1] = (key, r)
                if key > top[0][0]:
                    top.reverse()

    reasons: dict = {}
    group_info: dict = {}
    request_group = net.request_group
    for i, r in enumerate(requests):
        got = filled[i]
        if got >= r.seats:
            continue
        g = request_group[i]
        params = {"program": r.program_id, "agency": r.agency_id, "missing": r.seats - got, "asked": r.seats}
        if g < 0:
            offered = net.program_sessions.get(r.program_id, ())
            if not any(sessions[j].capacity > 0 for j in offered):
                params["case"] = "no_program_sessions"
            else:
                params["case"] = "window"
                params["months"] = sorted(r.months)
                params["sites"] = sorted(r.sites, key=str)
            reasons[r.id] = Reason(NO_SESSION, params=params)
            continue

        held = pair_seats.get((r.agency_id, r.program_id), 0)
        cap = caps.get(r.program_id)
        if cap is not None and held >= cap:
            params.update(
                case="cap", held=held, cap=cap, share=rules.max_share,
                program_seats=program_capacity.get(r.program_id, 0),
            )
            reasons[r.id] = Reason(FAIRNESS_CAP, params=params)
            continue

        info = group_info.get(g)
        window = net.group_sessions[g]
        if info is None:
            info = group_info[g] = _window_info(window, sessions, load, best)
        free, strongest = info
        top = next((h for h in strongest if h[1] is not r), None)
        other = top[1] if top is not None else None
        params["sessions"] = len(window)
        if other is not None:
            params["example_request"] = other.id
            params["example_agency"] = other.agency_id
        if first_come:
            params["case"] = "first_come"
            reasons[r.id] = _reason(PROGRAM_FULL, params, other)
            continue

        own_key = r.weight + (bonus if bonus and held == 0 and r.program_id in critical else 0.0)
        if free > 0 and (top is None or top[0] <= own_key):
            # Seats are free yet unused: only a zero weight leaves them so.
            params.update(case="unused", weight=r.weight, free=free)
            reasons[r.id] = Reason(LOWER_PRIORITY, params=params)
        elif top is not None and top[0] > own_key:
            params.update(
                case="higher_weight" if other.weight > r.weight else "first_seat",
                weight=r.weight, example_weight=other.weight,
            )
            reasons[r.id] = _reason(LOWER_PRIORITY, params, other)
        elif other is not None:
            params["case"] = "equal"
            reasons[r.id] = _reason(PROGRAM_FULL, params, other)
        else:
            params.update(case="own", window_seats=sum(sessions[j].capacity for j in window))
            reasons[r.id] = Reason(PROGRAM_FULL, params=params)

    uncovered = []
    asked: dict = {}
    for r in requests:
        if r.program_id in critical:
            key = (r.agency_id, r.program_id)
            if not pair_seats.get(key):
                asked.setdefault(key, []).append(r)
    for (agency_id, program_id), rs in asked.items():
        # The request closest to a seat tells the agency most: one that had sessions first.
        why = min((reasons[r.id] for r in rs), key=lambda x: _SPECIFICITY[x.code])
        uncovered.append(Uncovered(
            agency_id, program_id, why.code,
            f"Agency {agency_id} has no seat in critical program {program_id}: {why.detail}",
        ))
    return reasons, uncovered


def _reason(code, params, other) -> Reason:
    if other is None:
        return Reason(code, params=params)
    return Reason(code, params=params, example_request_id=other.id, example_agency_id=other.agency_id)

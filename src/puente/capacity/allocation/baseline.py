"""First come, first served: how seats are handed out today, for comparison.

Requests are taken in submission order (``Request.order``, ties in list order); each takes
seats from the earliest sessions in its window that still have room, until it has what it
asked for or its window is full. No weights and no fairness rules. The result carries the
same totals and reason codes as the optimizer's, so the two compare line by line.
"""
from __future__ import annotations

import time

from .model import Problem, Result
from .solver import build_network, build_result, paused_gc


def first_come(problem: Problem, *, explain_reasons: bool = True) -> Result:
    with paused_gc():
        return _first_come(problem, explain_reasons)


def _first_come(problem: Problem, explain_reasons: bool) -> Result:
    started = time.perf_counter()
    net = build_network(problem, fairness=False)
    requests, sessions = problem.requests, problem.sessions
    room = [s.capacity for s in sessions]
    # Sessions only ever fill up, so each group keeps a pointer to its first session with room.
    cursor = [0] * len(net.groups)
    allocations: dict = {}
    for i in sorted(range(len(requests)), key=lambda i: (requests[i].order, i)):
        g = net.request_group[i]
        if g < 0:
            continue
        window = net.group_sessions[g]
        need = requests[i].seats
        k = cursor[g]
        while k < len(window) and room[window[k]] == 0:
            k += 1
        cursor[g] = k
        alloc = {}
        while need > 0 and k < len(window):
            j = window[k]
            take = min(need, room[j])
            if take:
                alloc[sessions[j].id] = take
                room[j] -= take
                need -= take
            if room[j] == 0:
                k += 1
        if alloc:
            allocations[requests[i].id] = alloc
    return build_result(
        problem, "first_come", allocations, started, net=net, fair=False, explain_reasons=explain_reasons
    )

"""The enrollment state machine (pure: no Django import).

    waitlisted → nominated → confirmed → attended → completed | failed
    waitlisted, nominated, confirmed → withdrawn | cancelled   (with a reason)
    nominated, confirmed → no_show                            (after the session started)

Completed, failed, no-show, withdrawn and cancelled are final. A withdrawn enrollment may be
placed again (the same row is reused when the officer is nominated again).
"""
from dataclasses import dataclass

WAITLISTED, NOMINATED, CONFIRMED, ATTENDED = "waitlisted", "nominated", "confirmed", "attended"
COMPLETED, FAILED, NO_SHOW, WITHDRAWN, CANCELLED = "completed", "failed", "no_show", "withdrawn", "cancelled"

TRANSITIONS: dict[str, frozenset] = {
    WAITLISTED: frozenset({NOMINATED, WITHDRAWN, CANCELLED}),
    NOMINATED: frozenset({CONFIRMED, NO_SHOW, WITHDRAWN, CANCELLED}),
    CONFIRMED: frozenset({ATTENDED, NO_SHOW, WITHDRAWN, CANCELLED}),
    ATTENDED: frozenset({COMPLETED, FAILED}),
    COMPLETED: frozenset(),
    FAILED: frozenset(),
    NO_SHOW: frozenset(),
    WITHDRAWN: frozenset({WAITLISTED, NOMINATED}),
    CANCELLED: frozenset(),
}
NEEDS_REASON = frozenset({WITHDRAWN, CANCELLED})
FINAL = frozenset({COMPLETED, FAILED, NO_SHOW, CANCELLED})


@dataclass(frozen=True)
class Refusal:
    """Why a transition is not allowed: code is "illegal" or "reason"."""

    code: str
    current: str
    wanted: str


def check(current: str, wanted: str, reason: str = "") -> Refusal | None:
    """None when `current` may move to `wanted` (with `reason` when one is needed)."""
    if wanted not in TRANSITIONS.get(current, ()):
        return Refusal("illegal", current, wanted)
    if wanted in NEEDS_REASON and not reason.strip():
        return Refusal("reason", current, wanted)
    return None


def path_to(current: str, wanted: str) -> list[str]:
    """The shortest chain of legal steps from `current` to `wanted` (empty if there is none).

    Marking a nominated officer present walks nominated → confirmed → attended, each step its
    own audited transition.
    """
    frontier = [[current]]
    seen = {current}
    while frontier:
        chain = frontier.pop(0)
        for step in sorted(TRANSITIONS.get(chain[-1], ())):
            if step == wanted:
                return chain[1:] + [step]
            if step not in seen and step not in NEEDS_REASON:
                seen.add(step)
                frontier.append(chain + [step])
    return []

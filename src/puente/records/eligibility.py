"""Whether an officer may be nominated to a session: a pure function of plain facts (no Django)."""
from dataclasses import dataclass, field
from datetime import date

INACTIVE = "inactive"
OVERLAP = "overlap"
PREREQUISITE = "prerequisite"
VETTING = "vetting"
ALREADY = "already_enrolled"


@dataclass(frozen=True)
class Refusal:
    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class OfficerFacts:
    active: bool
    completed_programs: frozenset
    #: (session id, program code, start, end) of sessions the officer holds or waits for.
    commitments: tuple = ()
    #: The last day the officer's vetting is valid; None: no valid vetting on record.
    vetting_valid_until: date | None = None


@dataclass(frozen=True)
class SessionFacts:
    id: object
    start: date
    end: date
    prerequisites: frozenset = frozenset()  # program codes
    vetting_required: bool = False


def refusals(officer: OfficerFacts, session: SessionFacts) -> list[Refusal]:
    """Every reason the officer may not take the session; empty when they may."""
    found = []
    if not officer.active:
        found.append(Refusal(INACTIVE))
    for other_id, code, start, end in officer.commitments:
        if other_id == session.id:
            found.append(Refusal(ALREADY))
        elif start <= session.end and session.start <= end:
            found.append(Refusal(OVERLAP, {"program": code, "start": start, "end": end}))
    missing = sorted(session.prerequisites - officer.completed_programs)
    if missing:
        found.append(Refusal(PREREQUISITE, {"programs": missing}))
    if session.vetting_required and (officer.vetting_valid_until is None or officer.vetting_valid_until < session.end):
        found.append(Refusal(VETTING, {"until": officer.vetting_valid_until, "needed": session.end}))
    return found

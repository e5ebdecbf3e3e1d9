"""The allocation problem as plain values: requests, sessions, rules, results.

Everything here is a frozen dataclass so a problem can be shared between the optimizer, the
first-come baseline, the LP bound and the planner without one of them changing it for the
others. Identifiers are whatever the caller uses (database primary keys, CSV codes); they
only need to be hashable and unique within their kind.

Months are the months of the planning year, 1 to 12 (1 is the first month of the fiscal
year), so "earliest" always means the lowest number.
"""
from __future__ import annotations

import math
import statistics
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType

Id = Hashable

MONTHS = range(1, 13)

#: Reason codes for a request that got fewer seats than it asked for, most specific first.
NO_SESSION = "no_session"
FAIRNESS_CAP = "fairness_cap"
LOWER_PRIORITY = "lower_priority"
PROGRAM_FULL = "program_full"
REASON_CODES = (NO_SESSION, FAIRNESS_CAP, LOWER_PRIORITY, PROGRAM_FULL)

#: An agency is under-served when it got under this share of the seats it asked for the year before.
UNDERSERVED_SHARE = 0.25


class ProblemError(ValueError):
    """The problem data is inconsistent (duplicate id, unknown program, negative seats, ...)."""


class RulesError(ValueError):
    """A rule has a bad value: `field` names it, `code` says what is wrong and `value` is what was given.

    The message is English; the code lets an application say the same in its reader's language.
    """

    MESSAGES = {
        "not_a_number": "must be a number, got {shown}",
        "not_finite": "must be finite, got {shown}",
        "not_positive": "must be greater than zero, got {shown}",
        "negative": "must be zero or more, got {shown}",
        "not_a_share": "must be a share between 0 and 1, got {shown}",
        "not_a_boolean": "must be true or false, got {shown}",
        "not_a_mapping": "must be a mapping, got {shown}",
        "unknown": "unknown rule (known: {shown})",
    }
    #: Codes whose value is already text to show (a type's name, the known rules), not a value given.
    _SHOWN_AS_IS = frozenset({"not_a_mapping", "unknown"})

    def __init__(self, field_name: str, code: str, value=None):
        self.field, self.code, self.value = field_name, code, value
        #: The value as the message shows it, for applications that word the message themselves.
        self.shown = value if code in self._SHOWN_AS_IS else repr(value)
        self.message = self.MESSAGES[code].format(shown=self.shown)
        super().__init__(f"rules.{field_name}: {self.message}")


# --------------------------------------------------------------------------- reference data


@dataclass(frozen=True)
class Agency:
    id: Id
    name: str = ""
    border: bool = False
    remote: bool = False
    underserved: bool = False


@dataclass(frozen=True)
class Program:
    id: Id
    name: str = ""
    #: Threat relevance, 1 (routine) to about 5 (the highest-return threats). Rules may override it.
    relevance: float = 1.0
    critical: bool = False
    #: Seats in a standard session; planning proposes new sessions of this size. None: the
    #: median capacity of the program's sessions.
    typical_size: int | None = None
    threat_tags: frozenset[str] = frozenset()


# --------------------------------------------------------------------------- problem data


@dataclass(frozen=True)
class Session:
    id: Id
    program_id: Id
    site_id: Id
    month: int
    capacity: int


@dataclass(frozen=True)
class Request:
    id: Id
    agency_id: Id
    program_id: Id
    seats: int
    weight: float = 1.0
    #: Acceptable months; empty means any month.
    months: frozenset[int] = frozenset()
    #: Acceptable sites; empty means any site.
    sites: frozenset = frozenset()
    #: Submission order (lower came first); ties fall back to the order of the problem's list.
    order: int = 0
    critical: bool = False
    border: bool = False
    remote: bool = False
    underserved: bool = False

    def accepts(self, session: Session) -> bool:
        return (
            session.program_id == self.program_id
            and (not self.months or session.month in self.months)
            and (not self.sites or session.site_id in self.sites)
        )

    @property
    def window(self) -> tuple:
        """What decides which sessions the request may use: program, months and sites."""
        return (self.program_id, self.months, self.sites)


# --------------------------------------------------------------------------- rules


def smallest_share(program_seats: int) -> float:
    """The smallest share, in hundredths, that leaves one agency a seat in a program of `program_seats`."""
    return math.ceil(100 / program_seats) / 100


def _check_factor(name: str, value, *, allow_zero: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RulesError(name, "not_a_number", value)
    value = float(value)
    if not math.isfinite(value):
        raise RulesError(name, "not_finite", value)
    if value < 0 or (value == 0 and not allow_zero):
        raise RulesError(name, "negative" if allow_zero else "not_positive", value)
    return value


@dataclass(frozen=True)
class Rules:
    """How requests are weighted and which fairness rules apply; stored with each allocation run.

    weight = program threat relevance × critical_factor (mission-critical programs)
             × border_factor × remote_factor × underserved_factor (each when the agency has the flag)
    """

    critical_factor: float = 2.0
    border_factor: float = 1.5
    remote_factor: float = 1.25
    underserved_factor: float = 1.25
    #: Threat relevance by program id; wins over threat_weights and the program's own relevance.
    program_relevance: Mapping = field(default_factory=dict)
    #: Threat relevance by threat tag; a program takes the highest of its tags.
    threat_weights: Mapping = field(default_factory=dict)
    #: Relevance of a program with none of the above.
    default_relevance: float = 1.0
    #: Every requesting agency's first seat in each critical program it asked for comes first.
    first_seat_fairness: bool = True
    #: Extra weight of that first seat; None picks 10 × the largest request weight, large
    #: enough to act as a priority while keeping costs well inside 64-bit integers.
    first_seat_bonus: float | None = None
    #: Largest share of a program's total seats one agency may take; None: no cap.
    max_share: float | None = 0.25

    def __post_init__(self):
        for name in ("critical_factor", "border_factor", "remote_factor", "underserved_factor", "default_relevance"):
            object.__setattr__(self, name, _check_factor(name, getattr(self, name)))
        if not isinstance(self.first_seat_fairness, bool):
            raise RulesError("first_seat_fairness", "not_a_boolean", self.first_seat_fairness)
        if self.first_seat_bonus is not None:
            object.__setattr__(
                self, "first_seat_bonus", _check_factor("first_seat_bonus", self.first_seat_bonus, allow_zero=True)
            )
        if self.max_share is not None:
            share = _check_factor("max_share", self.max_share)
            if share > 1:
                raise RulesError("max_share", "not_a_share", self.max_share)
            object.__setattr__(self, "max_share", share)
        for name in ("program_relevance", "threat_weights"):
            value = getattr(self, name)
            if not isinstance(value, Mapping):
                raise RulesError(name, "not_a_mapping", type(value).__name__)
            checked = {}
            for key, factor in value.items():
                checked[key] = _check_factor(f"{name}[{key!r}]", factor)
            object.__setattr__(self, name, MappingProxyType(checked))

    def share_cap_seats(self, program_seats: int) -> int | None:
        """Seats the share cap leaves one agency in a program of `program_seats` (None: no cap).

        Zero means the rule cannot hold in that program; callers facing users refuse it, and the
        solver raises it to one seat so that synthetic instances with tiny programs still solve.
        """
        if self.max_share is None:
            return None
        return math.floor(self.max_share * program_seats + 1e-9)

    def relevance_for(self, program: Program | None, program_id: Id = None) -> float:
        pid = program.id if program is not None else program_id
        if pid in self.program_relevance:
            return self.program_relevance[pid]
        if program is not None:
            tagged = [self.threat_weights[t] for t in program.threat_tags if t in self.threat_weights]
            if tagged:
                return max(tagged)
            return program.relevance
        return self.default_relevance

    def weight_for(
        self,
        relevance: float = 1.0,
        *,
        critical: bool = False,
        border: bool = False,
        remote: bool = False,
        underserved: bool = False,
    ) -> float:
        weight = float(relevance)
        if critical:
            weight *= self.critical_factor
        if border:
            weight *= self.border_factor
        if remote:
            weight *= self.remote_factor
        if underserved:
            weight *= self.underserved_factor
        return weight

    def to_dict(self) -> dict:
        data = {}
        for f in fields(self):
            value = getattr(self, f.name)
            data[f.name] = dict(value) if isinstance(value, Mapping) else value
        return data

    @classmethod
    def from_dict(cls, data: Mapping) -> Rules:
        """Rules from stored or user-typed values; unknown or bad fields raise RulesError naming them."""
        if not isinstance(data, Mapping):
            raise RulesError("(rules)", "not_a_mapping", type(data).__name__)
        known = {f.name for f in fields(cls)}
        for key in data:
            if key not in known:
                raise RulesError(str(key), "unknown", ", ".join(sorted(known)))
        return cls(**dict(data))


# --------------------------------------------------------------------------- problem


@dataclass(frozen=True)
class Problem:
    """Requests and sessions with their weights already computed, plus the rules they came from."""

    requests: tuple[Request, ...]
    sessions: tuple[Session, ...]
    rules: Rules = field(default_factory=Rules)
    programs: Mapping = field(default_factory=dict)
    agencies: Mapping = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "requests", tuple(self.requests))
        object.__setattr__(self, "sessions", tuple(self.sessions))
        if not isinstance(self.programs, MappingProxyType):
            object.__setattr__(self, "programs", MappingProxyType(dict(self.programs)))
        if not isinstance(self.agencies, MappingProxyType):
            object.__setattr__(self, "agencies", MappingProxyType(dict(self.agencies)))
        self._validate()

    def _validate(self):
        seen = set()
        for s in self.sessions:
            if s.id in seen:
                raise ProblemError(f"session {s.id!r}: duplicate id")
            seen.add(s.id)
            if s.month not in MONTHS:
                raise ProblemError(f"session {s.id!r}: month must be 1 to 12, got {s.month!r}")
            if not isinstance(s.capacity, int) or isinstance(s.capacity, bool) or s.capacity < 0:
                raise ProblemError(f"session {s.id!r}: capacity must be a whole number of seats, 0 or more")
        seen = set()
        for r in self.requests:
            if r.id in seen:
                raise ProblemError(f"request {r.id!r}: duplicate id")
            seen.add(r.id)
            if not isinstance(r.seats, int) or isinstance(r.seats, bool) or r.seats < 1:
                raise ProblemError(f"request {r.id!r}: seats must be a whole number, 1 or more")
            if not (isinstance(r.weight, (int, float)) and math.isfinite(r.weight) and r.weight >= 0):
                raise ProblemError(f"request {r.id!r}: weight must be a finite number, 0 or more")
            bad = [m for m in r.months if m not in MONTHS]
            if bad:
                raise ProblemError(f"request {r.id!r}: months must be 1 to 12, got {sorted(bad)!r}")

    # -- construction -------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        *,
        agencies: Iterable[Agency],
        programs: Iterable[Program],
        sessions: Iterable[Session],
        requests: Iterable[Request],
        rules: Rules | None = None,
    ) -> Problem:
        """A problem whose request weights and flags come from the agencies, programs and rules."""
        rules = rules or Rules()
        agencies = {a.id: a for a in agencies}
        programs = {p.id: p for p in programs}
        sessions = tuple(sessions)
        for s in sessions:
            if s.program_id not in programs:
                raise ProblemError(f"session {s.id!r}: unknown program {s.program_id!r}")
        relevance = {pid: rules.relevance_for(program) for pid, program in programs.items()}
        built = []
        for r in requests:
            agency = agencies.get(r.agency_id)
            if agency is None:
                raise ProblemError(f"request {r.id!r}: unknown agency {r.agency_id!r}")
            program = programs.get(r.program_id)
            if program is None:
                raise ProblemError(f"request {r.id!r}: unknown program {r.program_id!r}")
            built.append(_weighed(r, agency, program, relevance[program.id], rules))
        return cls(requests=tuple(built), sessions=sessions, rules=rules, programs=programs, agencies=agencies)

    def with_rules(self, rules: Rules) -> Problem:
        """The same requests re-weighted under other rules; without agencies and programs to weigh
        them from, the weights stay as given and only the fairness rules change."""
        if not self.agencies or not self.programs:
            return replace(self, rules=rules)
        return Problem.build(
            agencies=self.agencies.values(), programs=self.programs.values(),
            sessions=self.sessions, requests=self.requests, rules=rules,
        )

    def with_sessions(self, extra: Iterable[Session] = (), seats: Mapping | None = None) -> Problem:
        """A copy with extra sessions and extra seats on existing sessions ({session id: seats})."""
        seats = dict(seats or {})
        known = {s.id for s in self.sessions}
        unknown = [sid for sid in seats if sid not in known]
        if unknown:
            raise ProblemError(f"extra seats for unknown sessions: {unknown!r}")
        sessions = [replace(s, capacity=s.capacity + int(seats[s.id])) if s.id in seats else s for s in self.sessions]
        return replace(self, sessions=tuple(sessions) + tuple(extra))

    # -- derived values -------------------------------------------------------------------

    def program_capacity(self) -> dict:
        total: dict = {}
        for s in self.sessions:
            total[s.program_id] = total.get(s.program_id, 0) + s.capacity
        return total

    def typical_sizes(self) -> dict:
        """Seats in a standard session of each program: the catalog's size, else the median session."""
        sizes: dict = {}
        for s in self.sessions:
            if s.capacity > 0:
                sizes.setdefault(s.program_id, []).append(s.capacity)
        out = {pid: int(round(statistics.median(v))) for pid, v in sizes.items()}
        for pid, program in self.programs.items():
            if program.typical_size:
                out[pid] = int(program.typical_size)
        return out

    def typical_size(self, program_id) -> int:
        program = self.programs.get(program_id)
        if program is not None and program.typical_size:
            return int(program.typical_size)
        sizes = [s.capacity for s in self.sessions if s.program_id == program_id and s.capacity > 0]
        return int(round(statistics.median(sizes))) if sizes else 1

    def critical_programs(self) -> frozenset:
        """Programs flagged mission-critical, by the catalog or by their requests."""
        flagged = {pid for pid, p in self.programs.items() if p.critical}
        flagged.update(r.program_id for r in self.requests if r.critical)
        return frozenset(flagged)

    def agency_caps(self) -> dict:
        """Seats one agency may take in each program under the share cap ({program id: seats})."""
        if self.rules.max_share is None:
            return {}
        return {pid: max(1, self.rules.share_cap_seats(cap)) for pid, cap in self.program_capacity().items()}

    def first_seat_bonus(self) -> float:
        if not self.rules.first_seat_fairness:
            return 0.0
        if self.rules.first_seat_bonus is not None:
            return self.rules.first_seat_bonus
        return 10.0 * max((r.weight for r in self.requests), default=1.0)


def _weighed(request: Request, agency: Agency, program: Program, relevance: float, rules: Rules) -> Request:
    weight = rules.weight_for(
        relevance, critical=program.critical, border=agency.border, remote=agency.remote, underserved=agency.underserved
    )
    return replace(
        request, weight=weight, critical=program.critical,
        border=agency.border, remote=agency.remote, underserved=agency.underserved,
    )


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Reason:
    """Why a request got fewer seats than it asked for (see reasons.py for the codes)."""

    code: str
    #: The figures behind the reason (program, agency, seats, weights, the example, and a
    #: ``case`` that picks the wording), so a user interface can word it in any language.
    params: Mapping = field(default_factory=dict)
    #: A request that got a seat this one could have used (lower_priority and program_full).
    example_request_id: Id = None
    example_agency_id: Id = None

    @property
    def detail(self) -> str:
        """The reason in English words a coordinator understands."""
        from .reasons import describe

        return describe(self.code, self.params)


@dataclass(frozen=True)
class Uncovered:
    """An agency left without a seat in a critical program it asked for."""

    agency_id: Id
    program_id: Id
    code: str
    detail: str


@dataclass(frozen=True)
class Result:
    method: str
    rules: Rules
    #: {request id: {session id: seats}} for every request that got at least one seat.
    allocations: Mapping
    #: {request id: Reason} for every request that got fewer seats than it asked for.
    reasons: Mapping
    uncovered: tuple[Uncovered, ...]
    seats_requested: int
    seats_filled: int
    weighted_requested: float
    weighted_seats: float
    #: What the optimizer maximizes: weighted seats plus the first-seat bonus earned.
    objective: float
    first_seats: int
    first_seat_bonus: float
    seconds: float = 0.0

    def filled(self, request_id) -> int:
        return sum(self.allocations.get(request_id, {}).values())

    def session_load(self) -> dict:
        load: dict = {}
        for alloc in self.allocations.values():
            for sid, n in alloc.items():
                load[sid] = load.get(sid, 0) + n
        return load

    def summary(self) -> dict:
        return {
            "method": self.method,
            "seats_requested": self.seats_requested,
            "seats_filled": self.seats_filled,
            "weighted_requested": self.weighted_requested,
            "weighted_seats": self.weighted_seats,
            "objective": self.objective,
            "first_seats": self.first_seats,
            "uncovered_first_seats": len(self.uncovered),
            "reasons": _count(r.code for r in self.reasons.values()),
            "seconds": self.seconds,
        }


def _count(codes) -> dict:
    out = dict.fromkeys(REASON_CODES, 0)
    for c in codes:
        out[c] = out.get(c, 0) + 1
    return out

"""Rules, facts and the evaluation of one person's status on one date (see the package doc)."""
import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from .dates import last_valid_day, renewal_opens


class RulesError(ValueError):
    """A credential type whose rules cannot be evaluated."""


class Status(str, enum.Enum):
    CURRENT = "current"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    INCOMPLETE = "incomplete"

    def __str__(self):
        return self.value


@dataclass(frozen=True)
class Requirement:
    """One component: facts with this key meet it; `validity_months` None means no lapse."""

    key: str
    validity_months: int | None = None

    def __post_init__(self):
        if not self.key:
            raise RulesError("A component must reference an evaluation, a program or a vetting check.")
        if self.validity_months is not None and self.validity_months < 1:
            raise RulesError(f"The validity of {self.key} must be at least one month.")


@dataclass(frozen=True)
class Rules:
    requirements: tuple[Requirement, ...]
    validity_months: int
    renewal_window_months: int = 0

    def __post_init__(self):
        if not self.requirements:
            raise RulesError("A credential type must require at least one component.")
        keys = [requirement.key for requirement in self.requirements]
        if len(set(keys)) != len(keys):
            raise RulesError("A credential type lists the same component twice.")
        if self.validity_months < 1:
            raise RulesError("A credential must be valid for at least one month.")
        if not 0 <= self.renewal_window_months < self.validity_months:
            raise RulesError("The renewal window must be shorter than the validity.")


@dataclass(frozen=True)
class Fact:
    """A passed evaluation, a completed program or a passed vetting check, on its date.

    `until` is the fact's own last valid day where it has one (a vetting check's expiry).
    """

    key: str
    on: datetime.date
    until: datetime.date | None = None
    reference: str = ""  # where the fact comes from, e.g. "evaluation:12", carried to the result


@dataclass(frozen=True)
class ComponentState:
    """How one component stands on the date: met, missing or lapsed, and by which fact."""

    key: str
    met: bool
    fact: Fact | None = None
    valid_until: datetime.date | None = None  # None: never lapses (or missing)

    @property
    def missing(self) -> bool:
        return self.fact is None

    @property
    def lapsed(self) -> bool:
        return self.fact is not None and not self.met


@dataclass(frozen=True)
class Result:
    status: Status
    on_date: datetime.date
    components: tuple[ComponentState, ...]
    valid_until: datetime.date | None = None  # the credential's last valid day, when complete
    renewal_opens: datetime.date | None = None
    basis: datetime.date | None = None  # the date its own validity counts from
    missing: tuple[str, ...] = field(default=())
    lapsed: tuple[str, ...] = field(default=())

    @property
    def covered(self) -> bool:
        """Whether the person holds the credential on the date (current or expiring)."""
        return self.status in (Status.CURRENT, Status.EXPIRING)


def _expiry(fact: Fact, months: int | None) -> datetime.date | None:
    by_months = last_valid_day(fact.on, months) if months else None
    ends = [day for day in (by_months, fact.until) if day is not None]
    return min(ends) if ends else None


def _best(requirement: Requirement, facts: list[Fact], on_date: datetime.date) -> ComponentState:
    """The fact that keeps the component valid longest (the latest on a tie)."""
    best, best_expiry = None, None
    for fact in facts:
        if fact.key != requirement.key or fact.on > on_date:
            continue
        expiry = _expiry(fact, requirement.validity_months)
        rank = (datetime.date.max if expiry is None else expiry, fact.on)
        if best is None or rank > (datetime.date.max if best_expiry is None else best_expiry, best.on):
            best, best_expiry = fact, expiry
    if best is None:
        return ComponentState(requirement.key, met=False)
    met = best_expiry is None or best_expiry >= on_date
    return ComponentState(requirement.key, met=met, fact=best, valid_until=best_expiry)


def evaluate(rules: Rules, facts: Iterable[Fact], on_date: datetime.date, issued_on: datetime.date | None = None) -> Result:
    """The status of a person with these `facts` on `on_date`.

    With `issued_on`, the credential's own validity counts from that day (an issued
    credential); otherwise from the latest of the person's facts dated on or before `on_date`.
    """
    facts = [fact for fact in facts if fact.on <= on_date]
    components = tuple(_best(requirement, facts, on_date) for requirement in rules.requirements)
    missing = tuple(state.key for state in components if state.missing)
    lapsed = tuple(state.key for state in components if state.lapsed)
    if missing:
        return Result(Status.INCOMPLETE, on_date, components, missing=missing, lapsed=lapsed)
    keys = {requirement.key for requirement in rules.requirements}
    basis = issued_on or max(fact.on for fact in facts if fact.key in keys)
    own_end = last_valid_day(basis, rules.validity_months)
    if own_end < on_date:
        return Result(Status.EXPIRED, on_date, components, valid_until=own_end, basis=basis, lapsed=lapsed)
    if lapsed:
        return Result(Status.INCOMPLETE, on_date, components, basis=basis, lapsed=lapsed)
    valid_until = min([own_end] + [state.valid_until for state in components if state.valid_until is not None])
    opens = renewal_opens(valid_until, rules.renewal_window_months)
    status = Status.EXPIRING if rules.renewal_window_months and on_date >= opens else Status.CURRENT
    return Result(status, on_date, components, valid_until=valid_until, renewal_opens=opens, basis=basis)

"""The credential rules engine: a person's status for one credential type on one date.

Pure Python, no Django: the app turns its rows (evaluations, training records, vetting checks)
into `Fact`s and a credential type into `Rules`, and reads back a `Result`.

Semantics, all dates inclusive:

* A component is met on a date by a passed fact dated on or before it whose validity has not
  ended: a fact dated D with a validity of M months is valid through the day before its
  M-month anniversary (`last_valid_day`); a fact may also carry its own last day (a vetting
  check's expiry), and then the earlier of the two counts. Without months nor own last day it
  never lapses (a completed initial-training program).
* The credential itself holds for its own validity counted from the latest component fact (or
  from the issue date of an issued credential).
* Status: INCOMPLETE when a component was never met; EXPIRED when the credential's own
  validity has run out; INCOMPLETE when a component has lapsed; EXPIRING from the day the
  renewal window opens (its months before the day after the last valid day); else CURRENT.
"""
from .dates import anniversary, earliest_valid_start, last_valid_day, renewal_opens
from .engine import ComponentState, Fact, Requirement, Result, Rules, RulesError, Status, evaluate

__all__ = [
    "ComponentState", "Fact", "Requirement", "Result", "Rules", "RulesError", "Status", "anniversary",
    "earliest_valid_start", "evaluate", "last_valid_day", "renewal_opens",
]

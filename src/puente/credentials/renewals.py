"""Renewal work lists: who among some people falls due for a credential within a few months.

Set-based, like coverage: "due" is everyone the type applies to who will not hold it on the
horizon date (today plus the months), with what they hold today splitting it into those still
valid ("expiring") and those already without it ("lapsed": expired or incomplete). No fact can
be dated after today, so holding it on the horizon date means holding it through then.
"""
import datetime

from .models import CredentialType
from .rules import anniversary
from .status import covered_q, population

STATES = ("due", "expiring", "lapsed")


def horizon(today: datetime.date, months: int) -> datetime.date:
    return anniversary(today, months)


def due(credential_type: CredentialType, people, today: datetime.date, months: int = 6, state: str = "due"):
    """The people (a Person queryset, already scoped) falling due, ordered by agency and name."""
    components = list(credential_type.components.select_related("program"))
    applies = population(credential_type, people)
    found = applies.exclude(covered_q(credential_type, horizon(today, months), components))
    if state == "expiring":
        found = found.filter(covered_q(credential_type, today, components))
    elif state == "lapsed":
        found = found.exclude(covered_q(credential_type, today, components))
    return found.select_related("agency").order_by("agency__name", "family_names", "given_names", "pk")

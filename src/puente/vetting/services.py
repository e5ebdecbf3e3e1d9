"""Reads about vetting that need no access to the checks themselves."""
import datetime

from django.db.models import Max
from django.utils import timezone

from .models import VettingCheck


def valid_until(person, on_date: datetime.date | None = None) -> datetime.date | None:
    """The last day the person's vetting is valid, as known on `on_date` (default today).

    The latest expiry among passed checks made on or before that day; None without one.
    """
    on_date = on_date or timezone.localdate()
    return (
        VettingCheck.objects.filter(person=person, result=VettingCheck.Result.PASSED, checked_on__lte=on_date)
        .aggregate(until=Max("valid_until"))["until"]
    )


def status_for(person, on_date: datetime.date | None = None) -> tuple[bool, datetime.date | None]:
    """(valid, until): whether the person's vetting is valid on `on_date`, and its last day."""
    on_date = on_date or timezone.localdate()
    until = valid_until(person, on_date)
    if until is None or until < on_date:
        return False, None
    return True, until

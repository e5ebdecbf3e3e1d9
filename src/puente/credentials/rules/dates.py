"""Month arithmetic for validities: anniversaries, last valid days and renewal windows."""
import calendar
import datetime

ONE_DAY = datetime.timedelta(days=1)


def anniversary(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier, when negative).

    A day the target month lacks (31 April, 29 February in a common year) rolls over to the
    first of the next month, so a validity never comes up a day short.
    """
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    if day.day > calendar.monthrange(year, month)[1]:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return datetime.date(year, month, 1)
    return datetime.date(year, month, day.day)


def last_valid_day(day: datetime.date, months: int) -> datetime.date:
    """The last day a fact dated `day` with a validity of `months` months still holds."""
    return anniversary(day, months) - ONE_DAY


def earliest_valid_start(on_date: datetime.date, months: int) -> datetime.date:
    """The earliest date a fact may carry and still hold on `on_date`.

    `last_valid_day` never decreases as the fact's date advances, so the facts valid on a date
    are exactly those dated from this day to that date: set-based counts filter on it.
    """
    day = anniversary(on_date, -months)
    while last_valid_day(day - ONE_DAY, months) >= on_date:
        day -= ONE_DAY
    while last_valid_day(day, months) < on_date:
        day += ONE_DAY
    return day


def renewal_opens(valid_until: datetime.date, window_months: int) -> datetime.date:
    """The first day of the renewal window before a credential valid through `valid_until`."""
    return anniversary(valid_until + ONE_DAY, -window_months)

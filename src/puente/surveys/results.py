"""Satisfaction results from the session surveys a user may see, grouped and suppressed.

Counts come from the database; shares, means and suppression from the pure core (tally.py).
"""
from dataclasses import replace

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from puente.capacity.models import Session, Site
from puente.catalog.models import Domain, Program

from .models import RATINGS, SATISFIED_FROM, SatisfactionResponse, SessionSurvey
from .tally import Tally, summarize

# Breakdown: (label, path from a session survey to the group key, how keys are named).
BREAKDOWNS = {
    "fiscal_year": (_("Fiscal year"), "session__fiscal_year", lambda keys: {key: f"FY{key}" for key in keys}),
    "program": (_("Program"), "session__program", lambda keys: {p.pk: str(p) for p in Program.objects.filter(pk__in=keys)}),
    "domain": (_("Domain"), "session__program__domain", lambda keys: {d.pk: str(d) for d in Domain.objects.filter(pk__in=keys)}),
    "site": (_("Academy"), "session__site", lambda keys: {s.pk: s.name for s in Site.objects.filter(pk__in=keys)}),
    "session": (
        _("Session"), "session",
        lambda keys: {s.pk: str(s) for s in Session.objects.filter(pk__in=keys).select_related("program", "site")},
    ),
}
COMMENTS_SHOWN = 100


def minimum_responses() -> int:
    """Groups with fewer responses than this show no counts (PUENTE_SURVEY_MIN_RESPONSES, 5 by default)."""
    return getattr(settings, "PUENTE_SURVEY_MIN_RESPONSES", 5)


def visible(user):
    """The session surveys whose results `user` may see, each once."""
    return SessionSurvey.objects.filter(pk__in=SessionSurvey.objects.restrict(user, "view").values("pk"))


def once(session_surveys):
    """The same session surveys without the repeats a filter across a many-valued relation makes."""
    return SessionSurvey.objects.filter(pk__in=session_surveys.values("pk"))


def tallies(session_surveys, by: str) -> list[Tally]:
    """One tally per group, in the breakdown's natural order (years ascending, else by name)."""
    _label, path, names = BREAKDOWNS[by]
    session_surveys = once(session_surveys)
    invited = dict(session_surveys.values_list(path).annotate(n=Count("invitations")).order_by())
    answered = {
        row.pop(f"session_survey__{path}"): row
        for row in SatisfactionResponse.objects.filter(session_survey__in=session_surveys)
        .values(f"session_survey__{path}")
        .annotate(
            responses=Count("pk"), satisfied=Count("pk", filter=Q(overall__gte=SATISFIED_FROM)),
            **{f"sum_{name}": Sum(name) for name in RATINGS},
        ).order_by()
    }
    labels = names(invited)
    rows = [
        Tally(
            key, labels.get(key, "—"), invited[key], answered.get(key, {}).get("responses", 0), answered.get(key, {}).get("satisfied", 0),
            {name: answered.get(key, {}).get(f"sum_{name}") or 0 for name in RATINGS},
        )
        for key in invited
    ]
    return sorted(rows, key=(lambda t: t.key) if by == "fiscal_year" else (lambda t: t.label))


def report(session_surveys, by: str) -> dict:
    """Rows, total and the comments of the groups shown, for a page, an export or the API."""
    minimum = minimum_responses()
    rows, total = summarize(tallies(session_surveys, by), minimum)
    return {"by": by, "label": BREAKDOWNS[by][0], "minimum": minimum, "rows": rows, "total": replace(total, label=str(_("Total"))),
            "comments": comments(session_surveys, by, [r.key for r in rows if not r.suppressed])}


def comments(session_surveys, by: str, shown_keys: list) -> list[str]:
    """Free-text comments of the groups that are shown, without anything about who wrote them.

    Responses have random ids, so ordering by id mixes them.
    """
    path = BREAKDOWNS[by][1]
    return list(
        SatisfactionResponse.objects.filter(session_survey__in=once(session_surveys), **{f"session_survey__{path}__in": shown_keys})
        .exclude(comment="").order_by("id").values_list("comment", flat=True)[:COMMENTS_SHOWN]
    )

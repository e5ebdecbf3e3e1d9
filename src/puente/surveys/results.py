"""Survey results from the rows a user may see, grouped and suppressed.

Counts come from the database; shares, means and suppression from the pure core (tally.py).
Satisfaction (level 1) is read from the session surveys the user may see and their anonymous
responses; follow-ups (level 3) from the follow-up surveys the user may see, once they opened.
"""
from dataclasses import replace

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puente.capacity.models import Session, Site
from puente.catalog.models import Domain, Program

from .models import (
    APPLIED_FROM, FOLLOW_UP_RATINGS, RATINGS, SATISFIED_FROM, FollowUpSurvey, SatisfactionResponse, SessionSurvey,
)
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
# A follow-up names one officer's training: grouped by session it would come close to naming them.
FOLLOW_UP_BREAKDOWNS = {key: value for key, value in BREAKDOWNS.items() if key != "session"}
COMMENTS_SHOWN = 100


def minimum_responses() -> int:
    """Groups with fewer responses than this show no counts (PUENTE_SURVEY_MIN_RESPONSES, 5 by default)."""
    return getattr(settings, "PUENTE_SURVEY_MIN_RESPONSES", 5)


def visible(user):
    """The session surveys whose results `user` may see, each once."""
    return SessionSurvey.objects.filter(pk__in=SessionSurvey.objects.restrict(user, "view").values("pk"))


def visible_follow_ups(user):
    return FollowUpSurvey.objects.restrict(user, "view")


def _sums(ratings) -> dict:
    return {f"sum_{name}": Sum(name) for name in ratings}


def _tallies(by: str, invited: dict, answered: dict, ratings) -> list[Tally]:
    """One tally per group, in the breakdown's natural order (years ascending, else by name)."""
    labels = BREAKDOWNS[by][2](invited)
    rows = []
    for key, count in invited.items():
        done = answered.get(key, {})
        rows.append(Tally(key, labels.get(key, "—"), count, done.get("responses", 0), done.get("satisfied", 0),
                          {name: done.get(f"sum_{name}") or 0 for name in ratings}))
    return sorted(rows, key=(lambda t: t.key) if by == "fiscal_year" else (lambda t: t.label))


def _report(by: str, tallies: list[Tally], comments) -> dict:
    """Rows, total and the comments of the groups shown, for a page, an export or the API."""
    minimum = minimum_responses()
    rows, total = summarize(tallies, minimum)
    return {"by": by, "label": BREAKDOWNS[by][0], "minimum": minimum, "rows": rows, "total": replace(total, label=str(_("Total"))),
            "comments": list(comments.filter(group__in=[r.key for r in rows if not r.suppressed])
                             .exclude(comment="").order_by("id").values_list("comment", flat=True)[:COMMENTS_SHOWN])}


def report(session_surveys, by: str) -> dict:
    """Satisfaction by `by`: share satisfied (overall 4 or 5), response rate, mean per question.

    Comments come without anything about who wrote them; responses have random ids, so
    ordering by id mixes them.
    """
    path = BREAKDOWNS[by][1]
    # A filter across a many-valued relation (threats) repeats rows: count each survey once.
    session_surveys = SessionSurvey.objects.filter(pk__in=session_surveys.values("pk"))
    invited = dict(session_surveys.values_list(path).annotate(n=Count("invitations")).order_by())
    responses = SatisfactionResponse.objects.filter(session_survey__in=session_surveys).annotate(group=F(f"session_survey__{path}"))
    answered = {
        row.pop("group"): row for row in responses.values("group").annotate(
            responses=Count("pk"), satisfied=Count("pk", filter=Q(overall__gte=SATISFIED_FROM)), **_sums(RATINGS)).order_by()
    }
    return _report(by, _tallies(by, invited, answered, RATINGS), responses)


def follow_up_report(follow_ups, by: str, today=None) -> dict:
    """Follow-ups by `by`: share applying the skills (agreement 4 or 5), response rate, mean per question.

    Only follow-ups that have opened count: one not yet sent cannot have been answered.
    """
    today = today or timezone.localdate()
    opened = FollowUpSurvey.objects.filter(pk__in=follow_ups.values("pk"), opens_on__lte=today).annotate(
        group=F(f"enrollment__{BREAKDOWNS[by][1]}"))
    rows = opened.values("group").annotate(
        invited=Count("pk"), responses=Count("pk", filter=Q(status=FollowUpSurvey.Status.ANSWERED)),
        satisfied=Count("pk", filter=Q(skills_used__gte=APPLIED_FROM)), **_sums(FOLLOW_UP_RATINGS)).order_by()
    answered = {row.pop("group"): row for row in rows}
    invited = {key: row["invited"] for key, row in answered.items()}
    return _report(by, _tallies(by, invited, answered, FOLLOW_UP_RATINGS), opened)

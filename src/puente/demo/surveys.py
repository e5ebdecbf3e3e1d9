"""Satisfaction survey demo data: every completed FY2023/FY2024 enrollment gets its survey, and
most officers answer.

The source reports partner satisfaction of 98% (2023) and 100% for counter-drug courses; the
responses are drawn so that the share satisfied (overall rating 4 or 5), computed from them,
is exactly 98% in each fiscal year and 100% in counter-drug programs (those answering the
fentanyl or synthetic-drug threats). That needs respondents in multiples of 50 a year (one
dissatisfied in 50), so the response rate is rounded down to one; below 50 respondents a year
the share is as close to 98% as whole officers allow. The demo officer keeps the latest of
their surveys pending, so their "My surveys" page has one to answer.

Follow-ups (level 3) exist for every completion whose follow-up window has opened: seven in
ten past windows were answered, and 86% of those say the skills are used on the job; windows
open today wait for the coordinators.
"""
import datetime
import uuid

from django.utils import timezone

from puente.records.models import Enrollment
from puente.surveys.actions import follow_up_window
from puente.surveys.models import FOLLOW_UP_RATINGS, RATINGS, FollowUpSurvey, SatisfactionResponse, SatisfactionSurvey, SessionSurvey

YEARS = (2023, 2024)
RESPONSE_RATE = 0.82
SATISFIED_SHARE = 0.98
COUNTER_DRUG_THREATS = ("FENTANYL", "SYNTHETIC-DRUGS")
COMMENT_SHARE = 0.15
FOLLOW_UP_RESPONSE_RATE = 0.7
SKILLS_USED_SHARE = 0.86
COMMENTS = {
    "satisfied": {
        "en": ("Very practical; I used the field testing steps the week after.", "Good instructors, real cases.",
               "More hands-on time with the equipment would help.", "Well organized and relevant to the port of entry."),
        "es": ("Muy práctico; apliqué el procedimiento de campo a la semana siguiente.", "Buenos instructores y casos reales.",
               "Convendría más tiempo de práctica con el equipo.", "Bien organizado y útil para el trabajo en la aduana."),
    },
    "dissatisfied": {
        "en": ("Too much theory for the hours available.", "The classroom was too small for the group."),
        "es": ("Demasiada teoría para las horas disponibles.", "El aula era muy pequeña para el grupo."),
    },
}


def _respondents(n: int) -> int:
    """How many answer out of `n`: about the response rate, in whole fifties when there are enough."""
    wanted = int(n * RESPONSE_RATE)
    return wanted // 50 * 50 if wanted >= 50 else wanted


def _ratings(rng, satisfied: bool) -> dict:
    overall = rng.choice((4, 5, 5)) if satisfied else rng.choice((2, 3, 3))
    return {"overall": overall} | {
        name: max(1, min(5, overall + rng.choice((-1, 0, 0, 0, 1)))) for name in RATINGS if name != "overall"
    }


def build(ctx):
    rng = ctx.rng
    officer = ctx.data.get("demo_officer")
    completed = Enrollment.objects.filter(status=Enrollment.Status.COMPLETED).order_by("pk")
    fields = ("pk", "session_id", "session__fiscal_year", "session__language", "session__end_date", "person_id")
    rows = list(completed.filter(session__fiscal_year__in=YEARS).values_list(*fields))
    if officer is not None:
        known = {row[0] for row in rows}
        rows += [row for row in completed.filter(person=officer).values_list(*fields) if row[0] not in known]
    if not rows:
        ctx.counts.update(satisfaction_surveys=0, satisfaction_responses=0, follow_up_surveys=0)
        ctx.progress(100, "no completed enrollments to survey")
        return
    counter_drug = set(
        Enrollment.objects.filter(pk__in=[row[0] for row in rows], session__program__threats__code__in=COUNTER_DRUG_THREATS)
        .values_list("pk", flat=True)
    )
    session_surveys = {
        s.session_id: s for s in SessionSurvey.objects.bulk_create(
            [SessionSurvey(session_id=session_id) for session_id in sorted({row[1] for row in rows})], batch_size=2000)
    }
    ctx.progress(20, f"{len(session_surveys):,} session surveys")
    keep_pending = max((row for row in rows if officer is not None and row[5] == officer.pk), key=lambda row: row[4], default=None)
    surveys, responses = [], []
    for year in sorted({row[2] for row in rows}):
        in_year = [row for row in rows if row[2] == year]
        candidates = [row for row in in_year if row is not keep_pending]
        answering = rng.sample(candidates, _respondents(len(candidates)))
        ordinary = [row for row in answering if row[0] not in counter_drug]
        dissatisfied = {row[0] for row in rng.sample(ordinary, min(len(ordinary), round(len(answering) * (1 - SATISFIED_SHARE))))}
        answered = {row[0] for row in answering}
        for pk, session_id, _year, language, end_date, _person in in_year:
            survey = SatisfactionSurvey(enrollment_id=pk, session_survey=session_surveys[session_id])
            surveys.append(survey)
            if pk not in answered:
                continue
            survey.status = SatisfactionSurvey.Status.ANSWERED
            survey.answered_on = end_date + datetime.timedelta(days=rng.randint(0, 14))
            mood = "dissatisfied" if pk in dissatisfied else "satisfied"
            comment = rng.choice(COMMENTS[mood]["es" if language == "es" else "en"]) if rng.random() < COMMENT_SHARE else ""
            responses.append(SatisfactionResponse(
                id=uuid.UUID(int=rng.getrandbits(128), version=4), session_survey=session_surveys[session_id],
                comment=comment, **_ratings(rng, mood == "satisfied"),
            ))
    SatisfactionSurvey.objects.bulk_create(surveys, batch_size=2000)
    ctx.progress(60, f"{len(surveys):,} satisfaction surveys")
    # Shuffled, so nothing in the table's physical order follows the order of the officers.
    rng.shuffle(responses)
    SatisfactionResponse.objects.bulk_create(responses, batch_size=2000)
    ctx.progress(80, f"{len(responses):,} satisfaction responses")
    follow_ups = _follow_ups(rng, completed.values_list("pk", "agency_id", "session__end_date"), timezone.localdate())
    ctx.counts.update(satisfaction_surveys=len(surveys), satisfaction_responses=len(responses), follow_up_surveys=len(follow_ups))
    ctx.progress(100, f"{len(responses):,} satisfaction responses, {len(follow_ups):,} follow-ups")


def _follow_ups(rng, completions, today) -> list:
    """Follow-ups whose window has opened: answered in the past (the shares drawn exactly, so
    every scale shows them), or waiting when open today."""
    made = []
    for pk, agency_id, end_date in completions:
        opens, closes = follow_up_window(end_date)
        if opens <= today:
            made.append(FollowUpSurvey(enrollment_id=pk, agency_id=agency_id, opens_on=opens, closes_on=closes))
    closed = [survey for survey in made if survey.closes_on < today]
    answered = rng.sample(closed, round(len(closed) * FOLLOW_UP_RESPONSE_RATE))
    not_used = {id(survey) for survey in rng.sample(answered, round(len(answered) * (1 - SKILLS_USED_SHARE)))}
    for survey in answered:
        survey.status = FollowUpSurvey.Status.ANSWERED
        survey.answered_on = survey.opens_on + datetime.timedelta(days=rng.randint(0, 45))
        for name in FOLLOW_UP_RATINGS:
            setattr(survey, name, rng.choice((2, 3)) if id(survey) in not_used else rng.choice((4, 5, 5)))
    return FollowUpSurvey.objects.bulk_create(made, batch_size=2000)

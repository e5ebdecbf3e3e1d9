"""Surveys: a satisfaction survey opened when an enrollment is completed and answered once by
its officer (level 1); a follow-up months later, answered by the officer's agency (level 3)."""
from collections import Counter
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail, send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from puente.accounts.roles import Role
from puente.core import audit
from puente.core.addresses import public_url
from puente.core.services import action_name, require, update_object
from puente.records.models import Enrollment

from .models import (
    FOLLOW_UP_CLOSES_DAYS, FOLLOW_UP_OPENS_DAYS, FOLLOW_UP_RATINGS, RATINGS, FollowUpSurvey, SatisfactionResponse,
    SatisfactionSurvey, SessionSurvey,
)


def _day(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def invitation(survey: SatisfactionSurvey, language: str) -> tuple[str, str]:
    """Subject and body in `language`, followed by the same text in the other language."""
    session = survey.enrollment.session
    link = public_url(reverse("surveys:answer", args=[survey.pk]))
    parts, subject = [], ""
    for code in (language, "es" if language == "en" else "en"):
        with translation.override(code):
            title = session.program.title_es if code == "es" else session.program.title_en
            if not subject:
                subject = _("How was %(program)s? Tell us in two minutes") % {"program": title}
            parts.append(_(
                "You completed %(program)s (%(start)s to %(end)s). Please rate it in five questions; "
                "your answers are anonymous and help improve the training. Sign in to Puente and open My surveys, or go to %(link)s"
            ) % {"program": title, "start": _day(session.start_date), "end": _day(session.end_date), "link": link})
    return subject, "\n\n".join(parts)


@transaction.atomic
def open_satisfaction_survey(enrollment, actor=None) -> SatisfactionSurvey | None:
    """Invite the officer of a completed enrollment to rate it (once; calling again changes nothing).

    Returns the survey, or None when the enrollment is not completed. The e-mail goes out
    after the transaction commits, in the officer's language, and is skipped quietly when the
    officer has no address.
    """
    if enrollment.status != enrollment.Status.COMPLETED:
        return None
    survey = SatisfactionSurvey.objects.filter(enrollment=enrollment).first()
    if survey is not None:
        return survey
    session_survey, _created = SessionSurvey.objects.get_or_create(session_id=enrollment.session_id)
    survey = SatisfactionSurvey.objects.create(enrollment=enrollment, session_survey=session_survey)
    audit.record(actor, action_name(SatisfactionSurvey, "open"), survey, audit.diff({}, audit.snapshot(survey)))
    person = enrollment.person
    address = person.contact_email
    if address:
        subject, body = invitation(survey, person.preferred_language)
        transaction.on_commit(lambda: send_mail(subject, body, None, [address], fail_silently=True))
    return survey


def answered_already(survey: SatisfactionSurvey) -> str | None:
    """Why the survey cannot be answered again, or None while it is pending."""
    if survey.status != SatisfactionSurvey.Status.ANSWERED:
        return None
    return _("You already answered this survey on %(day)s; answers cannot be changed.") % {"day": _day(survey.answered_on)}


@transaction.atomic
def answer_survey(actor, survey: SatisfactionSurvey, ratings: dict, comment: str = "") -> SatisfactionResponse:
    """Store the officer's answers without their name; a survey is answered once, by its officer."""
    survey = SatisfactionSurvey.objects.select_for_update(of=("self",)).select_related("enrollment__person__account").get(pk=survey.pk)
    account = getattr(survey.enrollment.person, "account", None)
    if account is None or actor is None or account.pk != actor.pk:
        raise PermissionDenied(_("Only the officer who took the training may answer this survey."))
    refused = answered_already(survey)
    if refused:
        raise ValidationError(refused)
    response = SatisfactionResponse(session_survey_id=survey.session_survey_id, comment=comment.strip(), **{name: ratings.get(name) for name in RATINGS})
    response.full_clean()
    response.save()
    # The audit entry says that the officer answered, never what: an entry naming the
    # response would tie the officer to their ratings.
    before = audit.snapshot(survey)
    survey.status = SatisfactionSurvey.Status.ANSWERED
    survey.answered_on = timezone.localdate()
    survey.save(update_fields=["status", "answered_on"])
    audit.record(actor, action_name(SatisfactionSurvey, "answer"), survey, audit.diff(before, audit.snapshot(survey)))
    return response


def follow_up_window(end_date) -> tuple:
    """When a follow-up on a session ending on `end_date` opens and closes."""
    return end_date + timedelta(days=FOLLOW_UP_OPENS_DAYS), end_date + timedelta(days=FOLLOW_UP_CLOSES_DAYS)


@transaction.atomic
def open_follow_ups(actor=None, today=None) -> int:
    """Open a follow-up survey for every completion now three to six months old (once each),
    and e-mail each coordinator of the agencies concerned how many wait for them.

    Idempotent: run it daily (`puente surveys follow-ups`); returns how many it opened.
    """
    today = today or timezone.localdate()
    due = (
        Enrollment.objects.filter(
            status=Enrollment.Status.COMPLETED, follow_up_survey__isnull=True,
            session__end_date__lte=today - timedelta(days=FOLLOW_UP_OPENS_DAYS),
            session__end_date__gt=today - timedelta(days=FOLLOW_UP_CLOSES_DAYS),
        ).values_list("pk", "agency_id", "session__end_date")
    )
    opened = FollowUpSurvey.objects.bulk_create([
        FollowUpSurvey(enrollment_id=pk, agency_id=agency_id, opens_on=opens, closes_on=closes)
        for pk, agency_id, end_date in due for opens, closes in [follow_up_window(end_date)]
    ], batch_size=1000)
    name = action_name(FollowUpSurvey, "open")
    audit.AuditEntry.objects.bulk_create(
        [audit.AuditEntry(**audit.entry_fields(actor, name, survey, audit.diff({}, audit.snapshot(survey)))) for survey in opened],
        batch_size=1000,
    )
    waiting = Counter(survey.agency_id for survey in opened)
    if waiting:
        transaction.on_commit(lambda: _tell_coordinators(waiting))
    return len(opened)


def _tell_coordinators(waiting: Counter) -> int:
    """One bilingual e-mail per coordinator, in their language first: how many follow-ups wait."""
    from puente.accounts.models import RoleAssignment

    link = public_url(reverse("surveys:follow_up_list"))
    messages = []
    for assignment in RoleAssignment.objects.filter(role=Role.AGENCY_COORDINATOR, agency_id__in=waiting).select_related("user"):
        user = assignment.user
        if not user.email:
            continue
        language = user.language or ("es" if assignment.agency.country_id == "MX" else "en")
        parts, subject = [], ""
        for code in (language, "es" if language == "en" else "en"):
            with translation.override(code):
                subject = subject or _("Training follow-up: is it used on the job?")
                parts.append(ngettext(
                    "%(count)s officer of your agency completed a training three months ago. With their supervisor, tell us in three questions whether they use it on the job: %(link)s",
                    "%(count)s officers of your agency completed a training three months ago. With their supervisors, tell us in three questions whether they use it on the job: %(link)s",
                    waiting[assignment.agency_id],
                ) % {"count": waiting[assignment.agency_id], "link": link})
        messages.append((subject, "\n\n".join(parts), None, [user.email]))
    send_mass_mail(messages, fail_silently=True)
    return len(messages)


def follow_up_refusal(survey: FollowUpSurvey, today=None) -> str | None:
    """Why the follow-up cannot be answered now, or None when it can."""
    today = today or timezone.localdate()
    if survey.status == FollowUpSurvey.Status.ANSWERED:
        return _("This follow-up was already answered on %(day)s; answers cannot be changed.") % {"day": _day(survey.answered_on)}
    if today < survey.opens_on:
        return _("This follow-up opens on %(day)s, three months after the training.") % {"day": _day(survey.opens_on)}
    if today > survey.closes_on:
        return _("This follow-up closed on %(day)s.") % {"day": _day(survey.closes_on)}
    return None


@transaction.atomic
def answer_follow_up(actor, survey: FollowUpSurvey, ratings: dict, comment: str = "") -> FollowUpSurvey:
    """Record the agency's answers to a follow-up that is open, once."""
    survey = FollowUpSurvey.objects.select_for_update().get(pk=survey.pk)
    require(actor, "change", survey)
    refused = follow_up_refusal(survey)
    if refused:
        raise ValidationError(refused)
    missing = [name for name in FOLLOW_UP_RATINGS if ratings.get(name) is None]
    if missing:
        raise ValidationError({name: _("Please choose a rating from 1 to 5.") for name in missing})
    return update_object(actor, survey, {
        "status": FollowUpSurvey.Status.ANSWERED, "answered_on": timezone.localdate(),
        "answered_by": actor, "comment": comment.strip(), **{name: ratings.get(name) for name in FOLLOW_UP_RATINGS},
    }, verb="answer")

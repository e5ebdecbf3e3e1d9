"""Satisfaction surveys: opening one when an enrollment is completed, and answering it once."""
import os

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from puente.core import audit
from puente.core.services import action_name

from .models import RATINGS, SatisfactionResponse, SatisfactionSurvey, SessionSurvey


def officer_language(person) -> str:
    """The officer's language: their account's choice, else their country's language."""
    account = getattr(person, "account", None)
    if account is not None and account.language:
        return account.language
    return "es" if person.country_id == "MX" else "en"


def officer_email(person) -> str:
    account = getattr(person, "account", None)
    return person.email or (account.email if account is not None else "")


def public_url(path: str) -> str:
    """An address for e-mails: PUENTE_PUBLIC_URL (setting or environment) is where people reach the site."""
    base = getattr(settings, "PUENTE_PUBLIC_URL", None) or os.environ.get("PUENTE_PUBLIC_URL") or "http://127.0.0.1:8000"
    return base.rstrip("/") + path


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
    address = officer_email(person)
    if address:
        subject, body = invitation(survey, officer_language(person))
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

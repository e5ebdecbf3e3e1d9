"""Opening a survey when an enrollment is completed: once, with a bilingual invitation."""
from django.core import mail

from puente.core.models import AuditEntry
from puente.records.models import Enrollment
from puente.surveys import actions
from puente.surveys.models import SatisfactionSurvey

from tests.capacity.fixtures import capacity
from tests.surveys.fixtures import completed


def test_one_survey_per_enrollment_and_one_invitation(world, django_capture_on_commit_callbacks, settings):
    settings.PUENTE_PUBLIC_URL = "https://puente.example.org/"
    session = capacity(world)["session"]["own"]
    enrollment = completed(world, session, email="lucia@example.mx")
    with django_capture_on_commit_callbacks(execute=True):
        first = actions.open_satisfaction_survey(enrollment)
        again = actions.open_satisfaction_survey(enrollment)
    assert first.pk == again.pk
    assert SatisfactionSurvey.objects.filter(enrollment=enrollment).count() == 1
    assert first.status == SatisfactionSurvey.Status.PENDING
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lucia@example.mx"]
    # A Mexican officer without a language choice reads Spanish first, then English.
    assert message.body.index("Medicina táctica") < message.body.index("Tactical Medicine")
    assert "Medicina táctica" in message.subject
    assert f"https://puente.example.org/surveys/{first.pk}/answer/" in message.body
    assert AuditEntry.objects.filter(action="surveys.satisfactionsurvey.open", object_id=str(first.pk)).count() == 1


def test_account_language_and_address_are_used(world, django_capture_on_commit_callbacks):
    session = capacity(world)["session"]["own"]
    officer = world.user("officer")
    officer.language, officer.email = "en", "lucia.account@example.mx"
    officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        actions.open_satisfaction_survey(completed(world, session, person=world.own_person))
    assert mail.outbox[0].to == ["lucia.account@example.mx"]
    body = mail.outbox[0].body
    assert body.index("Tactical Medicine") < body.index("Medicina táctica")


def test_no_address_skips_the_mail_quietly(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        survey = actions.open_satisfaction_survey(completed(world, capacity(world)["session"]["other"], agency=world.other))
    assert survey is not None and mail.outbox == []


def test_not_completed_is_a_no_op(world):
    enrollment = completed(world, capacity(world)["session"]["own"])
    for status in (Enrollment.Status.ATTENDED, Enrollment.Status.FAILED, Enrollment.Status.WITHDRAWN):
        enrollment.status = status
        assert actions.open_satisfaction_survey(enrollment) is None
    assert not SatisfactionSurvey.objects.exists()


def test_names(world):
    survey = actions.open_satisfaction_survey(completed(world, capacity(world)["session"]["own"]))
    assert str(survey) == str(survey.session_survey) == str(survey.enrollment.session)

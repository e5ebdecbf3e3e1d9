"""Surveys for tests: completed enrollments in the capacity fixtures' sessions."""
import datetime

from puente.records.models import Enrollment
from puente.registry.models import Person
from puente.surveys import actions
from puente.surveys.models import SatisfactionResponse, SatisfactionSurvey

from tests.capacity.fixtures import capacity


def completed(w, session, person=None, agency=None, email="") -> Enrollment:
    """A completed enrollment of `person` (by default a new officer of `agency`, else of the host) in `session`."""
    if person is None:
        agency = agency or session.site.agency
        count = Person.objects.count()
        person = Person.objects.create(
            agency=agency, given_names="Oficial", family_names=f"Número {count}", national_id=f"SRV-{count}", email=email
        )
    return Enrollment.objects.create(person=person, session=session, agency=person.agency, status=Enrollment.Status.COMPLETED)


def survey(w, t):
    """The pending survey of the world's `t` person in the `t` session."""
    cap = capacity(w)
    if not hasattr(w, "surveys"):
        w.surveys = {
            target: actions.open_satisfaction_survey(completed(w, cap["session"][target], person=w.person(target)))
            for target in ("own", "other")
        }
    return w.surveys[t]


def responses(w, session, overall: list[int], invited: int | None = None, comment: str = "") -> list:
    """`invited` officers complete `session` (as many as there are ratings by default); one
    response per rating in `overall`, the other questions rated 4."""
    surveys = [actions.open_satisfaction_survey(completed(w, session)) for _ in range(invited or len(overall))]
    made = []
    for survey_, rating in zip(surveys, overall):
        made.append(SatisfactionResponse.objects.create(
            session_survey=survey_.session_survey, overall=rating, relevance=4, instructor=4, facilities=4, recommend=4, comment=comment))
        survey_.status = SatisfactionSurvey.Status.ANSWERED
        survey_.save()
    return made


def follow_up(w, t):
    """The `t` person's follow-up on the `t` session, open today."""
    from django.utils import timezone

    from puente.surveys.models import FollowUpSurvey

    if not hasattr(w, "follow_ups"):
        cap = capacity(w)
        today = timezone.localdate()
        w.follow_ups = {}
        for target in ("own", "other"):
            session, person = cap["session"][target], w.person(target)
            enrollment = Enrollment.objects.filter(person=person, session=session).first() or completed(w, session, person=person)
            w.follow_ups[target] = FollowUpSurvey.objects.create(
                enrollment=enrollment, agency=enrollment.agency, opens_on=today - datetime.timedelta(days=10),
                closes_on=today + datetime.timedelta(days=80))
    return w.follow_ups[t]

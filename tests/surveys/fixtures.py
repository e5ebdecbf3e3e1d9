"""Surveys for tests: completed enrollments in the capacity fixtures' sessions."""
from puente.records.models import Enrollment
from puente.registry.models import Person
from puente.surveys import actions

from tests.capacity.fixtures import capacity


def completed(w, session, person=None, agency=None, email="") -> Enrollment:
    """A completed enrollment of `person` (a new officer of `agency` by default) in `session`."""
    if person is None:
        agency = agency or w.own
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

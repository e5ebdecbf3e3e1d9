"""Nomination endpoints in the permission matrix."""
from django.urls import reverse

from matrix import ALL, OWN, Endpoint, expect
from puente.records.models import Enrollment

from tests.capacity.fixtures import capacity

VIEW = expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN, officer=OWN)
CHANGE = expect(program_manager=ALL, agency_coordinator=OWN)


def enrollment(w, t):
    cap = capacity(w)
    if not hasattr(w, "enrollments"):
        w.enrollments = {
            target: Enrollment.objects.create(
                person=w.person(target), session=cap["session"][target], agency=w.agency(target), status=Enrollment.Status.NOMINATED)
            for target in ("own", "other")
        }
    return w.enrollments[t]


def _withdrawn(w, t):
    return Enrollment.objects.get(pk=enrollment(w, t).pk).status == Enrollment.Status.WITHDRAWN


def _nominate_body(w, t):
    enrollment(w, "own")  # the world's enrollments exist; nominate a fresh officer
    from puente.registry.models import Person

    w.nominee = Person.objects.create(agency=w.agency(t), given_names="Nuevo", family_names="Oficial", national_id=f"NOM-{t}")
    return {"person": w.nominee.pk, "session": capacity(w)["session"][t].pk}


def _nominated(w, t):
    return Enrollment.objects.filter(person=getattr(w, "nominee", None)).exists()


ROWS = [
    Endpoint("records:enrollment_list", "list", VIEW, marker=lambda w, t: f">{enrollment(w, t).person.national_id}<"),
    Endpoint("records:enrollment_detail", "detail", VIEW, obj=enrollment),
    Endpoint("records:enrollment_withdraw", "write", CHANGE, obj=enrollment, method="post", data=lambda w, t: {}, effect=_withdrawn),
    Endpoint("records:nominate", "page", expect(program_manager=ALL, agency_coordinator=ALL),
             url=lambda w, t: reverse("records:nominate", args=[capacity(w)["session"][t].pk])),
    Endpoint("records:fill_term", "page", expect(program_manager=ALL, agency_coordinator=ALL)),
    Endpoint("api:enrollment-list", "list", VIEW, api=True, marker=lambda w, t: f'"id":{enrollment(w, t).pk},'),
    Endpoint("api:enrollment-detail", "detail", VIEW, api=True, obj=enrollment),
    Endpoint("api:enrollment-list", "write", CHANGE, api=True, method="post", data=_nominate_body, effect=_nominated),
    Endpoint("api:enrollment-detail", "write", CHANGE, api=True, obj=enrollment, method="delete", effect=_withdrawn),
]

"""Records endpoints in the permission matrix: nominations, rosters, results, transcripts."""
from django.urls import reverse

from matrix import ALL, OWN, Endpoint, everyone, expect
from puente.records.models import Enrollment, TrainingRecord
from puente.registry.models import Person

from tests.capacity.fixtures import capacity, teach

VIEW = expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN, registrar=OWN, officer=OWN)
CHANGE = expect(program_manager=ALL, agency_coordinator=OWN)
TRANSITION = expect(program_manager=ALL, agency_coordinator=OWN, registrar=OWN)
ROSTER = expect(program_manager=ALL, registrar=OWN)
RECORDS = expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN, registrar=OWN, officer=OWN)


def _session(w, t):
    """The target's session; the signed-in user teaches the own one (registrars' OWN scope)."""
    chosen = capacity(w)["session"][t]
    if t == "own" and getattr(w, "me", None) is not None:
        teach(w, chosen)
    return chosen


def enrollment(w, t):
    session = _session(w, t)
    if not hasattr(w, "enrollments"):
        w.enrollments = {}
    if t not in w.enrollments:
        w.enrollments[t] = Enrollment.objects.create(person=w.person(t), session=session, agency=w.agency(t), status=Enrollment.Status.NOMINATED)
    return w.enrollments[t]


def attended(w, t):
    """A second officer of the target agency who attended the target's session."""
    session = _session(w, t)
    if not hasattr(w, "attended"):
        w.attended = {}
    if t not in w.attended:
        person = Person.objects.create(agency=w.agency(t), given_names="Asistió", family_names="Curso", national_id=f"ATT-{t}")
        w.attended[t] = Enrollment.objects.create(person=person, session=session, agency=w.agency(t), status=Enrollment.Status.ATTENDED)
    return w.attended[t]


def record(w, t):
    """The target person's transcript line from their enrollment in the target's session."""
    if not hasattr(w, "records"):
        w.records = {}
    if t not in w.records:
        e = enrollment(w, t)
        w.records[t] = TrainingRecord.objects.create(
            person=e.person, program=e.session.program, agency=e.agency, enrollment=e, source="session",
            start_date=e.session.start_date, end_date=e.session.end_date, hours=40, result="completed", reference=f"REC-{t}")
    else:
        enrollment(w, t)
    return w.records[t]


def _status(getter, status):
    return lambda w, t: Enrollment.objects.get(pk=getter(w, t).pk).status == status


def _nominate_body(w, t):
    enrollment(w, "own")  # the world's enrollments exist; nominate a fresh officer
    w.nominee = Person.objects.create(agency=w.agency(t), given_names="Nuevo", family_names="Oficial", national_id=f"NOM-{t}")
    return {"person": w.nominee.pk, "session": capacity(w)["session"][t].pk}


def _nominated(w, t):
    return Enrollment.objects.filter(person=getattr(w, "nominee", None)).exists()


def _marks_body(w, t):
    e = enrollment(w, t)
    return {"session": e.session_id, "day": e.session.start_date.isoformat(), "marks": {str(e.pk): "present"}}


def _assessment_body(w, t):
    return {"enrollment": attended(w, t).pk, "kind": "written", "taken_on": "2025-02-07", "score": "85", "pass_mark": "70"}


def _assessed(w, t):
    return attended(w, t).assessments.exists()


ROWS = [
    Endpoint("records:enrollment_list", "list", VIEW, marker=lambda w, t: f">{enrollment(w, t).person.national_id}<"),
    Endpoint("records:enrollment_detail", "detail", VIEW, obj=enrollment),
    Endpoint("records:enrollment_withdraw", "write", CHANGE, obj=enrollment, method="post", data=lambda w, t: {},
             effect=_status(enrollment, Enrollment.Status.WITHDRAWN)),
    Endpoint("records:enrollment_transition", "write", TRANSITION, obj=enrollment, method="post",
             data=lambda w, t: {"status": "confirmed"}, effect=_status(enrollment, Enrollment.Status.CONFIRMED)),
    Endpoint("records:assessment_add", "write", ROSTER, obj=attended, method="post",
             data=lambda w, t: {k: v for k, v in _assessment_body(w, t).items() if k != "enrollment"}, effect=_assessed),
    Endpoint("records:enrollment_finalize", "write", ROSTER, obj=attended, method="post", data=lambda w, t: {},
             effect=_status(attended, Enrollment.Status.FAILED)),
    Endpoint("records:nominate", "page", expect(program_manager=ALL, agency_coordinator=ALL),
             url=lambda w, t: reverse("records:nominate", args=[capacity(w)["session"][t].pk])),
    Endpoint("records:fill_term", "page", expect(program_manager=ALL, agency_coordinator=ALL)),
    Endpoint("records:roster_list", "page", expect(program_manager=ALL, registrar=ALL)),
    Endpoint("records:roster", "detail", ROSTER, obj=lambda w, t: enrollment(w, t).session),
    Endpoint("records:roster", "write", ROSTER, obj=lambda w, t: enrollment(w, t).session, method="post",
             data=lambda w, t: {"day": enrollment(w, t).session.start_date.isoformat(), "all": "present"},
             effect=_status(enrollment, Enrollment.Status.ATTENDED)),
    Endpoint("records:roster_finalize", "write", ROSTER, obj=lambda w, t: enrollment(w, t).session, method="post",
             data=lambda w, t: {}, effect=_status(enrollment, Enrollment.Status.NO_SHOW)),
    Endpoint("records:record_list", "list", RECORDS, marker=lambda w, t: f">{record(w, t).person.national_id}<"),
    Endpoint("records:record_detail", "detail", RECORDS, obj=record),
    Endpoint("records:transcript", "detail", RECORDS, obj=lambda w, t: record(w, t).person),
    Endpoint("records:transcript", "detail", RECORDS, obj=lambda w, t: record(w, t).person, label="GET records:transcript pdf",
             url=lambda w, t: reverse("records:transcript", args=[record(w, t).person_id]) + "?format=pdf&lang=es"),
    Endpoint("records:my_transcript", "page", everyone(ALL)),
    Endpoint("api:enrollment-list", "list", VIEW, api=True, marker=lambda w, t: f'"id":{enrollment(w, t).pk},'),
    Endpoint("api:enrollment-detail", "detail", VIEW, api=True, obj=enrollment),
    Endpoint("api:enrollment-list", "write", CHANGE, api=True, method="post", data=_nominate_body, effect=_nominated),
    Endpoint("api:enrollment-detail", "write", CHANGE, api=True, obj=enrollment, method="delete",
             effect=_status(enrollment, Enrollment.Status.WITHDRAWN)),
    Endpoint("api:enrollment-transition", "write", TRANSITION, api=True, obj=enrollment, method="post",
             data=lambda w, t: {"status": "cancelled", "reason": "Academy closed"}, effect=_status(enrollment, Enrollment.Status.CANCELLED)),
    Endpoint("api:enrollment-close", "write", ROSTER, api=True, obj=attended, method="post", data=lambda w, t: {},
             effect=_status(attended, Enrollment.Status.FAILED)),
    Endpoint("api:attendance-list", "list", RECORDS, api=True, marker=lambda w, t: f'"enrollment":{_marked(w, t).enrollment_id},'),
    Endpoint("api:attendance-detail", "detail", RECORDS, api=True, obj=lambda w, t: _marked(w, t)),
    Endpoint("api:attendance-list", "write", ROSTER, api=True, method="post", data=_marks_body,
             effect=_status(enrollment, Enrollment.Status.ATTENDED)),
    Endpoint("api:assessment-list", "list", RECORDS, api=True, marker=lambda w, t: f'"enrollment":{_assessment(w, t).enrollment_id},'),
    Endpoint("api:assessment-detail", "detail", RECORDS, api=True, obj=lambda w, t: _assessment(w, t)),
    Endpoint("api:assessment-list", "write", ROSTER, api=True, method="post", data=_assessment_body, effect=_assessed),
    Endpoint("api:trainingrecord-list", "list", RECORDS, api=True, marker=lambda w, t: f'"id":{record(w, t).pk},'),
    Endpoint("api:trainingrecord-detail", "detail", RECORDS, api=True, obj=record),
    Endpoint("api:transcript-detail", "detail", RECORDS, api=True, obj=lambda w, t: record(w, t).person),
]


def _marked(w, t):
    from puente.records.models import Attendance

    e = enrollment(w, t)
    return Attendance.objects.get_or_create(enrollment=e, day=e.session.start_date, defaults={"mark": "present"})[0]


def _assessment(w, t):
    from puente.records.models import Assessment

    e = attended(w, t)
    return Assessment.objects.get_or_create(enrollment=e, kind="written", attempt=1,
                                            defaults={"taken_on": e.session.end_date, "score": 80, "pass_mark": 70})[0]

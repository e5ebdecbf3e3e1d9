"""Operational indicators and impact endpoints in the permission matrix."""
import datetime
import itertools

from django.urls import reverse

from matrix import ALL, OWN, Endpoint, expect
from puente.impact.models import Assignment, Estimate, Observation, Unit
from puente.registry.models import Person

from .fixtures import impact, program

_n = itertools.count()
VIEW = expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN)
EDIT = expect(program_manager=ALL, agency_coordinator=OWN)
ADD_PAGE = expect(program_manager=ALL, agency_coordinator=ALL)
MEASURES = expect(program_manager=ALL, auditor=ALL, agency_coordinator=ALL)
ESTIMATES = expect(program_manager=ALL, auditor=ALL)
PM_ONLY = expect(program_manager=ALL)


def unit(w, t):
    return impact(w)["unit"][t]


def observation(w, t):
    return impact(w)["observation"][t]


def assignment(w, t):
    return impact(w)["assignment"][t]


def estimate(w, t):
    return impact(w)["estimate"]


def _new_unit(w, t):
    w.marker = f"UNIT-{next(_n)}"
    return {"code": w.marker, "name": "Garita nueva", "agency": w.agency(t).pk, "kind": "checkpoint", "is_active": True}


def _new_unit_exists(w, t):
    return Unit.objects.filter(code=getattr(w, "marker", "-")).exists()


def _unit_form(w, t):
    u = unit(w, t)
    return {"code": u.code, "name": "Renamed unit", "agency": u.agency_id, "kind": u.kind, "is_active": True}


def _unit_renamed(w, t):
    return Unit.objects.get(pk=unit(w, t).pk).name == "Renamed unit"


def _month_url(w, t):
    return reverse("impact:unit_month", args=[unit(w, t).pk, 2023, 1])


def _inspections_changed(w, t):
    return Observation.objects.filter(unit=unit(w, t), period=datetime.date(2023, 1, 1), measure__code="inspections", value=4321).exists()


def _newcomer(w, t):
    number = next(_n)
    person = Person.objects.create(agency=w.agency(t), given_names="Nuevo", family_names=f"Agente {number}", national_id=f"NEW-{number}")
    w.newcomer = person
    return {"person": person.pk, "unit": unit(w, t).pk, "start_date": "2024-05-01"}


def _newcomer_form(w, t):
    data = _newcomer(w, t)
    return {"national_id": w.newcomer.national_id, "unit": data["unit"], "start_date": data["start_date"]}


def _newcomer_assigned(w, t):
    return Assignment.objects.filter(person=getattr(w, "newcomer", None), start_date="2024-05-01").exists()


def _assignment_form(w, t):
    a = assignment(w, t)
    return {"national_id": a.person.national_id, "unit": a.unit_id, "start_date": a.start_date.isoformat(), "end_date": "2024-12-31"}


def _assignment_ended(w, t):
    return Assignment.objects.get(pk=assignment(w, t).pk).end_date == datetime.date(2024, 12, 31)


def _assignment_deleted(w, t):
    return not Assignment.objects.filter(pk=assignment(w, t).pk).exists()


def _estimate_form(w, t):
    impact(w)
    return {"program": program().pk, "outcome": "seizures_per_1000", "threshold": "0.37"}


def _estimate_api(w, t):
    impact(w)
    return {"program": program().code, "outcome": "seizures_per_1000", "threshold": "0.37"}


def _estimate_requested(w, t):
    return Estimate.objects.filter(threshold="0.37").exists()


def _new_value(w, t):
    impact(w)
    return {"unit": unit(w, t).pk, "period": "2023-02-01", "measure": "complaints", "value": 3}


def _value_recorded(w, t):
    return Observation.objects.filter(unit=unit(w, t), measure__code="complaints", value=3).exists()


def _value_deleted(w, t):
    return not Observation.objects.filter(pk=observation(w, t).pk).exists()


ROWS = [
    Endpoint("impact:impact", "page", ESTIMATES),
    Endpoint("impact:impact", "write", PM_ONLY, method="post", data=_estimate_form, effect=_estimate_requested),
    Endpoint("impact:estimate_list", "list", ESTIMATES, marker=lambda w, t: f">#{estimate(w, t).pk}<"),
    Endpoint("impact:estimate_detail", "detail", ESTIMATES, obj=estimate),
    Endpoint("impact:unit_list", "list", VIEW, marker=lambda w, t: f">{unit(w, t).code}<"),
    Endpoint("impact:unit_detail", "detail", VIEW, obj=unit),
    Endpoint("impact:unit_add", "page", ADD_PAGE),
    Endpoint("impact:unit_add", "write", EDIT, method="post", data=_new_unit, effect=_new_unit_exists),
    Endpoint("impact:unit_edit", "detail", EDIT, obj=unit),
    Endpoint("impact:unit_edit", "write", EDIT, obj=unit, method="post", data=_unit_form, effect=_unit_renamed),
    Endpoint("impact:unit_month", "detail", EDIT, url=_month_url),
    Endpoint("impact:unit_month", "write", EDIT, url=_month_url, method="post",
             data=lambda w, t: {"inspections": 4321}, effect=_inspections_changed),
    Endpoint("impact:observation_list", "list", VIEW, marker=lambda w, t: f">{unit(w, t).code}<"),
    Endpoint("impact:assignment_list", "list", VIEW, marker=lambda w, t: f">{assignment(w, t).person}<"),
    Endpoint("impact:assignment_add", "page", ADD_PAGE),
    Endpoint("impact:assignment_add", "write", EDIT, method="post", data=_newcomer_form, effect=_newcomer_assigned),
    Endpoint("impact:assignment_edit", "detail", EDIT, obj=assignment),
    Endpoint("impact:assignment_edit", "write", EDIT, obj=assignment, method="post", data=_assignment_form, effect=_assignment_ended),
    # API
    Endpoint("api:unit-list", "list", VIEW, api=True, marker=lambda w, t: f'"code":"{unit(w, t).code}"'),
    Endpoint("api:unit-detail", "detail", VIEW, api=True, obj=unit),
    Endpoint("api:unit-list", "write", EDIT, api=True, method="post", data=_new_unit, effect=_new_unit_exists),
    Endpoint("api:unit-detail", "write", EDIT, api=True, obj=unit, method="patch",
             data=lambda w, t: {"name": "Renamed unit"}, effect=_unit_renamed),
    Endpoint("api:measure-list", "list", MEASURES, api=True, marker=lambda w, t: (impact(w), '"code":"inspections"')[1]),
    Endpoint("api:measure-detail", "detail", MEASURES, api=True, obj=lambda w, t: impact(w)["inspections"]),
    Endpoint("api:observation-list", "list", VIEW, api=True, marker=lambda w, t: f'"id":{observation(w, t).pk},'),
    Endpoint("api:observation-detail", "detail", VIEW, api=True, obj=observation),
    Endpoint("api:observation-list", "write", EDIT, api=True, method="post", data=_new_value, effect=_value_recorded),
    Endpoint("api:observation-detail", "write", EDIT, api=True, obj=observation, method="patch",
             data=lambda w, t: {"value": 4321}, effect=_inspections_changed),
    Endpoint("api:observation-detail", "write", EDIT, api=True, obj=observation, method="delete", effect=_value_deleted),
    Endpoint("api:assignment-list", "list", VIEW, api=True, marker=lambda w, t: f'"id":{assignment(w, t).pk},'),
    Endpoint("api:assignment-detail", "detail", VIEW, api=True, obj=assignment),
    Endpoint("api:assignment-list", "write", EDIT, api=True, method="post", data=_newcomer, effect=_newcomer_assigned),
    Endpoint("api:assignment-detail", "write", EDIT, api=True, obj=assignment, method="patch",
             data=lambda w, t: {"end_date": "2024-12-31"}, effect=_assignment_ended),
    Endpoint("api:assignment-detail", "write", EDIT, api=True, obj=assignment, method="delete", effect=_assignment_deleted),
    Endpoint("api:estimate-list", "list", ESTIMATES, api=True, marker=lambda w, t: f'"id":{estimate(w, t).pk},'),
    Endpoint("api:estimate-detail", "detail", ESTIMATES, api=True, obj=estimate),
    Endpoint("api:estimate-list", "write", PM_ONLY, api=True, method="post", data=_estimate_api, effect=_estimate_requested),
]

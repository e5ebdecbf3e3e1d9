"""Canine endpoints in the permission matrix: coordinators their agency, program managers all,
trainers (registrars) their agency's log, handlers (officers) their own team."""
from django.urls import reverse

from matrix import ALL, NONE, OWN, Endpoint, expect
from puente.canine.models import Dog, Odor, OdorCertification, Team, TrainingEntry

from .fixtures import canine, odor

UNIT_VIEW = expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN, registrar=OWN, officer=OWN)
UNIT_EDIT = expect(program_manager=ALL, agency_coordinator=OWN)
UNIT_ADD_PAGE = expect(program_manager=ALL, agency_coordinator=ALL)
STAFF = expect(ALL, no_role=NONE)
PM_ONLY = expect(program_manager=ALL)
LOG_WRITE = expect(program_manager=ALL, agency_coordinator=OWN, registrar=OWN, officer=OWN)
LOG_ADD_PAGE = expect(program_manager=ALL, agency_coordinator=ALL, registrar=ALL, officer=ALL)
TRAINER = expect(program_manager=ALL, registrar=OWN)
SUPERVISOR = expect(program_manager=ALL, agency_coordinator=OWN)


def dog(w, t):
    return canine(w)["dog"][t]


def team(w, t):
    return canine(w)["team"][t]


def certification(w, t):
    return canine(w)["certification"][t]


def entry(w, t):
    return canine(w)["entry"][t]


def trainer_approved(w, t):
    """The target's entry, approved by a trainer who is not the caller."""
    chosen = entry(w, t)
    trainer = w.user("registrar", agency=w.agency(t), username=f"trainer-{t}")
    TrainingEntry.objects.filter(pk=chosen.pk).update(trainer_approved_by=trainer)
    return chosen


def _dog_form(w, t, code=None):
    return {"code": code or f"K9-NEW-{t.upper()}", "name": f"Nala{t}", "breed": "Labrador", "birth_date": "2021-02-03",
            "agency": w.agency(t).pk, "status": "in_training"}


def _free_dog(w, t):
    return Dog.objects.get_or_create(code=f"K9-FREE-{t.upper()}", defaults={
        "name": "Free", "breed": "Labrador", "agency": w.agency(t), "status": "active"})[0]


def _team_form(w, t):
    return {"dog": _free_dog(w, t).pk, "handler": w.person(t).national_id, "formed_on": "2024-01-02"}


def _team_edit_form(w, t):
    return {"dog": dog(w, t).pk, "handler": w.person(t).national_id, "formed_on": "2023-01-02"}


def _certification_form(w, t, evaluator=None):
    team(w, t)
    return {"team": team(w, t).pk, "odor": odor("XYLAZINE").pk, "certified_on": "2024-06-01", "expires_on": "",
            "evaluator": evaluator or f"NEW-{t}"}


def _entry_form(w, t, notes=None):
    return {"team": team(w, t).pk, "date": "2024-06-03", "exercise": "cargo", "odor": odor("KETAMINE").pk,
            "result": "pass", "minutes": "30", "notes": notes or f"NEW-{t}"}


def _api_entry(w, t):
    return {"team": team(w, t).pk, "date": "2024-06-03", "exercise": "cargo", "odor": odor("KETAMINE").code,
            "result": "pass", "notes": f"NEW-{t}"}


def _api_certification(w, t):
    return {"team": team(w, t).pk, "odor": odor("XYLAZINE").code, "certified_on": "2024-06-01", "evaluator": f"NEW-{t}"}


def _api_dog(w, t):
    return _dog_form(w, t) | {"birth_date": "2021-02-03"}


def _odor_form(w, t):
    return {"code": f"NEW-{t.upper()}", "name_en": "New", "name_es": "Nuevo", "validity_months": "12", "is_active": "on"}


ROWS = [
    # Odors: shared reference data.
    Endpoint("canine:odor_list", "list", STAFF, marker=lambda w, t: f">{odor().code}<"),
    Endpoint("canine:odor_detail", "detail", STAFF, obj=lambda w, t: odor()),
    Endpoint("canine:odor_add", "page", PM_ONLY),
    Endpoint("canine:odor_add", "write", PM_ONLY, method="post", data=_odor_form,
             effect=lambda w, t: Odor.objects.filter(code=f"NEW-{t.upper()}").exists()),
    Endpoint("canine:odor_edit", "detail", PM_ONLY, obj=lambda w, t: odor()),
    Endpoint("canine:odor_edit", "write", PM_ONLY, method="post", obj=lambda w, t: odor(f"OLD-{t.upper()}"),
             data=lambda w, t: _odor_form(w, t) | {"code": f"OLD-{t.upper()}", "name_en": f"Renamed {t}"},
             effect=lambda w, t: Odor.objects.get(code=f"OLD-{t.upper()}").name_en == f"Renamed {t}"),
    # Dogs.
    Endpoint("canine:dog_list", "list", UNIT_VIEW, marker=lambda w, t: f">{dog(w, t).name}<"),
    Endpoint("canine:dog_detail", "detail", UNIT_VIEW, obj=dog),
    Endpoint("canine:dog_add", "page", UNIT_ADD_PAGE),
    Endpoint("canine:dog_add", "write", UNIT_EDIT, method="post", data=_dog_form,
             effect=lambda w, t: Dog.objects.filter(code=f"K9-NEW-{t.upper()}").exists()),
    Endpoint("canine:dog_edit", "detail", UNIT_EDIT, obj=dog),
    Endpoint("canine:dog_edit", "write", UNIT_EDIT, method="post", obj=dog,
             data=lambda w, t: _dog_form(w, t, code=dog(w, t).code) | {"breed": f"Edited {t}"},
             effect=lambda w, t: Dog.objects.get(pk=dog(w, t).pk).breed == f"Edited {t}"),
    # Teams.
    Endpoint("canine:team_list", "list", UNIT_VIEW, marker=lambda w, t: f">{dog(w, t).name}<"),
    Endpoint("canine:team_detail", "detail", UNIT_VIEW, obj=team),
    Endpoint("canine:team_add", "page", UNIT_ADD_PAGE),
    Endpoint("canine:team_add", "write", UNIT_EDIT, method="post", data=_team_form,
             effect=lambda w, t: Team.objects.filter(dog__code=f"K9-FREE-{t.upper()}").exists()),
    Endpoint("canine:team_edit", "detail", UNIT_EDIT, obj=team),
    Endpoint("canine:team_edit", "write", UNIT_EDIT, method="post", obj=team, data=_team_edit_form,
             effect=lambda w, t: Team.objects.get(pk=team(w, t).pk).formed_on.isoformat() == "2023-01-02"),
    Endpoint("canine:team_end", "detail", UNIT_EDIT, obj=team),
    Endpoint("canine:team_end", "write", UNIT_EDIT, method="post", obj=team,
             effect=lambda w, t: Team.objects.get(pk=team(w, t).pk).ended_on is not None),
    # Odor certifications.
    Endpoint("canine:certification_list", "list", UNIT_VIEW, marker=lambda w, t: f">{dog(w, t).name}<"),
    Endpoint("canine:certification_add", "page", UNIT_ADD_PAGE),
    Endpoint("canine:certification_add", "write", UNIT_EDIT, method="post", data=_certification_form,
             effect=lambda w, t: OdorCertification.objects.filter(evaluator=f"NEW-{t}").exists()),
    Endpoint("canine:certification_edit", "detail", UNIT_EDIT, obj=certification),
    Endpoint("canine:certification_edit", "write", UNIT_EDIT, method="post", obj=certification,
             data=lambda w, t: _certification_form(w, t, evaluator=f"EDITED-{t}") | {"odor": certification(w, t).odor_id},
             effect=lambda w, t: OdorCertification.objects.get(pk=certification(w, t).pk).evaluator == f"EDITED-{t}"),
    # Training log and its approvals.
    Endpoint("canine:training_list", "list", UNIT_VIEW, marker=lambda w, t: f">{dog(w, t).name}<"),
    Endpoint("canine:training_detail", "detail", UNIT_VIEW, obj=entry),
    Endpoint("canine:training_add", "page", LOG_ADD_PAGE),
    Endpoint("canine:training_add", "write", LOG_WRITE, method="post", data=_entry_form,
             effect=lambda w, t: TrainingEntry.objects.filter(notes=f"NEW-{t}").exists()),
    Endpoint("canine:training_edit", "detail", LOG_WRITE, obj=entry),
    Endpoint("canine:training_edit", "write", LOG_WRITE, method="post", obj=entry,
             data=lambda w, t: _entry_form(w, t, notes=f"EDITED-{t}") | {"date": "2024-05-02"},
             effect=lambda w, t: TrainingEntry.objects.get(pk=entry(w, t).pk).notes == f"EDITED-{t}"),
    Endpoint("canine:training_approve_trainer", "detail", TRAINER, obj=entry),
    Endpoint("canine:training_approve_trainer", "write", TRAINER, method="post", obj=entry,
             effect=lambda w, t: TrainingEntry.objects.get(pk=entry(w, t).pk).trainer_approved_by_id is not None),
    Endpoint("canine:training_approve_supervisor", "detail", SUPERVISOR, obj=trainer_approved),
    Endpoint("canine:training_approve_supervisor", "write", SUPERVISOR, method="post", obj=trainer_approved,
             effect=lambda w, t: TrainingEntry.objects.get(pk=entry(w, t).pk).supervisor_approved_by_id is not None),
    Endpoint("core:import", "page", LOG_ADD_PAGE, url=lambda w, t: reverse("core:import", args=["canine-training"]),
             label="GET core:import canine-training"),
    # API.
    Endpoint("api:odor-list", "list", STAFF, api=True, marker=lambda w, t: f'"code":"{odor().code}"'),
    Endpoint("api:odor-detail", "detail", STAFF, api=True, obj=lambda w, t: odor()),
    Endpoint("api:dog-list", "list", UNIT_VIEW, api=True, marker=lambda w, t: f'"code":"{dog(w, t).code}"'),
    Endpoint("api:dog-detail", "detail", UNIT_VIEW, api=True, obj=dog),
    Endpoint("api:dog-list", "write", UNIT_EDIT, api=True, method="post", data=_api_dog,
             effect=lambda w, t: Dog.objects.filter(code=f"K9-NEW-{t.upper()}").exists()),
    Endpoint("api:team-list", "list", UNIT_VIEW, api=True, marker=lambda w, t: f'"dog":{dog(w, t).pk},'),
    Endpoint("api:team-detail", "detail", UNIT_VIEW, api=True, obj=team),
    Endpoint("api:team-detail", "write", UNIT_EDIT, api=True, method="delete", obj=team,
             effect=lambda w, t: Team.objects.get(pk=team(w, t).pk).ended_on is not None),
    Endpoint("api:odorcertification-list", "list", UNIT_VIEW, api=True, marker=lambda w, t: f'"evaluator":"{certification(w, t).evaluator}"'),
    Endpoint("api:odorcertification-detail", "detail", UNIT_VIEW, api=True, obj=certification),
    Endpoint("api:odorcertification-list", "write", UNIT_EDIT, api=True, method="post", data=_api_certification,
             effect=lambda w, t: OdorCertification.objects.filter(evaluator=f"NEW-{t}").exists()),
    Endpoint("api:trainingentry-list", "list", UNIT_VIEW, api=True, marker=lambda w, t: f'"notes":"{entry(w, t).notes}"'),
    Endpoint("api:trainingentry-detail", "detail", UNIT_VIEW, api=True, obj=entry),
    Endpoint("api:trainingentry-list", "write", LOG_WRITE, api=True, method="post", data=_api_entry,
             effect=lambda w, t: TrainingEntry.objects.filter(notes=f"NEW-{t}").exists()),
    Endpoint("api:trainingentry-approve-trainer", "write", TRAINER, api=True, method="post", obj=entry,
             effect=lambda w, t: TrainingEntry.objects.get(pk=entry(w, t).pk).trainer_approved_by_id is not None),
    Endpoint("api:trainingentry-approve-supervisor", "write", SUPERVISOR, api=True, method="post", obj=trainer_approved,
             effect=lambda w, t: TrainingEntry.objects.get(pk=entry(w, t).pk).supervisor_approved_by_id is not None),
]

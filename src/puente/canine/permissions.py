"""Canine grants.

Coordinators run their agency's dogs and teams; program managers run all of them; a handler
(an officer) sees their own team and logs its training. Ending a team is its "delete" (the
soft form). Training entries have two approval actions of their own: trainers (registrars /
instructors) approve first, supervisors (coordinators) second. Odors are shared reference
data every staff role reads.
"""
from puente.accounts.roles import Role
from puente.accounts.scoping import AGENCY, ALL, OWN

TRAINER_APPROVE = "trainer_approve"
SUPERVISOR_APPROVE = "supervisor_approve"

_EDIT_ALL = {"view": ALL, "add": ALL, "change": ALL}
_EDIT_AGENCY = {"view": AGENCY, "add": AGENCY, "change": AGENCY}
_UNIT = {
    Role.PROGRAM_MANAGER: _EDIT_ALL,
    Role.AGENCY_COORDINATOR: _EDIT_AGENCY,
    Role.REGISTRAR: {"view": AGENCY},
    Role.AUDITOR: {"view": ALL},
    Role.OFFICER: {"view": OWN},
}

GRANTS = {
    "canine.odor": {**{role: {"view": ALL} for role in Role}, Role.PROGRAM_MANAGER: _EDIT_ALL},
    "canine.dog": _UNIT,
    "canine.team": {
        **_UNIT,
        Role.PROGRAM_MANAGER: {**_EDIT_ALL, "delete": ALL},
        Role.AGENCY_COORDINATOR: {**_EDIT_AGENCY, "delete": AGENCY},
    },
    "canine.odorcertification": _UNIT,
    "canine.trainingentry": {
        Role.PROGRAM_MANAGER: {**_EDIT_ALL, TRAINER_APPROVE: ALL, SUPERVISOR_APPROVE: ALL},
        Role.AGENCY_COORDINATOR: {**_EDIT_AGENCY, SUPERVISOR_APPROVE: AGENCY},
        Role.REGISTRAR: {**_EDIT_AGENCY, TRAINER_APPROVE: AGENCY},
        Role.AUDITOR: {"view": ALL},
        Role.OFFICER: {"view": OWN, "add": OWN, "change": OWN},
    },
}

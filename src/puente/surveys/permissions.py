"""Officers see and answer their own surveys; results are read by who ran or paid for the training.

Nobody but the officer reads an invitation: a list of who has and has not answered would
undo the anonymity of small sessions.
"""
from puente.accounts.roles import Role
from puente.accounts.scoping import AGENCY, ALL, OWN

GRANTS = {
    "surveys.satisfactionsurvey": {
        Role.OFFICER: {"view": OWN, "change": OWN},
    },
    "surveys.satisfactionresponse": {
        Role.PROGRAM_MANAGER: {"view": ALL},
        Role.AUDITOR: {"view": ALL},
        Role.AGENCY_COORDINATOR: {"view": AGENCY},
        Role.REGISTRAR: {"view": OWN},
    },
}

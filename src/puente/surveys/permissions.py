"""Officers see and answer their own surveys. Results: program managers and auditors all of
them, coordinators those of sessions their officers completed, registrars and instructors
those of the sessions they teach. Follow-up surveys (level 3) are answered by the officer's
agency coordinators and read by program managers and auditors.

Nobody but the officer reads an invitation: a list of who has and has not answered would
undo the anonymity of small sessions.
"""
from puente.accounts.roles import Role
from puente.accounts.scoping import AGENCY, ALL, OWN

GRANTS = {
    "surveys.satisfactionsurvey": {
        Role.OFFICER: {"view": OWN, "change": OWN},
    },
    "surveys.sessionsurvey": {
        Role.PROGRAM_MANAGER: {"view": ALL},
        Role.AUDITOR: {"view": ALL},
        Role.AGENCY_COORDINATOR: {"view": AGENCY},
        Role.REGISTRAR: {"view": OWN},
    },
    "surveys.followupsurvey": {
        Role.PROGRAM_MANAGER: {"view": ALL},
        Role.AUDITOR: {"view": ALL},
        Role.AGENCY_COORDINATOR: {"view": AGENCY, "change": AGENCY},
    },
}

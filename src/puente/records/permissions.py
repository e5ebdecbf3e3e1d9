"""Records grants.

Coordinators nominate and follow their agency's officers; registrars and instructors work the
rosters of the sessions they teach (OWN covers those, see the models' `scope_own_field`);
officers see their own enrollments and transcript.
"""
from puente.accounts.roles import Role
from puente.accounts.scoping import AGENCY, ALL, OWN

_ROSTER = {
    Role.PROGRAM_MANAGER: {"view": ALL, "add": ALL, "change": ALL},
    Role.AUDITOR: {"view": ALL},
    Role.AGENCY_COORDINATOR: {"view": AGENCY},
    Role.REGISTRAR: {"view": OWN, "add": OWN, "change": OWN},
    Role.OFFICER: {"view": OWN},
}

GRANTS = {
    "records.enrollment": {
        Role.PROGRAM_MANAGER: {"view": ALL, "add": ALL, "change": ALL, "delete": ALL},
        Role.AUDITOR: {"view": ALL},
        Role.AGENCY_COORDINATOR: {"view": AGENCY, "add": AGENCY, "change": AGENCY, "delete": AGENCY},
        Role.REGISTRAR: {"view": OWN, "change": OWN},
        Role.OFFICER: {"view": OWN},
    },
    "records.attendance": _ROSTER,
    "records.assessment": _ROSTER,
    "records.trainingrecord": {
        Role.PROGRAM_MANAGER: {"view": ALL, "add": ALL, "change": ALL},
        Role.AUDITOR: {"view": ALL},
        # Coordinators import their agency's historic records.
        Role.AGENCY_COORDINATOR: {"view": AGENCY, "add": AGENCY, "change": AGENCY},
        Role.REGISTRAR: {"view": OWN, "add": OWN},
        Role.OFFICER: {"view": OWN},
    },
}

"""Coordinators nominate their agency's officers; officers see their own enrollments."""
from puente.accounts.roles import Role
from puente.accounts.scoping import AGENCY, ALL, OWN

GRANTS = {
    "records.enrollment": {
        Role.PROGRAM_MANAGER: {"view": ALL, "add": ALL, "change": ALL, "delete": ALL},
        Role.AUDITOR: {"view": ALL},
        Role.AGENCY_COORDINATOR: {"view": AGENCY, "add": AGENCY, "change": AGENCY, "delete": AGENCY},
        Role.OFFICER: {"view": OWN},
    },
}

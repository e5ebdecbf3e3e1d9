"""Credential grants.

Credential types are reference data every role reads; program managers define them and issue,
suspend and revoke credentials. Coordinators see their agency's people: evaluations, credentials
and the renewal work list, and send reminders. Registrars record evaluations for their agency.
Officers see their own evaluations and credentials.
"""
from puente.accounts.roles import Role
from puente.accounts.scoping import AGENCY, ALL, OWN

_EDIT_ALL = {"view": ALL, "add": ALL, "change": ALL}
_READ_ALL = {role: {"view": ALL} for role in Role}

GRANTS = {
    "credentials.credentialtype": {**_READ_ALL, Role.PROGRAM_MANAGER: _EDIT_ALL},
    "credentials.component": {**_READ_ALL, Role.PROGRAM_MANAGER: _EDIT_ALL},
    "credentials.evaluation": {
        Role.PROGRAM_MANAGER: _EDIT_ALL,
        Role.AGENCY_COORDINATOR: {"view": AGENCY, "add": AGENCY, "change": AGENCY},
        Role.REGISTRAR: {"view": AGENCY, "add": AGENCY},
        Role.OFFICER: {"view": OWN},
    },
    "credentials.issuedcredential": {
        Role.PROGRAM_MANAGER: _EDIT_ALL,
        Role.AGENCY_COORDINATOR: {"view": AGENCY},
        Role.AUDITOR: {"view": ALL},
        Role.OFFICER: {"view": OWN},
    },
    # The renewal work list; "change" sends reminders.
    "credentials.renewal": {
        Role.PROGRAM_MANAGER: {"view": ALL, "change": ALL},
        Role.AGENCY_COORDINATOR: {"view": AGENCY, "change": AGENCY},
    },
}

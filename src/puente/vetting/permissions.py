"""Vetting details are for vetting officers only; the access log is for oversight.

Everyone else who may see a person sees only their vetting status (valid until a date, or
not valid), through `services.status_for`, which needs no grant on the checks.
"""
from puente.accounts.roles import Role
from puente.accounts.scoping import AGENCY, ALL

GRANTS = {
    "vetting.vettingcheck": {
        Role.VETTING_OFFICER: {"view": AGENCY, "add": AGENCY, "change": AGENCY},
    },
    "vetting.vettingaccess": {
        Role.PROGRAM_MANAGER: {"view": ALL},
        Role.AUDITOR: {"view": ALL},
    },
}

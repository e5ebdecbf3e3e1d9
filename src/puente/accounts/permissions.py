"""Program managers manage accounts and roles; coordinators see who holds roles in their agency."""
from puente.accounts.roles import Role
from puente.accounts.scoping import AGENCY, ALL, OWN

GRANTS = {
    "accounts.user": {
        Role.PROGRAM_MANAGER: {"view": ALL, "add": ALL, "change": ALL},
        Role.AUDITOR: {"view": ALL},
        **{role: {"view": OWN, "change": OWN} for role in Role if role not in (Role.PROGRAM_MANAGER, Role.AUDITOR)},
    },
    "accounts.roleassignment": {
        Role.PROGRAM_MANAGER: {"view": ALL, "add": ALL, "delete": ALL},
        Role.AUDITOR: {"view": ALL},
        Role.AGENCY_COORDINATOR: {"view": AGENCY},
    },
}

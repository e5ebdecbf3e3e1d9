"""Who reads the audit log and the jobs."""
from puente.accounts.roles import Role
from puente.accounts.scoping import ALL, OWN

GRANTS = {
    "core.auditentry": {
        Role.PROGRAM_MANAGER: {"view": ALL},
        Role.AUDITOR: {"view": ALL},
    },
    "core.job": {
        Role.PROGRAM_MANAGER: {"view": ALL, "add": ALL},
        Role.AUDITOR: {"view": ALL},
        **{role: {"view": OWN, "add": OWN} for role in (Role.AGENCY_COORDINATOR, Role.REGISTRAR)},
    },
}

"""Registry grants. The agency directory is open to every staff role; people are personal
data, so only program managers, auditors and the people's own agency see them."""
from puente.accounts.roles import Role
from puente.accounts.scoping import AGENCY, ALL, OWN

_EDIT_ALL = {"view": ALL, "add": ALL, "change": ALL, "delete": ALL}
_READ_ALL = {"view": ALL}

GRANTS = {
    "registry.country": {role: _READ_ALL for role in Role},
    "registry.jurisdiction": {
        **{role: _READ_ALL for role in Role},
        Role.PROGRAM_MANAGER: _EDIT_ALL,
    },
    "registry.agency": {
        Role.PROGRAM_MANAGER: _EDIT_ALL,
        Role.AUDITOR: _READ_ALL,
        Role.AGENCY_COORDINATOR: {"view": AGENCY, "change": AGENCY},
        Role.REGISTRAR: {"view": AGENCY},
        Role.VETTING_OFFICER: {"view": AGENCY},
        Role.ASSESSOR: {"view": AGENCY},
        Role.OFFICER: {"view": OWN},
    },
    "registry.person": {
        Role.PROGRAM_MANAGER: _EDIT_ALL,
        Role.AUDITOR: _READ_ALL,
        Role.AGENCY_COORDINATOR: {"view": AGENCY, "add": AGENCY, "change": AGENCY, "delete": AGENCY},
        Role.REGISTRAR: {"view": AGENCY},
        Role.VETTING_OFFICER: {"view": AGENCY},
        Role.OFFICER: {"view": OWN},
    },
}

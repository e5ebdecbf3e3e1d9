"""Catalog grants. The catalog is shared reference data: every role reads it, so agencies can
see what they may ask for; only program managers shape it. Programs are retired, never deleted:
the "delete" grant is what retiring and reactivating need."""
from puente.accounts.roles import Role
from puente.accounts.scoping import ALL

_READ = {"view": ALL}
_EDIT = {"view": ALL, "add": ALL, "change": ALL}

GRANTS = {
    "catalog.domain": {**{role: _READ for role in Role}, Role.PROGRAM_MANAGER: _EDIT},
    "catalog.threattag": {**{role: _READ for role in Role}, Role.PROGRAM_MANAGER: _EDIT},
    "catalog.program": {**{role: _READ for role in Role}, Role.PROGRAM_MANAGER: {**_EDIT, "delete": ALL}},
}

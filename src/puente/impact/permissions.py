"""Operational indicators and impact grants.

Coordinators keep their own agency's units, officers' unit assignments and monthly indicators;
program managers keep all. Impact estimates compare units across agencies, so they are the
program managers' (and read-only for auditors): one agency's units alone are too few to
estimate anything, and the comparison would draw on other agencies' units.
"""
from puente.accounts.roles import Role
from puente.accounts.scoping import AGENCY, ALL

_EDIT_ALL = {"view": ALL, "add": ALL, "change": ALL, "delete": ALL}
_EDIT_AGENCY = {"view": AGENCY, "add": AGENCY, "change": AGENCY, "delete": AGENCY}
_AGENCY_DATA = {Role.PROGRAM_MANAGER: _EDIT_ALL, Role.AGENCY_COORDINATOR: _EDIT_AGENCY, Role.AUDITOR: {"view": ALL}}

GRANTS = {
    "impact.unit": _AGENCY_DATA,
    "impact.observation": _AGENCY_DATA,
    "impact.assignment": _AGENCY_DATA,
    "impact.measure": {role: {"view": ALL} for role in (Role.PROGRAM_MANAGER, Role.AGENCY_COORDINATOR, Role.AUDITOR)},
    "impact.estimate": {Role.PROGRAM_MANAGER: {"view": ALL, "add": ALL}, Role.AUDITOR: {"view": ALL}},
}

"""Demand and capacity grants.

Sites, rooms, sessions and request windows are the shared calendar every staff role reads.
Program managers plan capacity and see every request; coordinators work their own agency's
requests; registrars and instructors change the sessions they teach.
"""
from puente.accounts.roles import Role
from puente.accounts.scoping import AGENCY, ALL, OWN

_EDIT_ALL = {"view": ALL, "add": ALL, "change": ALL, "delete": ALL}
_STAFF_READS = {role: {"view": ALL} for role in Role}

GRANTS = {
    "capacity.site": {**_STAFF_READS, Role.PROGRAM_MANAGER: _EDIT_ALL},
    "capacity.room": {**_STAFF_READS, Role.PROGRAM_MANAGER: _EDIT_ALL},
    "capacity.session": {
        **_STAFF_READS,
        Role.PROGRAM_MANAGER: _EDIT_ALL,
        Role.REGISTRAR: {"view": ALL, "change": OWN},
    },
    "capacity.instructor": {
        Role.PROGRAM_MANAGER: _EDIT_ALL,
        Role.AUDITOR: {"view": ALL},
        Role.REGISTRAR: {"view": AGENCY},
        Role.AGENCY_COORDINATOR: {"view": AGENCY},
    },
    "capacity.instructorabsence": {
        Role.PROGRAM_MANAGER: _EDIT_ALL,
        Role.AUDITOR: {"view": ALL},
        Role.REGISTRAR: {"view": AGENCY},
    },
    "capacity.requestwindow": {**_STAFF_READS, Role.PROGRAM_MANAGER: _EDIT_ALL},
    "capacity.trainingrequest": {
        Role.PROGRAM_MANAGER: _EDIT_ALL,
        Role.AUDITOR: {"view": ALL},
        Role.AGENCY_COORDINATOR: {"view": AGENCY, "add": AGENCY, "change": AGENCY, "delete": AGENCY},
    },
    "capacity.allocationrun": {
        Role.PROGRAM_MANAGER: {"view": ALL, "add": ALL, "change": ALL},
        Role.AUDITOR: {"view": ALL},
    },
    "capacity.runoutcome": {
        Role.PROGRAM_MANAGER: {"view": ALL},
        Role.AUDITOR: {"view": ALL},
        Role.AGENCY_COORDINATOR: {"view": AGENCY},
    },
}

"""Program managers issue xAPI credentials and link activities to programs; coordinators
resolve their agency's unmatched e-learning outcomes; auditors read everything.

The xAPI resources themselves take no role: a content provider's credential (HTTP Basic)
reads and writes them, within its own statements or its agency's."""
from puente.accounts.roles import Role
from puente.accounts.scoping import AGENCY, ALL

GRANTS = {
    "xapi.credential": {
        Role.PROGRAM_MANAGER: {"view": ALL, "add": ALL, "change": ALL, "delete": ALL},
        Role.AUDITOR: {"view": ALL},
    },
    "xapi.activitylink": {
        Role.PROGRAM_MANAGER: {"view": ALL, "add": ALL, "delete": ALL},
        Role.AUDITOR: {"view": ALL},
    },
    "xapi.unmatchedoutcome": {
        Role.PROGRAM_MANAGER: {"view": ALL, "change": ALL},
        Role.AUDITOR: {"view": ALL},
        Role.AGENCY_COORDINATOR: {"view": AGENCY, "change": AGENCY},
    },
}

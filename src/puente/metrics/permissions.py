"""Metrics grants. The dashboard opens to whoever may keep saved views (program managers,
auditors, coordinators); each figure on it is scoped by the grants of the data it counts."""
from puente.accounts.roles import Role
from puente.accounts.scoping import OWN

_OWN_VIEWS = {"view": OWN, "add": OWN, "delete": OWN}

GRANTS = {
    "metrics.savedview": {
        Role.PROGRAM_MANAGER: _OWN_VIEWS,
        Role.AUDITOR: _OWN_VIEWS,
        Role.AGENCY_COORDINATOR: _OWN_VIEWS,
    },
}

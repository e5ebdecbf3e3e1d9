"""Accreditation grants.

Program managers run the program. Coordinators see their own agency's cycles and work its
proofs; assessors see only the cycles they are assigned to (OWN: `assignments__assessor`)
and record reviews, findings, recommendations and on-site records there. Auditors read
cycles and findings for oversight, but not the agencies' documents.
"""
from puente.accounts.roles import Role
from puente.accounts.scoping import AGENCY, ALL, OWN

_EDIT_ALL = {"view": ALL, "add": ALL, "change": ALL, "delete": ALL}
_READ_ALL = {"view": ALL}
_FRAMEWORK = {
    Role.PROGRAM_MANAGER: _EDIT_ALL,
    Role.AGENCY_COORDINATOR: _READ_ALL,
    Role.ASSESSOR: _READ_ALL,
    Role.AUDITOR: _READ_ALL,
}
_ASSESSOR_RECORDS = {
    Role.PROGRAM_MANAGER: _EDIT_ALL,
    Role.AUDITOR: _READ_ALL,
    Role.AGENCY_COORDINATOR: {"view": AGENCY},
    Role.ASSESSOR: {"view": OWN, "add": OWN, "change": OWN},
}

GRANTS = {
    "accreditation.framework": _FRAMEWORK,
    "accreditation.chapter": _FRAMEWORK,
    "accreditation.standard": _FRAMEWORK,
    "accreditation.program": _FRAMEWORK,
    "accreditation.cycle": {
        Role.PROGRAM_MANAGER: _EDIT_ALL,
        Role.AUDITOR: _READ_ALL,
        Role.AGENCY_COORDINATOR: {"view": AGENCY},
        Role.ASSESSOR: {"view": OWN},
    },
    "accreditation.assignment": {
        Role.PROGRAM_MANAGER: _EDIT_ALL,
        Role.AUDITOR: _READ_ALL,
        Role.AGENCY_COORDINATOR: {"view": AGENCY},
        Role.ASSESSOR: {"view": OWN},
    },
    "accreditation.phasechange": {
        Role.PROGRAM_MANAGER: _READ_ALL,
        Role.AUDITOR: _READ_ALL,
        Role.AGENCY_COORDINATOR: {"view": AGENCY},
        Role.ASSESSOR: {"view": OWN},
    },
    "accreditation.proof": {
        Role.PROGRAM_MANAGER: _EDIT_ALL,
        Role.AGENCY_COORDINATOR: {"view": AGENCY, "add": AGENCY, "change": AGENCY, "delete": AGENCY},
        Role.ASSESSOR: {"view": OWN},
    },
    "accreditation.proofreview": {
        Role.PROGRAM_MANAGER: _EDIT_ALL,
        Role.AGENCY_COORDINATOR: {"view": AGENCY},
        Role.ASSESSOR: {"view": OWN, "add": OWN},
    },
    "accreditation.finding": _ASSESSOR_RECORDS,
    "accreditation.recommendation": _ASSESSOR_RECORDS,
    "accreditation.onsiterecord": _ASSESSOR_RECORDS,
    "accreditation.outcomesurvey": {
        Role.PROGRAM_MANAGER: _EDIT_ALL,
        Role.AUDITOR: _READ_ALL,
        Role.AGENCY_COORDINATOR: {"view": AGENCY},
    },
    "accreditation.surveyinvitation": {
        Role.PROGRAM_MANAGER: _EDIT_ALL,
        Role.AUDITOR: _READ_ALL,
        Role.AGENCY_COORDINATOR: {"view": AGENCY},
    },
    "accreditation.outcomeresponse": {
        Role.PROGRAM_MANAGER: _READ_ALL,
        Role.AUDITOR: _READ_ALL,
        Role.AGENCY_COORDINATOR: {"view": AGENCY, "add": AGENCY, "change": AGENCY},
    },
}

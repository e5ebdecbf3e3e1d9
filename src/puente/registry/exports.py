"""Exports of agencies and people: the import columns, headed in the reader's language."""
from puente.core.exports import yes_no

from .imports import AGENCY_COLUMNS, PERSON_COLUMNS


def agency_row(agency) -> list:
    return [
        agency.code, agency.name, agency.acronym, agency.country_id,
        agency.jurisdiction.code if agency.jurisdiction_id else "",
        agency.get_level_display(), agency.get_kind_display(),
        yes_no(agency.border_region), yes_no(agency.remote), yes_no(agency.is_active),
    ]


def person_row(person) -> list:
    return [
        person.agency.code, person.national_id, person.given_names, person.family_names, person.rank,
        person.get_status_display(), person.hire_date.isoformat() if person.hire_date else "", person.email,
    ]


AGENCY_EXPORT = (AGENCY_COLUMNS, agency_row, "agencies")
PERSON_EXPORT = (PERSON_COLUMNS, person_row, "people")

"""Every write to the registry: atomic, scope-checked and audited."""
from puente.core.services import create_object, update_object

from .models import Agency, Jurisdiction, Person


def create_jurisdiction(actor, **fields) -> Jurisdiction:
    return create_object(actor, Jurisdiction, fields)


def update_jurisdiction(actor, jurisdiction: Jurisdiction, **fields) -> Jurisdiction:
    return update_object(actor, jurisdiction, fields)


def create_agency(actor, **fields) -> Agency:
    return create_object(actor, Agency, fields)


def update_agency(actor, agency: Agency, **fields) -> Agency:
    return update_object(actor, agency, fields)


def deactivate_agency(actor, agency: Agency) -> Agency:
    """Agencies are never deleted: their people and records stay, marked inactive."""
    return update_object(actor, agency, {"is_active": False}, verb="deactivate", permission="delete")


def reactivate_agency(actor, agency: Agency) -> Agency:
    return update_object(actor, agency, {"is_active": True}, verb="reactivate", permission="delete")


def create_person(actor, **fields) -> Person:
    return create_object(actor, Person, fields)


def update_person(actor, person: Person, **fields) -> Person:
    return update_object(actor, person, fields)


def deactivate_person(actor, person: Person) -> Person:
    """People are never deleted: training and certification history must outlive a transfer."""
    return update_object(actor, person, {"status": Person.Status.INACTIVE}, verb="deactivate", permission="delete")

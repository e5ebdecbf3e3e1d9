"""Credential work that may take long: renewal reminders to a whole work list."""
from django.utils import timezone
from django.utils.translation import gettext as _

from puente.core.jobs import JobError, job
from puente.registry.models import Agency, Person

from . import actions, renewals
from .models import CredentialType


@job("credentials.remind")
def remind_job(progress, actor, *, type_id: int, agency_id: int | None = None, months: int = 6, state: str = "due") -> dict:
    credential_type = CredentialType.objects.filter(pk=type_id).first()
    if credential_type is None:
        raise JobError(_("No such credential type."))
    people = Person.objects.all()
    if agency_id:
        people = people.filter(agency=Agency.objects.get(pk=agency_id))
    today = timezone.localdate()
    return actions.send_reminders(actor, credential_type, renewals.due(credential_type, people, today, months, state), today, progress)

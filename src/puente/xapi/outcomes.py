"""From statements to transcripts: completed, passed or failed a linked activity.

The actor is matched to a registry person by e-mail (mbox, or its SHA-1 as mbox_sha1sum) or
by national identifier (an account's name, e.g. the CUIP). A match lands on the transcript through
`records.actions.record_elearning_outcome`; no match, or an ambiguous one, is kept as an
`UnmatchedOutcome` for a coordinator to resolve. Statements without an outcome verb cost
nothing here; a batch with some costs one query for the links it names. A voided outcome
comes off the transcript again (`withdraw`).
"""
import datetime
import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from puente.core import audit
from puente.core.services import action_name
from puente.records.actions import record_elearning_outcome, withdraw_elearning_outcome
from puente.records.models import TrainingRecord
from puente.registry.models import Person

from .models import ActivityLink, Statement, UnmatchedOutcome
from .spec.statements import key

OUTCOME_VERBS = {
    "http://adlnet.gov/expapi/verbs/completed": "completed",
    "http://adlnet.gov/expapi/verbs/passed": "completed",
    "http://adlnet.gov/expapi/verbs/failed": "failed",
}


def find_person(actor: dict, credential) -> tuple[Person | None, str]:
    """The one person an actor names, or None and the reason in the reader's language."""
    if actor.get("objectType") == "Group":
        return None, _("The actor is a group, not one person.")
    if "mbox" in actor:
        address = actor["mbox"][len("mailto:"):]
        # Lower() = lower(): the expression index on people's e-mail answers this without a scan.
        # No ordering: sorted by name, PostgreSQL may walk the name index over every person.
        found = list(Person.objects.alias(email_lower=Lower("email")).filter(email_lower=address.lower()).order_by()[:2])
        what = _("the e-mail address %(value)s") % {"value": address}
    elif "account" in actor:
        identifier = actor["account"]["name"].strip().upper()
        found = list(Person.objects.filter(national_id=identifier).order_by()[:3])
        if len(found) > 1:
            # National identifiers are unique per country: prefer the credential's.
            found = [p for p in found if p.country_id == credential.agency.country_id] or found
        what = _("the identifier %(value)s") % {"value": identifier}
    elif "mbox_sha1sum" in actor:
        digest = actor["mbox_sha1sum"].strip().lower()
        # The registry keeps each address's hash in an indexed column: no address is hashed here.
        found = list(Person.objects.filter(email_sha1=digest).order_by()[:2])
        what = _("the hashed e-mail address %(value)s") % {"value": digest}
    else:
        # The registry keeps no OpenID for people: such learners wait for a coordinator.
        return None, _("The actor is identified only by an OpenID.")
    if not found:
        return None, _("No person in the registry has %(what)s.") % {"what": what}
    if len(found) > 1:
        return None, _("Several people in the registry have %(what)s.") % {"what": what}
    return found[0], ""


def process(credential, rows) -> None:
    """Turn the outcome statements among `rows` into transcript lines.

    `rows` are Statement rows or anything with their statement_id, verb, object_activity,
    actor_ifi, timestamp and data.
    """
    candidates = [row for row in rows if row.verb in OUTCOME_VERBS and row.object_activity]
    if not candidates:
        return
    links = {
        link.activity_iri: link.program
        for link in ActivityLink.objects.filter(activity_iri__in={row.object_activity for row in candidates}).select_related("program")
    }
    unmatched = []
    for row in candidates:
        program = links.get(row.object_activity)
        if program is None:
            continue
        statement = json.loads(row.data)
        result = OUTCOME_VERBS[row.verb]
        finished_on = timezone.localtime(row.timestamp).date()
        person, reason = find_person(statement["actor"], credential)
        if person is not None:
            try:
                record_elearning_outcome(person, program, result, finished_on, f"xapi:{row.statement_id}", credential.provider)
                continue
            except ValidationError as exc:
                reason = " ".join(exc.messages)[:300]
        unmatched.append((row, UnmatchedOutcome(
            agency_id=credential.agency_id, program=program, actor_name=str(statement["actor"].get("name", ""))[:200],
            actor_ifi=(row.actor_ifi or "")[:500], result=result, finished_on=finished_on, reason=reason[:300],
        )))
    if unmatched:
        # Rows inserted in bulk are known by their statement id, not yet by primary key.
        pks = dict(Statement.objects.filter(statement_id__in=[row.statement_id for row, _ in unmatched]).values_list("statement_id", "pk"))
        for row, outcome in unmatched:
            outcome.statement_id = pks[row.statement_id]
        UnmatchedOutcome.objects.bulk_create([outcome for _, outcome in unmatched])


def catch_up(link) -> None:
    """Outcomes of a newly linked activity received before the link: put them on transcripts now."""
    pending = (Statement.objects.filter(object_activity=link.activity_iri, verb__in=list(OUTCOME_VERBS), voided=False,
                                        unmatched__isnull=True)
               .select_related("credential__agency").order_by("stored", "pk"))
    by_credential = {}
    for row in pending.iterator(chunk_size=500):
        by_credential.setdefault(row.credential_id, (row.credential, []))[1].append(row)
    for credential, rows in by_credential.values():
        process(credential, rows)


def withdraw(credential, voided: dict[str, str]) -> None:
    """Take the outcomes of voided statements off transcripts.

    `voided` maps each voided statement id to the id of the statement voiding it. A transcript
    line a voided statement wrote last is rebuilt from the outcomes still standing for the
    same person, program and day, or removed when none stands; an open unmatched outcome of a
    voided statement goes, since there is nothing left to resolve. Both are audited.
    """
    if not voided:
        return
    references = {f"xapi:{target}": f"xapi:{voiding}" for target, voiding in voided.items()}
    records = TrainingRecord.objects.filter(source=TrainingRecord.Source.ELEARNING, reference__in=list(references))
    with transaction.atomic():
        for record in records.select_related("person"):
            standing = _standing(record)
            withdraw_elearning_outcome(record, standing, credential.provider, references[record.reference])
        for outcome in UnmatchedOutcome.objects.filter(statement__statement_id__in=list(voided), status=UnmatchedOutcome.Status.OPEN):
            audit.record(None, action_name(UnmatchedOutcome, "void"), outcome, {"status": [outcome.status, None]})
            outcome.delete()


def _standing(record) -> list[tuple[str, str]]:
    """(result, reference) of the outcomes not voided that land on `record`'s person, program and day, oldest first."""
    iris = ActivityLink.objects.filter(program_id=record.program_id).values_list("activity_iri", flat=True)
    day_starts = timezone.make_aware(datetime.datetime.combine(record.start_date, datetime.time.min))
    candidates = (
        Statement.objects.filter(
            object_activity_key__in=[key(iri) for iri in iris], verb__in=list(OUTCOME_VERBS), voided=False, is_voiding=False,
            timestamp__gte=day_starts, timestamp__lt=day_starts + datetime.timedelta(days=1),
        )
        .select_related("credential__agency", "unmatched").order_by("stored", "pk")
    )
    standing = []
    for row in candidates:
        unmatched = getattr(row, "unmatched", None)
        if unmatched is not None:
            person = unmatched.person if unmatched.status == UnmatchedOutcome.Status.RESOLVED else None
        else:
            person = find_person(json.loads(row.data)["actor"], row.credential)[0]
        if person is not None and person.pk == record.person_id:
            standing.append((OUTCOME_VERBS[row.verb], f"xapi:{row.statement_id}"))
    return standing

"""Every write of the learning record store.

People's writes (credentials, activity links, resolving an outcome) are audited like every
other action. Statements and documents are written by content providers' machines: each
statement records the credential that sent it and is immutable, so it is its own audit
trail, and a batch is stored with a handful of bulk queries, all or nothing.
"""
import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from puente.core import audit, bulk
from puente.core.services import action_name, create_object, may, require, update_object
from puente.records.actions import record_elearning_outcome
from puente.registry.models import Person

from . import outcomes
from .models import ActivityLink, Attachment, Credential, Document, Statement, StatementActivity, StatementAgent, UnmatchedOutcome, hash_secret
from .spec import SIGNATURE_USAGE, XAPIError, documents, signature
from .spec.statements import index, key, prepare, same
from .spec.validate import IRI_RE, object_type

HASHES = {56: hashlib.sha224, 64: hashlib.sha256, 96: hashlib.sha384, 128: hashlib.sha512}
ELEARNING_MODES = ("e_learning", "blended")


# Credentials -----------------------------------------------------------------------------

@transaction.atomic
def issue_credential(actor, provider: str, agency, agency_read: bool = False) -> tuple[Credential, str]:
    """Issue Basic-auth credentials; returns the credential and its secret, which is never stored."""
    if not may(actor, "add", Credential):
        raise PermissionDenied("add xAPI credential")
    secret = secrets.token_urlsafe(32)
    credential = Credential(
        provider=provider.strip(), agency=agency, key=secrets.token_hex(10), secret_hash=hash_secret(secret),
        agency_read=agency_read, issued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    credential.full_clean()
    credential.save()
    require(actor, "add", credential)
    changes = {name: pair for name, pair in audit.diff({}, audit.snapshot(credential)).items() if name != "secret_hash"}
    audit.record(actor, action_name(Credential, "issue"), credential, changes)
    return credential, secret


def revoke_credential(actor, credential: Credential) -> Credential:
    """Revoke: the credential stops authenticating at once; what it sent stays."""
    if not credential.active:
        raise ValidationError(_("This credential is already revoked."))
    return update_object(actor, credential, {"revoked_at": timezone.now(), "revoked_by": actor}, verb="revoke", permission="delete")


# Activity links and unmatched outcomes -----------------------------------------------------

def link_activity(actor, activity_iri: str, program) -> ActivityLink:
    """Count completions of an activity as finishing an e-learning or blended program,
    those already received included."""
    activity_iri = activity_iri.strip()
    if not IRI_RE.match(activity_iri):
        raise ValidationError({"activity_iri": _("Enter an absolute IRI, such as https://lms.example.org/courses/cites-101.")})
    if program.delivery_mode not in ELEARNING_MODES:
        raise ValidationError({"program": _("Only e-learning and blended programs can be linked to an activity.")})
    link = create_object(actor, ActivityLink, {"activity_iri": activity_iri, "program": program,
                                               "created_by": actor if getattr(actor, "is_authenticated", False) else None})
    outcomes.catch_up(link)
    return link


@transaction.atomic
def unlink_activity(actor, link: ActivityLink) -> None:
    require(actor, "delete", link)
    audit.record(actor, action_name(ActivityLink, "delete"), link, {"activity_iri": [link.activity_iri, None], "program_id": [link.program_id, None]})
    link.delete()


@transaction.atomic
def resolve_outcome(actor, outcome: UnmatchedOutcome, person) -> UnmatchedOutcome:
    """Put an unmatched outcome on the chosen person's transcript."""
    require(actor, "change", outcome)
    outcome = UnmatchedOutcome.objects.select_for_update().get(pk=outcome.pk)
    if outcome.status != UnmatchedOutcome.Status.OPEN:
        raise ValidationError(_("This outcome has already been resolved."))
    if not Person.objects.restrict(actor, "view").filter(pk=person.pk).exists():
        raise PermissionDenied("view person")
    record_elearning_outcome(person, outcome.program, outcome.result, outcome.finished_on,
                             f"xapi:{outcome.statement.statement_id}", outcome.statement.credential.provider, actor=actor)
    return update_object(actor, outcome, {"status": UnmatchedOutcome.Status.RESOLVED, "person": person, "resolved_by": actor,
                                          "resolved_at": timezone.now()}, verb="resolve")


# Statements --------------------------------------------------------------------------------

def attachments_of(statement: dict) -> list[dict]:
    found = list(statement.get("attachments", []))
    if object_type(statement["object"]) == "SubStatement":
        found += statement["object"].get("attachments", [])
    return found


def check_attachments(statements: list[dict], parts: dict | None, max_attachment: int) -> dict:
    """Match declared attachments to received parts by SHA-2; returns {sha2: (content type, bytes)}.

    `parts` is None for an application/json request (every attachment then needs a fileUrl).
    Signature attachments are verified against their statement.
    """
    parts = parts or {}
    used = set()
    for position, statement in enumerate(statements):
        path = f"statements[{position}]" if len(statements) > 1 else "statement"
        for attachment in attachments_of(statement):
            sha2 = attachment["sha2"].lower()
            part = parts.get(sha2)
            is_signature = attachment["usageType"] == SIGNATURE_USAGE
            if part is None and ("fileUrl" not in attachment or is_signature):
                raise XAPIError(400, f"{path}: attachment {sha2} has no fileUrl and no multipart part with this X-Experience-API-Hash")
            if part is None:
                continue
            used.add(sha2)
            if is_signature:
                if attachment["contentType"] != "application/octet-stream":
                    raise XAPIError(400, f"{path}: a signature attachment's contentType must be application/octet-stream")
                signature.verify(statement, part.content, path)
    unused = set(parts) - used
    if unused:
        raise XAPIError(400, f"multipart part with X-Experience-API-Hash {sorted(unused)[0]} matches no attachment of the statements")
    received = {}
    for sha2, part in parts.items():
        if part.headers.get("content-transfer-encoding", "binary").lower() != "binary":
            raise XAPIError(400, f"attachment {sha2}: Content-Transfer-Encoding must be binary")
        if len(part.content) > max_attachment:
            raise XAPIError(413, f"attachment {sha2} is {len(part.content)} bytes; the limit is {max_attachment}")
        digest = HASHES.get(len(sha2))
        if digest is None or digest(part.content).hexdigest() != sha2:
            raise XAPIError(400, f"attachment part's content does not match its X-Experience-API-Hash {sha2}")
        received[sha2] = (part.headers.get("content-type", "application/octet-stream"), part.content)
    return received


def _known(ids: list[str]) -> tuple[dict, list]:
    """In one query: statements already stored under these ids, and the ids a stored voiding
    statement already targets (a voiding statement may arrive before the statement it voids)."""
    rows = Statement.objects.filter(Q(statement_id__in=ids) | Q(is_voiding=True, ref_target__in=ids))
    wanted = set(ids)
    existing = {str(row.statement_id): row for row in rows if str(row.statement_id) in wanted}
    voided_early = [row.ref_target for row in rows if row.is_voiding and str(row.ref_target) in wanted]
    return existing, voided_early


STATEMENT_COLUMNS = ("statement_id", "credential", "agency", "verb", "verb_key", "object_activity", "object_activity_key",
                     "object_agent_key", "actor_ifi", "actor_key", "registration", "ref_target", "is_voiding", "voided",
                     "timestamp", "stored", "data")


def _as_is(field) -> bool:
    """Text, integers and booleans go to every database as they are; UUIDs and times do not."""
    target = field.target_field if field.is_relation else field
    return target.get_internal_type() in ("CharField", "TextField", "BooleanField", "AutoField", "BigAutoField", "IntegerField")


def insert_rows(model, names: tuple, rows: list[tuple]) -> None:
    """Insert rows (tuples of values in `names` order) through the core bulk writer.

    Values that a database may need converted (UUIDs, times) go through their field's
    conversion for the database in use. It skips what bulk_create adds per value (model
    instances, expressions, defaults, returned ids), which is most of a batch's cost.
    """
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in names]
    convert = [None if _as_is(f) else f for f in fields]
    values = (tuple(v if c is None or v is None else c.get_db_prep_save(v, connection) for c, v in zip(convert, row)) for row in rows)
    bulk.insert_rows(model._meta.db_table, [f.column for f in fields], values)


@dataclass
class Stored:
    """What the outcome step reads of a statement just inserted (no model instance needed)."""

    statement_id: uuid.UUID
    verb: str
    object_activity: str
    actor_ifi: str
    timestamp: object
    data: str


def store_statements(credential: Credential, statements: list[dict], received: dict | None = None) -> list[str]:
    """Store valid statements (all or none); returns their ids in order.

    A statement whose id is already stored with the same content is not stored again; with
    other content the whole batch is refused (409). Voiding statements void their target,
    which must not be a voiding statement (400) and must be the credential's own (403).
    """
    now = timezone.now()
    # `stored` is reported to the millisecond: keep it so, so since/until agree with what readers see.
    stored_at = now.replace(microsecond=now.microsecond // 1000 * 1000)
    authority = credential.authority()
    prepared = [prepare(s, authority=authority, stored=stored_at) for s in statements]
    ids = [p["id"] for p in prepared]
    existing, voided_early = _known(ids)
    new = []
    for position, (original, statement) in enumerate(zip(statements, prepared)):
        row = existing.get(statement["id"])
        if row is None:
            new.append(statement)
        elif not same(json.loads(row.data), original):
            where = f"statements[{position}]" if len(statements) > 1 else "statement"
            raise XAPIError(409, f"{where}: a different statement with id {statement['id']} is already stored")
    indexes = [index(statement) for statement in new]
    _check_voiding(credential, new, indexes)
    stored = [
        Stored(uuid.UUID(statement["id"]), ix.verb, (ix.object_activity or "")[:2000], (ix.actor_ifi or "")[:2000], ix.timestamp,
               json.dumps(statement, ensure_ascii=False, separators=(",", ":")))
        for statement, ix in zip(new, indexes)
    ]
    rows = [
        (row.statement_id, credential.pk, credential.agency_id, row.verb, key(row.verb), row.object_activity,
         key(ix.object_activity) if ix.object_activity else "", ix.object_agent_key or "", row.actor_ifi, ix.actor_key,
         ix.registration, ix.ref_target, ix.voids is not None, False, row.timestamp, stored_at, row.data)
        for row, ix in zip(stored, indexes)
    ]
    try:
        with transaction.atomic():
            insert_rows(Statement, STATEMENT_COLUMNS, rows)
            insert_rows(StatementAgent, ("statement", "key", "relation"),
                        [(row.statement_id, k, r) for row, ix in zip(stored, indexes) for k, r in ix.agents])
            insert_rows(StatementActivity, ("statement", "key", "relation"),
                        [(row.statement_id, k, r) for row, ix in zip(stored, indexes) for k, r in ix.activities])
            if received:
                known = set(Attachment.objects.filter(sha2__in=list(received)).values_list("sha2", flat=True))
                Attachment.objects.bulk_create([
                    Attachment(sha2=sha2, content_type=content_type[:255], length=len(content), content=content)
                    for sha2, (content_type, content) in received.items() if sha2 not in known
                ], ignore_conflicts=True)
            targets = [ix.voids for ix in indexes if ix.voids]
            if targets:
                Statement.objects.filter(statement_id__in=targets, is_voiding=False).update(voided=True)
            if voided_early:
                Statement.objects.filter(statement_id__in=voided_early, is_voiding=False).update(voided=True)
    except IntegrityError:
        raise XAPIError(409, "A statement with one of these ids was stored at the same moment by another request") from None
    voided = {ix.voids: statement["id"] for statement, ix in zip(new, indexes) if ix.voids}
    # A statement voided on arrival (by this batch or an earlier one) never reaches a transcript.
    gone = set(voided) | {str(target) for target in voided_early}
    outcomes.process(credential, [row for row in stored if str(row.statement_id) not in gone])
    outcomes.withdraw(credential, voided)
    return ids


def _check_voiding(credential: Credential, new: list[dict], indexes) -> None:
    targets = {ix.voids: position for position, ix in enumerate(indexes) if ix.voids}
    if not targets:
        return
    in_batch = {statement["id"]: ix for statement, ix in zip(new, indexes)}
    for target, position in targets.items():
        if target in in_batch and in_batch[target].voids:
            raise XAPIError(400, f"statements[{position}]: a voiding statement cannot be voided")
    for row in Statement.objects.filter(statement_id__in=list(targets)).only("statement_id", "is_voiding", "credential_id"):
        position = targets[str(row.statement_id)]
        if row.is_voiding:
            raise XAPIError(400, f"statements[{position}]: statement {row.statement_id} is a voiding statement, which cannot be voided")
        if row.credential_id != credential.pk:
            raise XAPIError(403, f"statements[{position}]: only the credential that sent statement {row.statement_id} may void it")


# Documents ---------------------------------------------------------------------------------

def document_scope(kind: str, activity: str = "", agent: str = "", registration: str = "") -> str:
    return key("\n".join((kind, activity, agent, registration)))


@transaction.atomic
def write_document(credential, kind: str, scope: str, document_id: str, content: bytes, content_type: str, *,
                   merge: bool, if_match: str | None, if_none_match: str | None) -> Document:
    """PUT (replace) or POST (merge JSON) one document under the ETag preconditions."""
    doc_key = key(f"{scope}\n{document_id}")
    current = Document.objects.select_for_update().filter(agency_id=credential.agency_id, provider=credential.provider, key=doc_key).first()
    documents.precondition(current.etag if current else None, if_match, if_none_match,
                           required=not merge and kind != Document.Kind.STATE)
    if merge and current is not None:
        content = documents.merge(bytes(current.content), current.content_type, content, content_type)
        content_type = "application/json"
    elif merge:
        documents.check_json(content, content_type)
    if current is None:
        current = Document(agency_id=credential.agency_id, provider=credential.provider, kind=kind, key=doc_key, scope_key=scope,
                           document_id=document_id)
    current.content, current.content_type = content, content_type
    current.etag, current.updated = documents.etag(content), timezone.now()
    current.save()
    return current


@transaction.atomic
def delete_documents(credential, scope: str, document_id: str | None, *, if_match: str | None = None) -> None:
    """Delete one document (by id) or every document of a scope (state only)."""
    base = Document.objects.select_for_update().filter(agency_id=credential.agency_id, provider=credential.provider)
    if document_id is None:
        base.filter(scope_key=scope).delete()
        return
    current = base.filter(key=key(f"{scope}\n{document_id}")).first()
    if if_match is not None:
        documents.precondition(current.etag if current else None, if_match, None, required=False)
    if current is not None:
        current.delete()


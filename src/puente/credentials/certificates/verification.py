"""Verifying an Open Badges 3.0 credential offline: signature, issuer key, status and validity.

The caller supplies how to find the issuer's key document and a status list credential (a
file, the local issuer, or nothing at all); nothing here reaches the network.
"""
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from . import dataintegrity, statuslist
from .dataintegrity import ProofError
from .multibase import MultibaseError
from .openbadge import PURPOSES, REVOCATION, SUSPENSION, holder_name

VALID, INVALID = "valid", "invalid"
CURRENT, EXPIRED, NOT_YET_VALID, SUSPENDED, REVOKED = "current", "expired", "not_yet_valid", "suspended", "revoked"

# (verification method URL) -> the issuer's key document ({"id", "verificationMethod": [...]}) or None
KeyResolver = Callable[[str], dict | None]
# (status list URL) -> the status list credential or None when it cannot be had
StatusResolver = Callable[[str], dict | None]


# A credential from this issuer has about a dozen objects. Canonicalizing crafted graphs can take
# very long, so anything far larger is refused before canonicalization.
MAX_OBJECTS = 200


class VerificationError(ValueError):
    """The credential cannot be trusted: what was wrong, in words a reader understands."""


@dataclass
class Verdict:
    signature: str = INVALID
    state: str = ""
    problem: str = ""
    holder: str = ""
    name: str = ""
    issuer: str = ""
    agency: str = ""  # the agency the issuer signed for
    valid_from: str = ""
    valid_until: str = ""
    status_checked: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Signed by the issuer and in force today."""
        return self.signature == VALID and self.state == CURRENT


def _issuer_id(document: dict) -> str:
    issuer = document.get("issuer")
    return issuer.get("id", "") if isinstance(issuer, dict) else issuer if isinstance(issuer, str) else ""


def issuer_key(document: dict, resolve_key: KeyResolver):
    """The public key that must have signed `document`: listed by its issuer for assertions."""
    proof = document.get("proof") if isinstance(document.get("proof"), dict) else {}
    method_id = proof.get("verificationMethod")
    if not isinstance(method_id, str) or not method_id:
        raise VerificationError("the proof names no verification method")
    issuer = _issuer_id(document)
    if method_id.split("#", 1)[0] != issuer:
        raise VerificationError(f"the signing key {method_id} does not belong to the issuer {issuer}")
    key_document = resolve_key(method_id)
    if key_document is None:
        raise VerificationError(f"the issuer's key document for {method_id} is not available")
    if key_document.get("id") != issuer:
        raise VerificationError("the key document is not the issuer's")
    allowed = key_document.get("assertionMethod", [])
    for method in key_document.get("verificationMethod", []):
        if method.get("id") == method_id and method_id in allowed and method.get("controller") == issuer:
            try:
                return dataintegrity.public_key_from_multibase(method.get("publicKeyMultibase"))
            except (MultibaseError, ValueError) as exc:
                raise VerificationError(f"the issuer's key is malformed: {exc}") from None
    raise VerificationError(f"the issuer does not list {method_id} as a key for issuing credentials")


def _objects(node) -> int:
    if isinstance(node, dict):
        return 1 + sum(_objects(value) for value in node.values())
    if isinstance(node, list):
        return sum(_objects(value) for value in node)
    return 0


def _check_signature(document: dict, resolve_key: KeyResolver, loader) -> None:
    if not isinstance(document, dict):
        raise VerificationError("the file is not a JSON object")
    if _objects(document) > MAX_OBJECTS:
        raise VerificationError(f"the document has more than {MAX_OBJECTS} objects: it is not a credential from this issuer")
    key = issuer_key(document, resolve_key)
    try:
        dataintegrity.verify(document, key, loader)
    except ProofError as exc:
        raise VerificationError(str(exc)) from None


def _moment(value, name: str) -> datetime.datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise VerificationError(f"{name} is not a date and time: {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def _status(document: dict, resolve_key: KeyResolver, resolve_status: StatusResolver, loader, verdict: Verdict) -> str | None:
    """REVOKED or SUSPENDED when a list says so; None when every list checked is clear."""
    entries = document.get("credentialStatus") or []
    entries = entries if isinstance(entries, list) else [entries]
    found, checked = None, 0
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
            raise VerificationError("a credentialStatus entry is not a BitstringStatusListEntry")
        purpose, url = entry.get("statusPurpose"), entry.get("statusListCredential")
        if purpose not in PURPOSES:
            raise VerificationError(f"unknown status purpose {purpose!r}")
        try:
            index = int(entry.get("statusListIndex"))
        except (TypeError, ValueError):
            raise VerificationError("a status list index is not a number") from None
        listing = resolve_status(url)
        if listing is None:
            verdict.notes.append(f"status ({purpose}) not checked: the list {url} is not available")
            continue
        try:
            _check_signature(listing, resolve_key, loader)
        except VerificationError as exc:
            raise VerificationError(f"the status list {url} cannot be trusted: {exc}") from None
        subject = listing.get("credentialSubject", {})
        if listing.get("id") != url or _issuer_id(listing) != _issuer_id(document) or subject.get("statusPurpose") != purpose:
            raise VerificationError(f"the status list {url} is not the issuer's {purpose} list")
        try:
            bit = statuslist.is_set(statuslist.decode(subject.get("encodedList")), index)
        except statuslist.StatusListError as exc:
            raise VerificationError(f"the status list {url} cannot be read: {exc}") from None
        checked += 1
        if bit and purpose == REVOCATION:
            found = REVOKED
        elif bit and purpose == SUSPENSION and found is None:
            found = SUSPENDED
    verdict.status_checked = bool(entries) and checked == len(entries)
    return found


def verify(document, resolve_key: KeyResolver, resolve_status: StatusResolver, loader=None,
           now: datetime.datetime | None = None) -> Verdict:
    """Check everything; the verdict says what was found, and never raises for a bad document."""
    verdict = Verdict()
    now = now or datetime.datetime.now(datetime.timezone.utc)
    try:
        _check_signature(document, resolve_key, loader)
        types = document.get("type", [])
        if "VerifiableCredential" not in types or "OpenBadgeCredential" not in types:
            raise VerificationError("the document is not an Open Badges credential")
        verdict.signature = VALID
        subject = document.get("credentialSubject", {})
        verdict.holder = holder_name(document)
        verdict.name = subject.get("achievement", {}).get("name", "") or document.get("name", "")
        issuer = document.get("issuer")
        verdict.issuer = issuer.get("name", "") if isinstance(issuer, dict) else str(issuer)
        creator = subject.get("achievement", {}).get("creator")
        verdict.agency = creator.get("name", "") if isinstance(creator, dict) else ""
        verdict.valid_from, verdict.valid_until = document.get("validFrom", ""), document.get("validUntil", "")
        start, end = _moment(document.get("validFrom"), "validFrom"), _moment(document.get("validUntil"), "validUntil")
        state = _status(document, resolve_key, resolve_status, loader, verdict)
        if state is None:
            state = EXPIRED if end and now > end else NOT_YET_VALID if start and now < start else CURRENT
        verdict.state = state
    except VerificationError as exc:
        verdict.signature = INVALID if verdict.signature != VALID else verdict.signature
        verdict.state = INVALID
        verdict.problem = str(exc)
    return verdict


def report(verdict: Verdict) -> list[str]:
    """The verdict as lines a person reads."""
    if verdict.state == INVALID:
        return [f"INVALID: {verdict.problem}", "Do not trust this credential."]
    headline = {
        CURRENT: "VALID: signed by the issuer and current",
        EXPIRED: "EXPIRED: signed by the issuer, but no longer valid",
        NOT_YET_VALID: "NOT YET VALID: signed by the issuer, valid from a later date",
        SUSPENDED: "SUSPENDED: signed by the issuer, but suspended",
        REVOKED: "REVOKED: signed by the issuer, but revoked",
    }[verdict.state]
    lines = [headline, f"Holder: {verdict.holder}", f"Credential: {verdict.name}", f"Issuer: {verdict.issuer}" + (f", for {verdict.agency}" if verdict.agency else ""),
             f"Valid: {verdict.valid_from} to {verdict.valid_until}"]
    if not verdict.status_checked:
        lines.append("Status lists: not checked (give the list files with --status-list)")
    return lines + verdict.notes

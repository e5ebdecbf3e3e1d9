"""Open Badges 3.0 credentials and Bitstring Status List credentials, as plain data.

An issued credential becomes an OpenBadgeCredential (W3C VC 2.0 data model) whose subject is
identified by name, with the credential type as its achievement; its credentialStatus points
at a revocation list and a suspension list at the same index.
"""
import datetime
from dataclasses import dataclass, field

from .jsonld import OB_V3, VC_V2

REVOCATION = "revocation"
SUSPENSION = "suspension"
PURPOSES = (REVOCATION, SUSPENSION)


@dataclass(frozen=True)
class Issuer:
    id: str  # the URL of the issuer's profile and key document
    name: str
    url: str = ""


@dataclass(frozen=True)
class StatusEntry:
    purpose: str
    list_url: str
    index: int


@dataclass(frozen=True)
class Facts:
    """What a certificate says: no more than the public verification page shows."""

    id: str
    issuer: Issuer
    holder_name: str
    serial: str
    achievement_id: str
    achievement_name: str
    achievement_description: str
    criteria: str
    valid_from: datetime.date
    valid_until: datetime.date
    status: list[StatusEntry] = field(default_factory=list)
    issuing_agency: str = ""


def _start(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _end(day: datetime.date) -> str:
    return f"{day.isoformat()}T23:59:59Z"


def credential(facts: Facts) -> dict:
    """The unsigned OpenBadgeCredential."""
    issuer = {"id": facts.issuer.id, "type": ["Profile"], "name": facts.issuer.name}
    if facts.issuer.url:
        issuer["url"] = facts.issuer.url
    document = {
        "@context": [VC_V2, OB_V3],
        "id": facts.id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": facts.achievement_name,
        "issuer": issuer,
        "validFrom": _start(facts.valid_from),
        "validUntil": _end(facts.valid_until),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": facts.holder_name}],
            "licenseNumber": facts.serial,
            "achievement": {
                "id": facts.achievement_id,
                "type": ["Achievement"],
                "achievementType": "License",
                "name": facts.achievement_name,
                "description": facts.achievement_description or facts.achievement_name,
                "criteria": {"narrative": facts.criteria or facts.achievement_name},
                **({"creator": {"id": facts.issuer.id, "type": ["Profile"], "name": facts.issuing_agency}} if facts.issuing_agency else {}),
            },
        },
    }
    if facts.status:
        document["credentialStatus"] = [
            {
                "id": f"{entry.list_url}#{entry.index}", "type": "BitstringStatusListEntry", "statusPurpose": entry.purpose,
                "statusListIndex": str(entry.index), "statusListCredential": entry.list_url,
            }
            for entry in facts.status
        ]
    return document


def status_list_credential(list_url: str, issuer: Issuer, purpose: str, encoded_list: str, valid_from: datetime.datetime) -> dict:
    """The unsigned BitstringStatusListCredential published at `list_url`."""
    return {
        "@context": [VC_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.id,
        "validFrom": valid_from.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "credentialSubject": {"id": f"{list_url}#list", "type": "BitstringStatusList", "statusPurpose": purpose, "encodedList": encoded_list},
    }


def holder_name(document: dict) -> str:
    for identifier in document.get("credentialSubject", {}).get("identifier", []):
        if isinstance(identifier, dict) and identifier.get("identityType") == "name" and not identifier.get("hashed"):
            return identifier.get("identityHash", "")
    return ""

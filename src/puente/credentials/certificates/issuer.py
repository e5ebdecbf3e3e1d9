"""The platform as an issuer: its Ed25519 key, its public documents, and issued credentials as
signed Open Badges and verification links.

The key lives in a PEM file (PUENTE_ISSUER_KEY_FILE, by default var/keys/issuer-ed25519.pem),
made on first use; back it up, since credentials signed with a lost key can no longer be
checked against a published one. Public URLs start with PUENTE_PUBLIC_URL, the address
people reach the site at, because a printed QR code and a signed credential outlive requests.
"""
import hashlib
import hmac
import os
import re
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import override

from puente.core.addresses import public_url

from . import dataintegrity, openbadge, statuslist
from .openbadge import PURPOSES, REVOCATION, SUSPENSION, Facts, Issuer, StatusEntry

ISSUER_NAME = "Puente"
TAG_LENGTH = 20


def key_path() -> Path:
    return Path(settings.PUENTE_ISSUER_KEY_FILE)


@cache
def _load_key(path: Path) -> Ed25519PrivateKey:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        try:
            # O_EXCL: when two processes start at once, the first key written wins for both.
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(handle, "wb") as out:
                out.write(pem)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    return key


def private_key() -> Ed25519PrivateKey:
    return _load_key(key_path())


def issuer() -> Issuer:
    return Issuer(id=public_url(reverse("issuer:profile")), name=ISSUER_NAME, url=public_url("/"))


def public_key_multibase() -> str:
    return dataintegrity.public_key_multibase(private_key().public_key())


def verification_method() -> str:
    return f"{issuer().id}#{public_key_multibase()}"


def key_document() -> dict:
    """The issuer's profile with its public key: what a verifier needs to check a signature offline."""
    me = issuer()
    method = verification_method()
    return {
        "@context": ["https://www.w3.org/ns/cid/v1"],
        "id": me.id,
        "name": me.name,
        "url": me.url,
        "verificationMethod": [{"id": method, "type": "Multikey", "controller": me.id, "publicKeyMultibase": public_key_multibase()}],
        "assertionMethod": [method],
    }


# --- Verification links -------------------------------------------------------------------------


def _tag(serial: str) -> str:
    # Derived from the issuer key, so links stay stable as long as the key does, and no one
    # without the key can make a link for a serial number they guessed.
    raw = private_key().private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    secret = hashlib.sha256(b"puente verification link\0" + raw).digest()
    return hmac.new(secret, serial.encode("utf-8"), hashlib.sha256).hexdigest()[:TAG_LENGTH]


def verification_token(serial: str) -> str:
    return f"{serial}.{_tag(serial)}"


def serial_from_token(token: str) -> str | None:
    """The serial number a verification token stands for, or None if the token is not genuine."""
    match = re.fullmatch(r"([A-Za-z0-9-]{1,40})\.([0-9a-f]{%d})" % TAG_LENGTH, token or "")
    if not match or not hmac.compare_digest(match.group(2), _tag(match.group(1))):
        return None
    return match.group(1)


def verification_url(credential) -> str:
    return public_url(reverse("verify:credential", args=[verification_token(credential.serial)]))


# --- Status lists ----------------------------------------------------------------------------------

STATUS_OF = {REVOCATION: "revoked", SUSPENSION: "suspended"}


def status_list_url(purpose: str, number: int) -> str:
    return public_url(reverse("issuer:status_list", args=[purpose, number]))


def status_entries(credential) -> list[StatusEntry]:
    number, index = statuslist.position(credential.pk)
    return [StatusEntry(purpose, status_list_url(purpose, number), index) for purpose in PURPOSES]


def status_list(purpose: str, number: int) -> dict:
    """The signed list: a credential's bit is set while it is revoked (or suspended)."""
    from puente.credentials.models import IssuedCredential

    first = number * statuslist.MIN_BITS
    # The public list is built from every credential, not through restrict(): it is published to
    # everyone and says nothing but which numbers are revoked or suspended.
    pks = IssuedCredential.objects.filter(
        status=STATUS_OF[purpose], pk__gte=first, pk__lt=first + statuslist.MIN_BITS
    ).values_list("pk", flat=True)
    url = status_list_url(purpose, number)
    document = openbadge.status_list_credential(url, issuer(), purpose, statuslist.encode(pk - first for pk in pks), timezone.now())
    return dataintegrity.sign(document, private_key(), verification_method(), timezone.now())


# --- Issued credentials as Open Badges -----------------------------------------------------------


def facts(credential) -> Facts:
    credential_type = credential.credential_type
    with override("en"):
        requirements = [str(component.requirement) for component in credential_type.components.select_related("program")]
    criteria = "Holds every current component: " + "; ".join(requirements) + "." if requirements else credential_type.name_en
    return Facts(
        id=verification_url(credential),
        issuer=issuer(),
        holder_name=credential.person.full_name,
        serial=credential.serial,
        achievement_id=public_url(reverse("issuer:achievement", args=[credential_type.code])),
        achievement_name=credential_type.name_en,
        achievement_description=credential_type.description_en,
        criteria=criteria,
        valid_from=credential.issued_on,
        valid_until=credential.valid_until,
        status=status_entries(credential),
        issuing_agency=credential.issuer_agency.name,
    )


def open_badge(credential) -> dict:
    """The signed OpenBadgeCredential; the proof is dated when the credential was recorded, so
    every download of the same credential is the same file."""
    created = credential.created or timezone.now()
    return dataintegrity.sign(openbadge.credential(facts(credential)), private_key(), verification_method(), created)


def resolve_key(method_id: str) -> dict | None:
    """This issuer's key document, for credentials it signed; None for any other issuer."""
    document = key_document()
    return document if method_id.split("#", 1)[0] == document["id"] else None


def resolve_status(url: str) -> dict | None:
    """This issuer's current status list at `url`, built locally; None for other addresses."""
    prefix = public_url("")
    if not isinstance(url, str) or not url.startswith(prefix + "/"):
        return None
    try:
        match = resolve(url[len(prefix):])
    except Resolver404:
        return None
    if match.view_name != "issuer:status_list":
        return None
    return status_list(match.kwargs["purpose"], match.kwargs["number"])

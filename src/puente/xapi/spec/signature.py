"""Signed statements (xAPI-Data 2.6): a JWS in compact serialization, sent as an attachment.

The LRS checks that the signature is well formed: an RS256/384/512 JWS whose payload is the
statement as it was before signing, and, when its header carries an X.509 certificate
(`x5c`), that the signature verifies against that certificate.
"""
import base64
import binascii
import json

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from . import SIGNATURE_USAGE
from .errors import XAPIError
from .statements import comparable

ALGORITHMS = {"RS256": hashes.SHA256, "RS384": hashes.SHA384, "RS512": hashes.SHA512}


def _b64(segment: str, what: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError):
        raise XAPIError(400, f"signature: the JWS {what} is not base64url") from None


def _json(raw: bytes, what: str):
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise XAPIError(400, f"signature: the JWS {what} is not JSON") from None


def _unsigned(statement: dict) -> dict:
    """The received statement without its signature attachment, as it was when signed."""
    out = dict(statement)
    kept = [a for a in statement.get("attachments", []) if a.get("usageType") != SIGNATURE_USAGE]
    if kept:
        out["attachments"] = kept
    else:
        out.pop("attachments", None)
    return out


def _same_ignoring_lrs_fields(original: dict, received: dict) -> bool:
    # timestamp too: the LRS fills it when the statement came without one.
    a = comparable(original, keep_timestamp=False)
    b = comparable(received, keep_timestamp=False)
    return a == b and original.get("attachments", []) == received.get("attachments", [])


def verify(statement: dict, jws: bytes, path: str = "statement") -> None:
    """Refuse (400) a malformed signature, one whose payload is another statement, or one that
    does not verify against the certificate in its header."""
    try:
        text = jws.decode("ascii").strip()
    except UnicodeDecodeError:
        raise XAPIError(400, f"{path}: the signature attachment is not a JWS compact serialization") from None
    segments = text.split(".")
    if len(segments) != 3:
        raise XAPIError(400, f"{path}: the signature attachment is not a JWS compact serialization (three dot-separated parts)")
    header = _json(_b64(segments[0], "header"), "header")
    if not isinstance(header, dict) or header.get("alg") not in ALGORITHMS:
        raise XAPIError(400, f"{path}: the JWS algorithm must be one of RS256, RS384, RS512")
    original = _json(_b64(segments[1], "payload"), "payload")
    if not isinstance(original, dict) or not _same_ignoring_lrs_fields(original, _unsigned(statement)):
        raise XAPIError(400, f"{path}: the signed payload is not the statement received")
    chain = header.get("x5c")
    if chain is None:
        return
    if not isinstance(chain, list) or not chain or not isinstance(chain[0], str):
        raise XAPIError(400, f"{path}: the JWS header x5c must be an array of base64 certificates")
    try:
        certificate = x509.load_der_x509_certificate(base64.b64decode(chain[0]))
    except (ValueError, binascii.Error):
        raise XAPIError(400, f"{path}: the certificate in the JWS header x5c cannot be read") from None
    key = certificate.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise XAPIError(400, f"{path}: the certificate in x5c does not hold an RSA key")
    signed = f"{segments[0]}.{segments[1]}".encode("ascii")
    try:
        key.verify(_b64(segments[2], "signature"), signed, padding.PKCS1v15(), ALGORITHMS[header["alg"]]())
    except InvalidSignature:
        raise XAPIError(400, f"{path}: the signature does not verify against the certificate in x5c") from None

"""Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite (W3C vc-di-eddsa), Ed25519 keys.

Signing: canonicalize the document without its proof and the proof options with the
document's @context (RDFC-1.0), hash each with SHA-256, sign the proof hash followed by the
document hash, and encode the signature as base58btc multibase.
"""
import copy
import datetime
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from . import multibase
from .jsonld import CanonicalizationError, canonicalize

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"


class ProofError(ValueError):
    """The proof is missing, malformed or does not verify."""


def _hash(nquads: str) -> bytes:
    return hashlib.sha256(nquads.encode("utf-8")).digest()


def hash_data(document: dict, proof_options: dict, loader=None) -> bytes:
    """SHA-256 of the canonical proof options, then of the canonical document (64 bytes)."""
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    options = {key: value for key, value in proof_options.items() if key != "proofValue"}
    options["@context"] = document.get("@context")
    return _hash(canonicalize(options, loader)) + _hash(canonicalize(unsecured, loader))


def proof_options(verification_method: str, created: datetime.datetime | str) -> dict:
    if isinstance(created, datetime.datetime):
        created = created.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "type": PROOF_TYPE, "cryptosuite": CRYPTOSUITE, "created": created,
        "verificationMethod": verification_method, "proofPurpose": "assertionMethod",
    }


def sign(document: dict, private_key: Ed25519PrivateKey, verification_method: str, created, loader=None) -> dict:
    """A copy of `document` with a Data Integrity proof."""
    options = proof_options(verification_method, created)
    signature = private_key.sign(hash_data(document, options, loader))
    secured = copy.deepcopy({key: value for key, value in document.items() if key != "proof"})
    secured["proof"] = {**options, "proofValue": multibase.encode(signature)}
    return secured


def verify(document: dict, public_key: Ed25519PublicKey, loader=None) -> dict:
    """Check the document's proof with `public_key`; return the proof, or raise ProofError."""
    proof = document.get("proof")
    if not isinstance(proof, dict):
        raise ProofError("the document has no single Data Integrity proof")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError(f"the proof is not a {PROOF_TYPE} with the {CRYPTOSUITE} cryptosuite")
    if proof.get("proofPurpose") != "assertionMethod":
        raise ProofError("the proof's purpose is not assertionMethod")
    try:
        signature = multibase.decode(proof.get("proofValue"))
        data = hash_data(document, proof, loader)
    except multibase.MultibaseError as exc:
        raise ProofError(f"the proof value is malformed: {exc}") from None
    except CanonicalizationError as exc:
        raise ProofError(str(exc)) from None
    try:
        public_key.verify(signature, data)
    except InvalidSignature:
        raise ProofError("the signature does not match the document: it was altered or signed by another key") from None
    return proof


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(multibase.decode_public_key(value))


def public_key_multibase(public_key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return multibase.encode_public_key(raw)

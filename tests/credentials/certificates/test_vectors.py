"""The eddsa-rdfc-2022 core against the W3C vc-di-eddsa test vectors (TestVectors/eddsa-rdfc-2022 and
TestVectors/keyPair.json of w3c/vc-di-eddsa), with the contexts served from local files only."""
import copy
import hashlib
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from puente.credentials.certificates import dataintegrity, jsonld, multibase
from puente.credentials.certificates.jsonld import CanonicalizationError

VECTORS = Path(__file__).parent / "vectors"
EXAMPLES = "https://www.w3.org/ns/credentials/examples/v2"


def read(name):
    text = (VECTORS / name).read_text(encoding="utf-8")
    return json.loads(text) if name.endswith(".json") else text


@pytest.fixture
def loader():
    return jsonld.document_loader({EXAMPLES: VECTORS / "credentials-examples-v2.jsonld"})


@pytest.fixture
def keys():
    pair = read("keyPair.json")
    private = Ed25519PrivateKey.from_private_bytes(multibase.decode_private_key(pair["privateKeyMultibase"]))
    return private, dataintegrity.public_key_from_multibase(pair["publicKeyMultibase"])


def test_canonical_proof_options(loader):
    assert jsonld.canonicalize(read("proofConfigDataInt.json"), loader) == read("proofCanonDataInt.txt")


def test_hash_data(loader):
    signed = read("signedDataInt.json")
    combined = dataintegrity.hash_data(signed, signed["proof"], loader)
    assert combined.hex() == read("combinedHashDataInt.txt")
    assert combined[:32] == hashlib.sha256(read("proofCanonDataInt.txt").encode()).digest()


def test_signature_matches_the_vector(loader, keys):
    private, public = keys
    signed = read("signedDataInt.json")
    again = dataintegrity.sign(signed, private, signed["proof"]["verificationMethod"], signed["proof"]["created"], loader)
    assert again["proof"]["proofValue"] == read("sigBTC58DataInt.txt") == signed["proof"]["proofValue"]
    assert again == signed
    assert dataintegrity.verify(signed, public, loader) == signed["proof"]
    assert multibase.encode_public_key(multibase.decode_public_key(read("keyPair.json")["publicKeyMultibase"])) == \
        read("keyPair.json")["publicKeyMultibase"]


@pytest.mark.parametrize("change", [
    lambda d: d["credentialSubject"].update(alumniOf="The School of Forgery"),
    lambda d: d.update(validFrom="2022-01-01T00:00:00Z"),
    lambda d: d["proof"].update(created="2023-02-25T00:00:00Z"),
    lambda d: d["proof"].update(proofValue=d["proof"]["proofValue"][:-2] + "11"),
])
def test_tampering_is_detected(loader, keys, change):
    document = copy.deepcopy(read("signedDataInt.json"))
    change(document)
    with pytest.raises(dataintegrity.ProofError):
        dataintegrity.verify(document, keys[1], loader)


def test_another_key_does_not_verify(loader):
    signed = read("signedDataInt.json")
    with pytest.raises(dataintegrity.ProofError, match="altered or signed by another key"):
        dataintegrity.verify(signed, Ed25519PrivateKey.generate().public_key(), loader)


def test_no_context_is_fetched(keys):
    """Only vendored contexts load: the examples context is unknown to the production loader."""
    with pytest.raises(dataintegrity.ProofError, match="not valid JSON-LD"):
        dataintegrity.verify(read("signedDataInt.json"), keys[1])


def test_undefined_terms_are_refused_not_dropped():
    document = {"@context": [jsonld.VC_V2], "type": ["VerifiableCredential"], "issuer": "https://a.example",
                "credentialSubject": {"id": "did:example:1", "rank": "captain"}}
    with pytest.raises(CanonicalizationError, match="rank"):
        jsonld.canonicalize(document)
    document["credentialSubject"] = {"id": "did:example:1", "type": "Captain"}
    with pytest.raises(CanonicalizationError, match="Captain"):
        jsonld.canonicalize(document)


def test_multibase_round_trip():
    for data in (b"", b"\0\0abc", bytes(range(256))):
        assert multibase.decode(multibase.encode(data)) == data
    with pytest.raises(multibase.MultibaseError):
        multibase.decode("uABC")
    with pytest.raises(multibase.MultibaseError):
        multibase.decode_public_key(multibase.encode(b"\x12\x34" + bytes(32)))

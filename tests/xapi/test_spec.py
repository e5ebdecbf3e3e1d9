"""The pure xAPI core on its own: no database, no Django."""
import base64
import copy
import datetime
import hashlib
import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from puente.xapi.spec import XAPIError, documents, multipart, signature
from puente.xapi.spec import statements as st
from puente.xapi.spec import validate

GOOD = {
    "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
    "actor": {"objectType": "Agent", "name": "Lucía", "mbox": "mailto:lucia@example.org"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed", "es-MX": "completó"}},
    "object": {"id": "https://lms.example.org/cites", "definition": {"name": {"en-US": "CITES"}, "type": "http://adlnet.gov/expapi/activities/course"}},
    "result": {"score": {"scaled": 0.9, "raw": 90, "min": 0, "max": 100}, "success": True, "completion": True, "duration": "PT1H2M3.5S"},
    "context": {"registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7", "language": "es-MX", "platform": "LMS",
                "instructor": {"account": {"homePage": "https://lms.example.org", "name": "RASL850312MSRMTC01"}},
                "contextActivities": {"parent": {"id": "https://lms.example.org/programs/wildlife"}}},
    "timestamp": "2024-03-01T10:00:00.123-07:00",
}


def changed(path: str, value):
    """GOOD with one property set (value ...: delete it)."""
    statement = copy.deepcopy(GOOD)
    *parents, last = path.split(".")
    node = statement
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if value is ...:
        del node[last]
    else:
        node[last] = value
    return statement


def test_a_complete_statement_is_valid():
    assert validate.statement(copy.deepcopy(GOOD))


@pytest.mark.parametrize("path,value,named", [
    ("actor", ..., "statement.actor: is required"),
    ("verb", ..., "statement.verb: is required"),
    ("object", ..., "statement.object: is required"),
    ("id", "not-a-uuid", "statement.id"),
    ("actor.mbox", "lucia@example.org", "statement.actor.mbox"),
    ("actor.openid", "http://openid.example.org/lucia", "exactly one"),
    ("actor.objectType", "agent", "statement.actor.objectType"),
    ("verb.id", "completed", "statement.verb.id"),
    ("verb.display", {"en_US": "completed"}, "language tag"),
    ("verb.display", {"en-US": None}, "must be a string"),
    ("object.id", "not an iri", "statement.object.id"),
    ("object.objectType", "Course", "statement.object.objectType"),
    ("object.definition.interactionType", "essay", "interactionType"),
    ("object.definition.choices", [{"id": "a"}], "interactionType"),
    ("result.score.scaled", 1.5, "between -1 and 1"),
    ("result.score.raw", 120, "above max"),
    ("result.score.min", 100, "greater than min"),
    ("result.success", "yes", "true or false"),
    ("result.duration", "1 hour", "ISO 8601 duration"),
    ("context.registration", "abc", "statement.context.registration"),
    ("context.team", {"mbox": "mailto:team@example.org"}, "statement.context.team.objectType"),
    ("context.language", "español!", "language tag"),
    ("timestamp", "2024-03-01 10:00", "ISO 8601 timestamp"),
    ("timestamp", "2024-03-01T10:00:00-00:00", "-00:00"),
    ("timestamp", "2024-02-30T10:00:00Z", "valid date"),
    ("version", "0.95", "1.0.x"),
    ("unknown", "x", "unknown property unknown"),
    ("actor.name", None, "must be a string"),
    ("result.extensions", {"not iri": 1}, "absolute IRI"),
])
def test_spec_violations_are_refused_with_the_property_named(path, value, named):
    with pytest.raises(XAPIError) as caught:
        validate.statement(changed(path, value))
    assert caught.value.status == 400
    assert named in caught.value.message


def test_revision_and_platform_only_for_activities():
    statement = changed("object", {"objectType": "Agent", "mbox": "mailto:x@example.org"})
    with pytest.raises(XAPIError, match="platform: may only be used"):
        validate.statement(statement)


def test_groups_anonymous_need_members_and_identified_one_ifi():
    with pytest.raises(XAPIError, match="anonymous Group"):
        validate.statement(changed("actor", {"objectType": "Group", "name": "Team"}))
    with pytest.raises(XAPIError, match="at most one"):
        validate.statement(changed("actor", {"objectType": "Group", "mbox": "mailto:a@x.org", "openid": "http://x.org/a"}))
    assert validate.statement(changed("actor", {"objectType": "Group", "member": [{"mbox": "mailto:a@x.org"}]}))


def test_substatement_cannot_nest_or_carry_an_id():
    inner = {"objectType": "SubStatement", "actor": GOOD["actor"], "verb": GOOD["verb"], "object": {"id": "https://x.org/a"}}

    def around(target):
        statement = changed("object", target)
        del statement["context"]  # platform is for activities only
        return statement

    assert validate.statement(around(inner))
    with pytest.raises(XAPIError, match="another SubStatement"):
        validate.statement(around({**inner, "object": inner}))
    with pytest.raises(XAPIError, match="unknown property id"):
        validate.statement(around({**inner, "id": GOOD["id"]}))


def test_voiding_needs_a_statement_ref():
    with pytest.raises(XAPIError, match="StatementRef"):
        validate.statement(changed("verb.id", "http://adlnet.gov/expapi/verbs/voided"))


def test_a_batch_with_one_bad_statement_is_refused_naming_it():
    bad = changed("actor", ...)
    with pytest.raises(XAPIError, match=r"statements\[1\]\.actor"):
        validate.statements([changed("id", ...), bad])
    with pytest.raises(XAPIError, match="already has a statement with this id"):
        validate.statements([copy.deepcopy(GOOD), copy.deepcopy(GOOD)])


def test_prepare_fills_what_the_lrs_assigns_and_arrays_context_activities():
    stored = datetime.datetime(2024, 3, 2, 12, 0, tzinfo=datetime.timezone.utc)
    authority = {"objectType": "Agent", "account": {"homePage": "urn:x", "name": "k"}}
    out = st.prepare(changed("timestamp", ...), authority=authority, stored=stored)
    assert out["stored"] == out["timestamp"] == "2024-03-02T12:00:00.000Z"
    assert out["authority"] == authority and out["version"] == "1.0.0" and out["id"] == GOOD["id"]
    assert out["context"]["contextActivities"]["parent"] == [{"id": "https://lms.example.org/programs/wildlife"}]
    assert GOOD["context"]["contextActivities"]["parent"] == {"id": "https://lms.example.org/programs/wildlife"}


def test_index_names_actor_object_and_related():
    ix = st.index(st.prepare(copy.deepcopy(GOOD), authority=GOOD["actor"], stored=datetime.datetime.now(datetime.timezone.utc)))
    assert ix.actor_key == st.key("mbox:mailto:lucia@example.org")
    assert ix.object_activity == "https://lms.example.org/cites"
    assert (st.key("https://lms.example.org/programs/wildlife"), st.RELATED) in ix.activities
    assert (st.key("account:https://lms.example.org|RASL850312MSRMTC01"), st.RELATED) in ix.agents
    assert ix.registration == "ec531277-b57b-4c15-8d91-d292c5b2b8f7"


def test_same_statement_ignores_what_the_lrs_may_change():
    stored = st.prepare(copy.deepcopy(GOOD), authority={"mbox": "mailto:lrs@x.org"}, stored=datetime.datetime.now(datetime.timezone.utc))
    again = changed("verb.display", {"fr": "terminé"})
    again["timestamp"] = "2024-03-01T17:00:00.123Z"  # the same instant in UTC
    again["object"]["definition"] = {"name": {"es": "CITES"}}
    assert st.same(stored, again)
    assert not st.same(stored, changed("result.success", False))
    assert not st.same(stored, changed("result.duration", "PT3723.5S"))  # durations compare as strings


def test_formats_ids_and_canonical():
    statement = copy.deepcopy(GOOD)
    ids = st.formatted(statement, "ids")
    assert ids["actor"] == {"objectType": "Agent", "mbox": "mailto:lucia@example.org"}
    assert ids["verb"] == {"id": GOOD["verb"]["id"]}
    assert ids["object"] == {"objectType": "Activity", "id": GOOD["object"]["id"]}
    canonical = st.formatted(statement, "canonical", ["es-MX", "en"])
    assert canonical["verb"]["display"] == {"es-MX": "completó"}
    assert st.formatted(statement, "canonical", ["de"])["verb"]["display"] == {"en-US": "completed"}


def test_multipart_round_trip_keeps_binary_octets():
    blob = bytes(range(256)) + b"\r\n--not-a-boundary\r\n"
    body, content_type = multipart.build([({"Content-Type": "application/json"}, b"[]"),
                                          ({"Content-Type": "image/png", "X-Experience-API-Hash": "abc"}, blob)])
    parts = multipart.parse(body, content_type)
    assert [p.content for p in parts] == [b"[]", blob]
    assert parts[1].headers["x-experience-api-hash"] == "abc"
    with pytest.raises(XAPIError, match="closing boundary"):
        multipart.parse(body[:-40], content_type)
    with pytest.raises(XAPIError, match="boundary parameter"):
        multipart.parse(body, "multipart/mixed")


def test_document_merge_and_preconditions():
    merged = documents.merge(b'{"x":"foo","y":"bar"}', "application/json", b'{"x":"bash","z":"faz"}', "application/json")
    assert json.loads(merged) == {"x": "bash", "y": "bar", "z": "faz"}
    with pytest.raises(XAPIError, match="JSON documents only"):
        documents.merge(b"plain", "text/plain", b"{}", "application/json")
    with pytest.raises(XAPIError) as caught:
        documents.precondition("abc", '"def"', None, required=True)
    assert caught.value.status == 412
    with pytest.raises(XAPIError) as caught:
        documents.precondition("abc", None, None, required=True)
    assert caught.value.status == 409
    with pytest.raises(XAPIError) as caught:
        documents.precondition("abc", None, "*", required=True)
    assert caught.value.status == 412
    documents.precondition(None, None, "*", required=True)
    documents.precondition("abc", '"abc"', None, required=True)
    assert documents.etag(b"x") == hashlib.sha1(b"x").hexdigest()


# Signed statements ---------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def make_signer():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Academy LMS")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    return key, base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()


def sign(statement: dict, key, x5c: str | None, alg: str = "RS256") -> bytes:
    header = {"alg": alg, **({"x5c": [x5c]} if x5c else {})}
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(statement).encode())}"
    digest = {"RS256": hashes.SHA256(), "RS384": hashes.SHA384(), "RS512": hashes.SHA512()}[alg]
    return f"{signing_input}.{_b64(key.sign(signing_input.encode(), padding.PKCS1v15(), digest))}".encode()


def with_signature(statement: dict, jws: bytes) -> dict:
    return {**statement, "attachments": [{"usageType": "http://adlnet.gov/expapi/attachments/signature", "display": {"en-US": "Signature"},
                                          "contentType": "application/octet-stream", "length": len(jws),
                                          "sha2": hashlib.sha256(jws).hexdigest()}]}


def test_signature_verifies_against_its_certificate():
    key, cert = make_signer()
    original = copy.deepcopy(GOOD)
    jws = sign(original, key, cert)
    signature.verify(with_signature(original, jws), jws)
    received = with_signature({**original, "stored": "2024-03-02T00:00:00Z", "version": "1.0.0"}, jws)
    signature.verify(received, jws)  # what the LRS may add does not count


@pytest.mark.parametrize("tamper,message", [
    (lambda s, k, c: (with_signature({**s, "result": {"success": False}}, sign(s, k, c)), sign(s, k, c)), "not the statement received"),
    (lambda s, k, c: (s, b"not.a-jws"), "base64url|not JSON|compact"),
    (lambda s, k, c: (s, sign(s, k, c, "RS256").replace(b".", b"", 1)), "compact serialization"),
    (lambda s, k, c: (s, sign(s, make_signer()[0], c)), "does not verify"),
])
def test_bad_signatures_are_refused(tamper, message):
    key, cert = make_signer()
    statement, jws = tamper(copy.deepcopy(GOOD), key, cert)
    if "attachments" not in statement:
        statement = with_signature(statement, jws)
    with pytest.raises(XAPIError, match=message) as caught:
        signature.verify(statement, jws)
    assert caught.value.status == 400


def test_signature_algorithm_must_be_rsa_sha():
    header = _b64(json.dumps({"alg": "HS256"}).encode())
    jws = f"{header}.{_b64(json.dumps(GOOD).encode())}.{_b64(b'sig')}".encode()
    with pytest.raises(XAPIError, match="RS256, RS384, RS512"):
        signature.verify(with_signature(copy.deepcopy(GOOD), jws), jws)


def test_the_core_imports_no_django():
    import sys

    import puente.xapi.spec as spec_package

    for name, module in list(sys.modules.items()):
        if name.startswith("puente.xapi.spec"):
            source = open(module.__file__).read()
            assert "django" not in source, f"{name} imports Django"
    assert spec_package.LATEST == "1.0.3"

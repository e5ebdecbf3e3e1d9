"""Attachments in multipart/mixed with SHA-2 hashes, and signed statements."""
import hashlib
import json

import pytest

from puente.xapi.models import Attachment, Statement
from puente.xapi.spec import multipart

from .conftest import statement
from .test_spec import make_signer, sign, with_signature

REPORT = b"%PDF-1.4 certificate of completion \x00\x01\x02 binary\r\n--tail"


def declared(content: bytes, **extra) -> dict:
    return {"usageType": "http://example.org/attachment-usage/certificate", "display": {"en-US": "Certificate"},
            "contentType": "application/pdf", "length": len(content), "sha2": hashlib.sha256(content).hexdigest(), **extra}


def body(statements, *attachments, first_type="application/json", encoding="binary"):
    parts = [({"Content-Type": first_type}, json.dumps(statements).encode())]
    for content, sha2 in attachments:
        parts.append(({"Content-Type": "application/pdf", "Content-Transfer-Encoding": encoding, "X-Experience-API-Hash": sha2}, content))
    return multipart.build(parts)


def post(lrs, statements, *attachments, **kw):
    content, content_type = body(statements, *attachments, **kw)
    return lrs.post(content, content_type=content_type)


def test_statement_with_attachment_round_trip(lrs):
    sent = statement(attachments=[declared(REPORT)])
    response = post(lrs, [sent], (REPORT, hashlib.sha256(REPORT).hexdigest()))
    assert response.status_code == 200, response.content
    assert Attachment.objects.get().length == len(REPORT)
    got = lrs.get({"statementId": sent["id"], "attachments": "true"})
    assert got["Content-Type"].startswith("multipart/mixed")
    parts = multipart.parse(got.content, got["Content-Type"])
    assert json.loads(parts[0].content)["id"] == sent["id"]
    assert parts[1].content == REPORT and parts[1].headers["x-experience-api-hash"] == hashlib.sha256(REPORT).hexdigest()
    listing = lrs.get({"attachments": "true"})
    assert multipart.parse(listing.content, listing["Content-Type"])[1].content == REPORT
    assert lrs.get({"attachments": "false"})["Content-Type"].startswith("application/json")


def test_the_same_attachment_twice_is_stored_once(lrs):
    sha2 = hashlib.sha256(REPORT).hexdigest()
    post(lrs, [statement(attachments=[declared(REPORT)]), statement(attachments=[declared(REPORT)])], (REPORT, sha2))
    assert Statement.objects.count() == 2 and Attachment.objects.count() == 1


def test_file_url_attachments_need_no_part(lrs):
    sent = statement(attachments=[declared(REPORT, fileUrl="https://lms.example.org/certificates/1.pdf")])
    assert lrs.post(sent).status_code == 200


@pytest.mark.parametrize("case,status,message", [
    ("json without the data", 400, "no fileUrl and no multipart part"),
    ("missing part", 400, "no fileUrl and no multipart part"),
    ("wrong hash", 400, "does not match its X-Experience-API-Hash"),
    ("extra part", 400, "matches no attachment"),
    ("first part not json", 400, "first part"),
    ("not binary", 400, "Content-Transfer-Encoding"),
    ("too large", 413, "the limit is"),
])
def test_attachment_refusals(lrs, settings, case, status, message):
    if case == "too large":
        settings.PUENTE_XAPI_MAX_ATTACHMENT = 20
    sha2 = hashlib.sha256(REPORT).hexdigest()
    sent = statement(attachments=[declared(REPORT)])
    if case == "json without the data":
        response = lrs.post(sent)
    elif case == "missing part":
        response = post(lrs, [sent])
    elif case == "wrong hash":
        response = post(lrs, [sent], (REPORT + b"!", sha2))
    elif case == "extra part":
        response = post(lrs, [statement()], (REPORT, sha2))
    elif case == "first part not json":
        response = post(lrs, [sent], (REPORT, sha2), first_type="text/plain")
    elif case == "not binary":
        response = post(lrs, [sent], (REPORT, sha2), encoding="base64")
    else:
        response = post(lrs, [sent], (REPORT, sha2))
    assert response.status_code == status, response.content
    assert message in response.json()["message"]
    assert not Statement.objects.exists() and not Attachment.objects.exists()


def test_signed_statement_is_verified(lrs):
    key, cert = make_signer()
    original = statement()
    jws = sign(original, key, cert, "RS384")
    signed = with_signature(original, jws)
    response = post(lrs, [signed], (jws, hashlib.sha256(jws).hexdigest()))
    assert response.status_code == 200, response.content


def test_signature_over_another_statement_is_refused(lrs):
    key, cert = make_signer()
    original = statement()
    jws = sign({**original, "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"}}, key, cert)
    response = post(lrs, [with_signature(original, jws)], (jws, hashlib.sha256(jws).hexdigest()))
    assert response.status_code == 400 and "not the statement received" in response.json()["message"]
    assert not Statement.objects.exists()


def test_signature_must_arrive_as_data(lrs):
    key, cert = make_signer()
    original = statement()
    signed = with_signature(original, sign(original, key, cert))
    signed["attachments"][0]["fileUrl"] = "https://lms.example.org/sig"
    assert lrs.post(signed).status_code == 400

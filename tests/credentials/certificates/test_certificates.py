"""Certificates end to end: the signed Open Badge verifies offline with the published key,
tampering and forgery are caught, revocation and suspension set their bits, expiry shows, and
the public page shows only what the certificate prints."""
import datetime
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from puente.accounts.roles import Role
from puente.core.models import AuditEntry
from puente.credentials.certificates import cli, dataintegrity, issuer, statuslist, verification
from puente.credentials.models import IssuedCredential
from tests.credentials.fixtures import credential

TODAY = timezone.localdate()


@pytest.fixture
def held(world):
    return credential(world, "own")


def badge_file(tmp_path, document, name="badge.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def published(client, tmp_path):
    """The issuer's key document and status lists, downloaded from the public URLs as a verifier would."""
    files = {"key": badge_file(tmp_path, client.get("/credentials/issuer/").json(), "key.json")}
    for purpose in ("revocation", "suspension"):
        files[purpose] = badge_file(tmp_path, client.get(f"/credentials/issuer/status/{purpose}/0/").json(), f"{purpose}.json")
    return files


def test_open_badge_verifies_offline_with_the_published_key(client, held, tmp_path):
    document = issuer.open_badge(held)
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert document["id"].startswith("https://puente.example/verify/")
    assert document["credentialSubject"]["identifier"][0]["identityHash"] == held.person.full_name
    assert issuer.open_badge(held) == document  # every download is the same file
    files = published(client, tmp_path)
    ok, lines = cli.verify_file(badge_file(tmp_path, document), key_file=files["key"],
                                status_files=[files["revocation"], files["suspension"]], local=False)
    assert ok, lines
    assert lines[0].startswith("VALID") and f"Holder: {held.person.full_name}" in lines
    assert f"Issuer: Puente, for {held.issuer_agency.name}" in lines
    assert not any("not checked" in line for line in lines)


def test_without_the_key_or_lists_nothing_is_trusted(held, tmp_path):
    ok, lines = cli.verify_file(badge_file(tmp_path, issuer.open_badge(held)), local=False)
    assert not ok and "key document" in lines[0]


@pytest.mark.parametrize("change", [
    lambda d: d["credentialSubject"]["identifier"][0].update(identityHash="Someone Else"),
    lambda d: d.update(validUntil="2099-12-31T23:59:59Z"),
    lambda d: d["credentialSubject"]["achievement"].update(name="Commissioner"),
    lambda d: d.pop("credentialStatus"),
    lambda d: d["credentialSubject"].update(rank="Commissioner"),  # an added, undefined claim
])
def test_tampering_is_detected(held, tmp_path, change):
    document = issuer.open_badge(held)
    change(document)
    ok, lines = cli.verify_file(badge_file(tmp_path, document))
    assert not ok and lines[0].startswith("INVALID"), lines


def test_a_forgery_signed_with_another_key_is_detected(held, tmp_path):
    document = issuer.open_badge(held)
    forger = Ed25519PrivateKey.generate()
    forged_method = f"{issuer.issuer().id}#{dataintegrity.public_key_multibase(forger.public_key())}"
    forged = dataintegrity.sign(document, forger, forged_method, "2024-01-01T00:00:00Z")
    ok, lines = cli.verify_file(badge_file(tmp_path, forged))
    assert not ok and "does not list" in lines[0]
    # Claiming the issuer's own key id does not help either.
    forged = dataintegrity.sign(document, forger, issuer.verification_method(), "2024-01-01T00:00:00Z")
    ok, lines = cli.verify_file(badge_file(tmp_path, forged))
    assert not ok and "altered or signed by another key" in lines[0]


def test_revocation_and_suspension_set_their_bits(client, held, tmp_path):
    path = badge_file(tmp_path, issuer.open_badge(held))
    number, index = statuslist.position(held.pk)
    IssuedCredential.objects.filter(pk=held.pk).update(status=IssuedCredential.Status.SUSPENDED)
    suspension = issuer.status_list("suspension", number)
    assert statuslist.is_set(statuslist.decode(suspension["credentialSubject"]["encodedList"]), index)
    assert not statuslist.is_set(statuslist.decode(issuer.status_list("revocation", number)["credentialSubject"]["encodedList"]), index)
    ok, lines = cli.verify_file(path)
    assert not ok and lines[0].startswith("SUSPENDED")
    IssuedCredential.objects.filter(pk=held.pk).update(status=IssuedCredential.Status.REVOKED)
    files = published(client, tmp_path)
    ok, lines = cli.verify_file(path, key_file=files["key"], status_files=[files["revocation"], files["suspension"]], local=False)
    assert not ok and lines[0].startswith("REVOKED")


def test_an_altered_status_list_is_not_trusted(client, held, tmp_path):
    IssuedCredential.objects.filter(pk=held.pk).update(status=IssuedCredential.Status.REVOKED)
    files = published(client, tmp_path)
    listing = json.loads(files["revocation"].read_text())
    listing["credentialSubject"]["encodedList"] = statuslist.encode([])  # "nothing revoked"
    altered = badge_file(tmp_path, listing, "altered.json")
    ok, lines = cli.verify_file(badge_file(tmp_path, issuer.open_badge(held)), key_file=files["key"],
                                status_files=[altered, files["suspension"]], local=False)
    assert not ok and "status list" in lines[0] and "cannot be trusted" in lines[0]


def test_expired(held, tmp_path):
    IssuedCredential.objects.filter(pk=held.pk).update(
        issued_on=TODAY - datetime.timedelta(days=800), valid_until=TODAY - datetime.timedelta(days=2))
    held.refresh_from_db()
    ok, lines = cli.verify_file(badge_file(tmp_path, issuer.open_badge(held)))
    assert not ok and lines[0].startswith("EXPIRED")


def test_the_command(held, tmp_path, capsys):
    path = badge_file(tmp_path, issuer.open_badge(held))
    call_command("credentials", "verify", str(path))
    assert "VALID: signed by the issuer and current" in capsys.readouterr().out
    document = json.loads(path.read_text())
    document["validUntil"] = "2099-01-01T00:00:00Z"
    path.write_text(json.dumps(document))
    with pytest.raises(CommandError, match="INVALID"):
        call_command("credentials", "verify", str(path))
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(CommandError, match="not a JSON credential file"):
        call_command("credentials", "verify", str(tmp_path / "broken.json"))


def test_public_page_shows_only_what_the_certificate_prints(client, world, held):
    url = issuer.verification_url(held)
    assert url.startswith("https://puente.example/verify/T-OWN-CURRENT-000001.")
    page = client.get(url.removeprefix("https://puente.example"))
    text = page.content.decode()
    assert page.status_code == 200
    for shown in (held.person.full_name, held.credential_type.name_en, held.issuer_agency.name, "Current"):
        assert shown in text
    for hidden in (held.person.national_id, held.person.rank, "EVALUATOR-OWN"):
        assert hidden not in text
    IssuedCredential.objects.filter(pk=held.pk).update(status=IssuedCredential.Status.REVOKED)
    assert "Revoked" in client.get(url.removeprefix("https://puente.example")).content.decode()


@pytest.mark.parametrize("token", ["T-OWN-CURRENT-000001", "T-OWN-CURRENT-000001.0123456789abcdef0123", "T-OWN-CURRENT-000002.{tag}"])
def test_forged_verification_links_find_nothing(client, held, token):
    tag = issuer.verification_token("T-OWN-CURRENT-000001").split(".")[1]
    response = client.get(f"/verify/{token.format(tag=tag)}/")
    assert response.status_code == 404 and "Not genuine" in response.content.decode()


def test_upload_check(client, held, tmp_path):
    document = issuer.open_badge(held)
    before = (AuditEntry.objects.count(), IssuedCredential.objects.count())
    genuine = client.post("/verify/", {"file": badge_file(tmp_path, document).open("rb")})
    assert genuine.status_code == 200 and "the signature is the issuer" in genuine.content.decode()
    document["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    altered = client.post("/verify/", {"file": badge_file(tmp_path, document, "altered.json").open("rb")})
    assert "Not genuine" in altered.content.decode() and "Someone Else" not in altered.content.decode()
    (tmp_path / "junk.json").write_bytes(b"\x89PNG")
    junk = client.post("/verify/", {"file": (tmp_path / "junk.json").open("rb")})
    assert junk.status_code == 400 and "not JSON" in junk.content.decode()
    assert (AuditEntry.objects.count(), IssuedCredential.objects.count()) == before  # nothing saved


def test_downloads(client, world, held):
    officer = world.user(Role.OFFICER)
    client.force_login(officer)  # the holder
    pdf = client.get(f"/credentials/certificates/{held.pk}/certificate.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    badge = client.get(f"/credentials/certificates/{held.pk}/open-badge.json")
    assert json.loads(badge.content)["proof"]["proofValue"].startswith("z")
    other = credential(world, "other")
    assert client.get(f"/credentials/certificates/{other.pk}/certificate.pdf").status_code == 404
    client.force_login(world.user(Role.AUDITOR))
    assert client.get(f"/credentials/certificates/{held.pk}/open-badge.json").status_code == 403


def test_pdf_is_bilingual_with_the_verification_link(held):
    """What the PDF prints: both languages, the holder, the serial, the link and its QR code."""
    import base64

    from weasyprint import HTML

    from puente.credentials.certificates import pdf

    page = pdf.html(held)
    url = issuer.verification_url(held)
    assert 'lang="en"' in page and 'lang="es"' in page
    assert "Type own" in page and "Tipo own" in page  # the credential's name in each language
    assert page.count(held.person.full_name) == 2 and held.serial in page and url in page
    svg = base64.b64decode(page.split("data:image/svg+xml;base64,")[1].split('"')[0]).decode()
    assert svg == base64.b64decode(pdf.qr_svg(url).split(",")[1]).decode()
    assert len(HTML(string=page).render().pages) == 1  # one landscape page
    assert pdf.render(held).startswith(b"%PDF-")


def test_status_list_of_an_unknown_purpose(client):
    assert client.get("/credentials/issuer/status/other/0/").status_code == 404


def test_verdict_report_never_raises_on_garbage():
    deep = {"a": [{"b": {}} for _ in range(300)]}
    for junk in ([], "text", {"proof": "x"}, {"proof": {"verificationMethod": 3}}, deep):
        verdict = verification.verify(junk, lambda m: None, lambda u: None)
        assert not verdict.ok and verdict.state == verification.INVALID

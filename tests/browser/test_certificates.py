"""Certificates in a real browser: the QR code's URL opens the public verification page without
an account, in English and Spanish; an altered Open Badge uploaded at /verify is reported."""
import json

import pytest

from puente.credentials.certificates import issuer, pdf
from puente.credentials.models import IssuedCredential
from tests.credentials.fixtures import credential

from .conftest import axe_violations, describe_violations, page_problems, switch_language

pytestmark = pytest.mark.browser


@pytest.fixture
def held(world, settings, live_server, tmp_path):
    settings.PUENTE_ISSUER_KEY_FILE = str(tmp_path / "issuer.pem")
    settings.PUENTE_PUBLIC_URL = live_server.url  # what the printed QR code points at
    return credential(world, "own")


@pytest.mark.parametrize("language", ["en", "es"])
def test_qr_url_opens_the_public_verification_page(axe_page, axe_source, held, language):
    page = axe_page
    url = issuer.verification_url(held)
    assert url in pdf.html(held)  # the URL the certificate's QR code encodes
    page.goto(url)
    if language == "es":
        switch_language(page, "es")
    text = page.inner_text("main")
    for shown in (held.person.full_name, held.issuer_agency.name, held.serial):
        assert shown in text
    assert held.person.national_id not in text
    assert page.locator("header nav").count() == 0  # no account, no menu
    violations = axe_violations(page, axe_source)
    assert not violations, describe_violations("verify", violations)
    assert not page_problems(page)


def test_revoked_and_forged(page, held):
    IssuedCredential.objects.filter(pk=held.pk).update(status=IssuedCredential.Status.REVOKED)
    page.goto(issuer.verification_url(held))
    assert "Revoked" in page.inner_text("main")
    response = page.goto(issuer.verification_url(held)[:-3] + "abc/")
    assert response.status == 404 and "Not genuine" in page.inner_text("main")


def test_upload_an_altered_badge(page, held, tmp_path):
    document = issuer.open_badge(held)
    genuine = tmp_path / "genuine.json"
    genuine.write_text(json.dumps(document))
    document["validUntil"] = "2099-12-31T23:59:59Z"
    altered = tmp_path / "altered.json"
    altered.write_text(json.dumps(document))
    page.goto("/verify/")
    page.set_input_files("#id_file", str(genuine))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "Current" in page.inner_text("main section")
    page.set_input_files("#id_file", str(altered))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "Not genuine" in page.inner_text("main section")
    assert not page.errors, page.errors

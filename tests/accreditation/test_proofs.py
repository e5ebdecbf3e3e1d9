"""Proofs: uploads checked by their content, stored outside the web root, served only to those allowed,
reviewed, kept four years."""
import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from puente.accounts.roles import Role
from puente.accreditation import actions, phases, uploads
from puente.accreditation.models import Proof, ProofReview
from puente.core.models import AuditEntry

from tests.accreditation.fixtures import PDF, PNG, cycle, standard

day = datetime.date


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def own_coordinator(world):
    return world.user(Role.AGENCY_COORDINATOR)


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def office(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr({"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}[kind], "<x/>")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize("name, content, content_type", [
    ("mandate.pdf", PDF, "application/pdf"),
    ("chart.PNG", PNG, "image/png"),
    ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40, "image/jpeg"),
    ("directive.docx", office("docx"), uploads.DOCX.content_type),
    ("inventory.xlsx", office("xlsx"), uploads.XLSX.content_type),
])
def test_good_uploads_are_stored_under_media_with_their_real_type(world, own_coordinator, name, content, content_type):
    proof = actions.add_proof(own_coordinator, cycle=cycle(world, "own"), standard=standard(world, "own"), file=upload(name, content),
                              notes="Signed copy", submit=True)
    assert proof.status == Proof.Status.SUBMITTED and proof.content_type == content_type and proof.file_name == name
    assert proof.retain_until == phases.add_months(timezone.localdate(), 48)
    path = Path(proof.file.path)
    assert path.is_file() and Path(settings.MEDIA_ROOT) in path.parents and name not in path.name  # stored under a name of ours
    assert AuditEntry.objects.get(action="accreditation.proof.create").changes["file"][1] == proof.file.name


@pytest.mark.parametrize("name, content, code, message", [
    ("tool.exe", b"MZ\x90\x00", "type", "files ending in .exe are not accepted"),
    ("report.pdf", b"#!/bin/sh\nrm -rf /\n", "content", "does not contain a PDF, an image or an office document"),
    ("photo.pdf", PNG, "mismatch", "ends in .pdf but its content is a PNG file"),
    ("directive.docx", office("xlsx"), "mismatch", "ends in .docx but its content is a Excel file"),
    ("fake.docx", b"PK\x03\x04 not really a zip", "content", "does not contain"),
    ("big.pdf", PDF + b"0" * uploads.MAX_BYTES, "too_large", "larger than the 10 MB limit"),
    ("empty.pdf", b"", "empty", "is empty"),
])
def test_bad_uploads_are_refused_and_nothing_is_left(world, own_coordinator, name, content, code, message):
    with pytest.raises(ValidationError) as caught:
        actions.add_proof(own_coordinator, cycle=cycle(world, "own"), standard=standard(world, "own"), file=upload(name, content))
    assert message in " ".join(caught.value.message_dict["file"])
    assert not Proof.objects.exists() and not stored_files()
    assert not AuditEntry.objects.filter(action__startswith="accreditation.proof").exists()


def test_the_upload_form_shows_the_refusal(client, world, own_coordinator):
    client.force_login(own_coordinator)
    url = reverse("accreditation:cycle_standard", args=[cycle(world, "own").pk, standard(world, "own").pk])
    response = client.post(url, {"file": upload("photo.pdf", PNG), "notes": "", "submit": "on"})
    assert response.status_code == 400 and "its content is a PNG file" in response.content.decode()
    response = client.post(url, {"file": upload("mandate.pdf", PDF), "notes": "Signed", "submit": "on"})
    assert response.status_code == 302 and Proof.objects.get().status == Proof.Status.SUBMITTED


def test_proofs_only_where_due_and_while_open(world, own_coordinator, pm):
    c = cycle(world, "own")
    advanced_only = next(s for s in c.framework.standards.all() if "basic" not in s.tiers)
    with pytest.raises(ValidationError, match="needs no proof"):
        actions.add_proof(own_coordinator, cycle=c, standard=advanced_only, notes="x")
    with pytest.raises(ValidationError, match="needs a file or a note"):
        actions.add_proof(own_coordinator, cycle=c, standard=standard(world, "own"), notes=" ")
    actions.close(pm, c, outcome=phases.WITHDRAWN, reason="Budget")
    with pytest.raises(ValidationError, match="withdrawn"):
        actions.add_proof(own_coordinator, cycle=c, standard=standard(world, "own"), notes="late")


def test_files_are_served_only_to_those_allowed(client, world, own_coordinator, pm):
    proof = actions.add_proof(own_coordinator, cycle=cycle(world, "own"), standard=standard(world, "own"), file=upload("m.pdf", PDF))
    url = reverse("accreditation:proof_file", args=[proof.pk])
    client.force_login(own_coordinator)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
    for outsider in (world.user(Role.AGENCY_COORDINATOR, agency=world.other, username="other-coord"),
                     world.user(Role.ASSESSOR, username="unassigned"), world.user(Role.AUDITOR)):
        client.force_login(outsider)
        assert client.get(url).status_code in (403, 404)
    assert not str(proof.file.name).startswith(str(settings.STATIC_URL).strip("/"))


def test_review_cycle_submit_needs_revision_resubmit_accept(world, own_coordinator, pm):
    assessor = world.user(Role.ASSESSOR, username="lead")
    c = cycle(world, "own")
    actions.assign_assessor(pm, c, assessor=assessor)
    proof = actions.add_proof(own_coordinator, cycle=c, standard=standard(world, "own"), notes="Draft")
    with pytest.raises(ValidationError, match="Only a submitted proof"):
        actions.review_proof(assessor, proof, decision="accepted")
    actions.submit_proof(own_coordinator, proof)
    with pytest.raises(ValidationError, match="Say what needs revision"):
        actions.review_proof(assessor, proof, decision="needs_revision", comment="")
    assert proof.reviews.count() == 0 and Proof.objects.get(pk=proof.pk).status == Proof.Status.SUBMITTED
    actions.review_proof(assessor, proof, decision="needs_revision", comment="Add the signature page")
    assert Proof.objects.get(pk=proof.pk).status == Proof.Status.NEEDS_REVISION
    actions.submit_proof(own_coordinator, Proof.objects.get(pk=proof.pk))
    actions.review_proof(assessor, Proof.objects.get(pk=proof.pk), decision="accepted")
    assert Proof.objects.get(pk=proof.pk).status == Proof.Status.ACCEPTED
    assert list(ProofReview.objects.values_list("decision", flat=True)) == ["accepted", "needs_revision"]
    with pytest.raises(PermissionDenied):
        actions.review_proof(world.user(Role.ASSESSOR, username="stranger"), Proof.objects.get(pk=proof.pk), decision="accepted")


def test_drafts_may_be_deleted_submitted_proofs_are_kept_four_years(world, own_coordinator, pm):
    c = cycle(world, "own")
    draft = actions.add_proof(own_coordinator, cycle=c, standard=standard(world, "own"), file=upload("d.pdf", PDF))
    kept = actions.add_proof(own_coordinator, cycle=c, standard=standard(world, "own"), notes="Kept", submit=True)
    actions.delete_proof(own_coordinator, draft)
    assert not Proof.objects.filter(pk=draft.pk).exists()
    with pytest.raises(ValidationError, match="kept until"):
        actions.delete_proof(own_coordinator, kept)
    assert actions.purge_expired_proofs(pm) == 0
    Proof.objects.filter(pk=kept.pk).update(retain_until=day(2020, 1, 1))
    assert actions.purge_expired_proofs(pm) == 1 and not Proof.objects.exists()
    assert AuditEntry.objects.filter(action="accreditation.proof.purge").count() == 1

"""Credential pages and API: forms with bad input, standing, renewals, coverage and exports."""
import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from puente.accounts.roles import Role
from puente.core.models import AuditEntry
from puente.credentials.models import CredentialType, Evaluation, IssuedCredential

from tests.credentials.fixtures import credential, credential_type, due, evaluation, with_evidence

TODAY = timezone.localdate()


@pytest.fixture
def pm_client(client, world):
    client.force_login(world.user(Role.PROGRAM_MANAGER))
    return client


def test_type_form_refuses_a_type_without_components(pm_client, world):
    body = {"code": "EMPTY", "name_en": "E", "name_es": "E", "country": "MX", "validity_months": 12, "renewal_window_months": 1,
            "components-TOTAL_FORMS": "2", "components-INITIAL_FORMS": "0"}
    response = pm_client.post(reverse("credentials:type_add"), body)
    assert response.status_code == 400
    assert "at least one component" in response.content.decode()
    assert not CredentialType.objects.filter(code="EMPTY").exists()
    body.update({"components-0-kind": "program"})  # a program component without a program
    response = pm_client.post(reverse("credentials:type_add"), body)
    assert response.status_code == 400 and "Component 1, program" in response.content.decode()


def test_type_form_creates_and_edits(pm_client, world):
    body = {"code": "MX-TEST", "name_en": "Test", "name_es": "Prueba", "country": "MX", "levels": ["state", "municipal"],
            "validity_months": 24, "renewal_window_months": 3, "is_active": "on",
            "components-TOTAL_FORMS": "2", "components-INITIAL_FORMS": "0",
            "components-0-kind": "vetting", "components-0-vetting_kind": "trust",
            "components-1-kind": "evaluation", "components-1-evaluation_kind": "firearms", "components-1-validity_months": "12"}
    response = pm_client.post(reverse("credentials:type_add"), body)
    assert response.status_code == 302
    created = CredentialType.objects.get(code="MX-TEST")
    assert created.levels == ["state", "municipal"] and [c.key for c in created.components.all()] == ["vetting:trust", "evaluation:firearms"]
    page = pm_client.get(reverse("credentials:type_edit", args=[created.pk])).content.decode()
    assert 'value="firearms" selected' in page
    detail = pm_client.get(created.get_absolute_url()).content.decode()
    assert "Firearms qualification" in detail and "12 months" in detail


def test_type_import_page_lists_every_error_and_writes_nothing(pm_client, world):
    upload = SimpleUploadedFile("types.yaml", b"credential_types:\n  - code: X\n    country: ZZ\n    validity_months: 0\n    components: []\n")
    response = pm_client.post(reverse("credentials:type_import"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "types.yaml, entry 1 (X), country" in page and "validity_months" in page
    assert not CredentialType.objects.exists()
    wrong = SimpleUploadedFile("types.txt", b"whatever")
    assert pm_client.post(reverse("credentials:type_import"), {"file": wrong}).status_code == 400


def test_type_export_imports_back(pm_client, world, capsys, tmp_path):
    credential_type(world, "own")
    exported = pm_client.get(reverse("credentials:type_export"))
    assert exported["Content-Type"].startswith("application/yaml")
    path = tmp_path / "types.yaml"
    path.write_bytes(exported.content)
    world.user(Role.PROGRAM_MANAGER, username="admin")
    call_command("credentials", "import-types", str(path), "--as", "admin")
    assert "0 credential types created, 1 updated" in capsys.readouterr().out


def test_import_types_command_reports_errors(world, tmp_path):
    from django.core.management.base import CommandError

    world.user(Role.PROGRAM_MANAGER, username="admin")
    path = tmp_path / "bad.json"
    path.write_text('{"credential_types": [{"code": "A", "country": "MX", "validity_months": 12, "components": []}]}')
    with pytest.raises(CommandError, match="bad.json, entry 1 \\(A\\), components"):
        call_command("credentials", "import-types", str(path), "--as", "admin")


def test_evaluation_form_refuses_a_future_date(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.user(Role.AGENCY_COORDINATOR))
    body = {"person": world.own_person.national_id, "kind": "performance", "evaluated_on": (TODAY + datetime.timedelta(days=3)).isoformat(),
            "result": "passed", "evaluator": "Comisión"}
    response = client.post(reverse("credentials:evaluation_add"), body)
    assert response.status_code == 400 and "future" in response.content.decode()
    assert not Evaluation.objects.exists()
    body["evaluated_on"] = TODAY.isoformat()
    body["evidence"] = SimpleUploadedFile("acta.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    assert client.post(reverse("credentials:evaluation_add"), body).status_code == 302
    assert Evaluation.objects.get().evidence_name == "acta.pdf"


def test_evidence_download_is_audited(client, world):
    record = with_evidence(world, "own")
    client.force_login(world.user(Role.AGENCY_COORDINATOR))
    response = client.get(reverse("credentials:evaluation_evidence", args=[record.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="credentials.evaluation.evidence", object_id=str(record.pk)).exists()


def test_issue_page_shows_the_engines_reasons(pm_client, world):
    kind = credential_type(world, "own")
    response = pm_client.post(reverse("credentials:credential_issue"),
                              {"credential_type": kind.pk, "person": world.own_person.national_id})
    assert response.status_code == 400 and "Firearms qualification is missing" in response.content.decode()
    evaluation(world, "own")
    response = pm_client.post(reverse("credentials:credential_issue"),
                              {"credential_type": kind.pk, "person": world.own_person.national_id})
    issued = IssuedCredential.objects.get()
    assert response.status_code == 302 and response["Location"] == issued.get_absolute_url()
    assert issued.serial == f"T-OWN-{TODAY.year}-000001"


def test_suspend_needs_a_reason(pm_client, world):
    issued = credential(world, "own")
    response = pm_client.post(reverse("credentials:credential_suspend", args=[issued.pk]), {"reason": ""})
    assert response.status_code == 400
    issued.refresh_from_db()
    assert issued.status == "current"


def test_person_page_and_my_credentials(client, world):
    evaluation(world, "own")
    issued = credential(world, "own")
    officer = world.user(Role.OFFICER)
    client.force_login(officer)
    page = client.get(reverse("credentials:mine")).content.decode()
    assert "Type own" in page and issued.serial in page and "Firearms qualification" in page
    client.force_login(world.user(Role.AGENCY_COORDINATOR))
    assert client.get(reverse("credentials:mine")).status_code == 404  # no person of their own
    page = client.get(reverse("credentials:person", args=[world.own_person.pk])).content.decode()
    assert issued.serial in page


def test_renewal_list_export_and_reminder_button(client, world, django_capture_on_commit_callbacks):
    from django.core import mail

    person = due(world, "own")
    kind = credential_type(world, "own")
    client.force_login(world.user(Role.AGENCY_COORDINATOR))
    url = reverse("credentials:renewal_list")
    page = client.get(url, {"credential_type": kind.pk, "months": 12}).content.decode()
    assert person.national_id in page and "1 result" in page
    assert person.national_id not in client.get(url, {"credential_type": kind.pk, "months": 6}).content.decode()
    exported = client.get(url, {"credential_type": kind.pk, "months": 12, "export": "csv"})
    text = b"".join(exported.streaming_content).decode("utf-8-sig")
    assert person.national_id in text and "expiring" not in text.splitlines()[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"credential_type": kind.pk, "agency": world.own.pk, "months": 12})
    assert response.status_code == 302 and len(mail.outbox) == 1
    assert client.post(url, {"credential_type": kind.pk, "agency": world.other.pk, "months": 12}).status_code == 400


def test_coverage_page_chart_and_exports(client, world):
    evaluation(world, "own")
    kind = credential_type(world, "own")
    client.force_login(world.user(Role.AUDITOR))
    response = client.get(reverse("credentials:coverage"), {"credential_type": kind.pk, "by": "agency"})
    page = response.content.decode()
    assert response.status_code == 200 and 'data-chart="coverage-chart"' in page
    chart = json.loads(page.split('id="coverage-chart" type="application/json">', 1)[1].split("</script>", 1)[0])
    assert chart["labels"] == ["Policía Municipal de Nogales (PMN)"] and chart["datasets"][0]["data"] == [100.0]
    exported = client.get(reverse("credentials:coverage"), {"credential_type": kind.pk, "export": "xlsx"})
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    earlier = client.get(reverse("credentials:coverage"), {"credential_type": kind.pk, "on_date": "2020-01-01"}).content.decode()
    assert "0.0" in earlier


def test_api_issue_refusal_coverage_and_standing(world):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world.user(Role.PROGRAM_MANAGER))
    kind = credential_type(world, "own")
    refused = api.post("/api/issued-credentials/", {"credential_type": kind.pk, "person": world.own_person.pk}, format="json")
    assert refused.status_code == 400 and "missing" in json.dumps(refused.json())
    evaluation(world, "own")
    issued = api.post("/api/issued-credentials/", {"credential_type": kind.pk, "person": world.own_person.pk}, format="json")
    assert issued.status_code == 201 and issued.json()["state"] == "current"
    suspended = api.post(f"/api/issued-credentials/{issued.json()['id']}/suspend/", {"reason": "Check"}, format="json")
    assert suspended.json()["status"] == "suspended"
    assert api.post(f"/api/issued-credentials/{issued.json()['id']}/suspend/", {}, format="json").status_code == 400
    figures = api.get("/api/credential-coverage/", {"type": kind.code}).json()
    assert figures["total"] == {"key": "all", "label": "All", "total": 1, "covered": 1, "percent": 100.0}
    assert api.get("/api/credential-coverage/", {"type": kind.code, "on": "yesterday"}).status_code == 400
    standing = api.get(f"/api/credential-standing/{world.own_person.pk}/").json()
    assert standing["credentials"][0]["status"] == "current"
    bad_type = api.post("/api/credential-types/", {"code": "X", "name_en": "X", "name_es": "X", "country": "MX", "validity_months": 12,
                                                   "renewal_window_months": 1, "components": []}, format="json")
    assert bad_type.status_code == 400 and "components" in bad_type.json()
    future = api.post("/api/evaluations/", {"person": world.own_person.pk, "kind": "performance", "result": "passed", "evaluator": "X",
                                            "evaluated_on": (TODAY + datetime.timedelta(days=1)).isoformat()}, format="json")
    assert future.status_code == 400 and "evaluated_on" in future.json()

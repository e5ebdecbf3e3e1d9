"""The annual report: every registry indicator, as HTML or PDF, English or Spanish, from the CLI
or as a background job from the UI, downloadable only by whoever asked for it."""
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from puente.accounts.roles import Role
from puente.core.models import Job
from puente.metrics import report
from tests.capacity.fixtures import capacity

from .fixtures import trained_world


@pytest.fixture
def data(world):
    world.me = None
    capacity(world)
    return trained_world(world)


def test_themed_sections_then_every_other_indicator(data, pm):
    html = report.build(pm, 2024, "en", "html").decode()
    for title in ("Demand and capacity", "Service rate by program", "People trained and growth", "Certification coverage",
                  "Accreditation", "Canine teams", "Satisfaction and follow-up", "Operational impact", "Hours per officer",
                  "Vetting currency"):
        assert f"<h2>{title}</h2>" in html
    assert "No figures for 2024." in html  # no allocation was published for FY2024
    assert "45 people completed at least one program in 2024: 275.0 % over 2023." in html
    assert "<svg" in html and "Policía Municipal de Nogales" in html


def test_spanish_pdf(data, pm):
    pdf = report.build(pm, 2024, "es", "pdf")
    assert pdf.startswith(b"%PDF")
    assert "Personas capacitadas" in report.build(pm, 2024, "es", "html").decode()


def test_a_coordinators_report_counts_their_agency(world, data):
    html = report.build(world.user(Role.AGENCY_COORDINATOR), 2024, "en", "html").decode()
    assert "Mexico" in html and "United States" not in html


def test_bad_options_are_refused(data, pm):
    with pytest.raises(ValueError, match="format must be"):
        report.build(pm, 2024, "en", "docx")
    with pytest.raises(ValueError, match="language must be"):
        report.build(pm, 2024, "fr", "pdf")


def test_the_command_writes_the_file(data, tmp_path):
    target = tmp_path / "informe.html"
    call_command("report", "annual", "--year", "2024", "--lang", "es", "--format", "html", "--output", str(target), verbosity=0)
    text = target.read_text()
    assert '<html lang="es">' in text and "Personas capacitadas" in text and "Estados Unidos" in text
    with pytest.raises(CommandError):
        call_command("report", "annual", "--year", "2024", "--format", "docx", verbosity=0)


def test_the_ui_runs_a_job_and_only_its_owner_downloads(world, data, pm, client):
    client.force_login(pm)
    response = client.post(reverse("metrics:report"), {"year": "2024", "language": "en", "fmt": "pdf"})
    assert response.status_code == 302
    job = Job.objects.get(kind="metrics.annual_report")
    assert job.state == "succeeded" and job.created_by == pm
    page = client.get(reverse("metrics:report")).content.decode()
    assert reverse("metrics:report_download", args=[job.pk]) in page
    download = client.get(reverse("metrics:report_download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf" and b"".join(download.streaming_content).startswith(b"%PDF")
    client.force_login(world.user(Role.AGENCY_COORDINATOR))
    assert client.get(reverse("metrics:report_download", args=[job.pk])).status_code == 404
    client.force_login(world.user(Role.AUDITOR))
    assert client.get(reverse("metrics:report")).status_code == 200
    assert client.post(reverse("metrics:report"), {"year": "2024", "language": "en", "fmt": "pdf"}).status_code == 403


def test_the_ui_refuses_bad_options(data, pm, client):
    client.force_login(pm)
    response = client.post(reverse("metrics:report"), {"year": "20x4", "language": "en", "fmt": "pdf"}, follow=True)
    assert "Choose a year, a language and a format." in response.content.decode()
    assert not Job.objects.filter(kind="metrics.annual_report").exists()

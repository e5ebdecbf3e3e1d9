"""Who sees which cycle: assessors only theirs, coordinators only their agency's, with progress and what is missing."""
import pytest
from django.urls import reverse

from puente.accounts.roles import Role
from puente.accreditation import actions, phases
from puente.accreditation.models import Proof

from tests.accreditation.fixtures import cycle


@pytest.fixture
def assessor(world):
    return world.user(Role.ASSESSOR, username="lead")


@pytest.fixture
def cycles(world, pm, assessor):
    mine, theirs = cycle(world, "own"), cycle(world, "other")
    actions.assign_assessor(pm, mine, assessor=assessor)
    return mine, theirs


def test_assessor_sees_only_assigned_cycles(client, world, assessor, cycles):
    mine, theirs = cycles
    client.force_login(assessor)
    listing = client.get(reverse("accreditation:cycle_list")).content.decode()
    assert mine.agency.name in listing and theirs.agency.name not in listing
    for name in ("accreditation:cycle_detail", "accreditation:cycle_findings", "accreditation:cycle_recommendation"):
        assert client.get(reverse(name, args=[mine.pk])).status_code == 200
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    standard = theirs.framework.standards.first()
    response = client.post(reverse("accreditation:cycle_findings", args=[theirs.pk]), {f"result_{standard.pk}": "compliant"})
    assert response.status_code == 404 and not theirs.findings.exists()
    api = client.get(reverse("api:accreditation-cycle-list")).json()
    assert [row["id"] for row in api["results"]] == [mine.pk]
    assert client.get(reverse("api:accreditation-cycle-detail", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("api:accreditation-finding-list"), {"cycle": theirs.pk, "standard": standard.pk, "result": "compliant"},
                           content_type="application/json")
    assert response.status_code == 400 and not theirs.findings.exists()


def test_assessor_records_findings_on_the_sheet(client, world, assessor, cycles):
    mine, _ = cycles
    client.force_login(assessor)
    due = [s for s in mine.framework.standards.all() if mine.tier in s.tiers]
    data = {f"result_{s.pk}": "compliant" for s in due} | {f"result_{due[0].pk}": "not_applicable", f"note_{due[0].pk}": "No holding area"}
    response = client.post(reverse("accreditation:cycle_findings", args=[mine.pk]), data)
    assert response.status_code == 302
    assert mine.findings.count() == len(due) and mine.findings.get(standard=due[0]).note == "No holding area"
    page = client.get(reverse("accreditation:cycle_findings", args=[mine.pk])).content.decode()
    assert "Eligible for accreditation." in page


def test_coordinator_sees_own_cycle_with_progress_and_missing_list(client, world, cycles):
    mine, theirs = cycles
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    first = mine.framework.standards.get(code="1.1")
    actions.add_proof(coordinator, cycle=mine, standard=first, notes="Decree of creation", submit=True)
    client.force_login(coordinator)
    page = client.get(reverse("accreditation:cycle_detail", args=[mine.pk])).content.decode()
    assert "<progress" in page and "Missing before the deadline of" in page
    due = [s for s in mine.framework.standards.all() if mine.tier in s.tiers]
    assert page.count('class="missing"') == 1 and f"{due[1].code} {due[1].title_en}" in page
    assert f"1.1 {first.title_en}</a> · no proof yet" not in page
    assert client.get(reverse("accreditation:cycle_detail", args=[theirs.pk])).status_code == 404
    listing = client.get(reverse("accreditation:cycle_list")).content.decode()
    assert theirs.agency.name not in listing
    assert client.get(reverse("accreditation:cycle_advance", args=[mine.pk])).status_code == 404  # coordinators do not move phases
    assert client.get(reverse("accreditation:cycle_findings", args=[mine.pk])).status_code == 403


def test_coordinator_cannot_upload_to_another_agency(client, world, cycles):
    _, theirs = cycles
    client.force_login(world.user(Role.AGENCY_COORDINATOR))
    url = reverse("accreditation:cycle_standard", args=[theirs.pk, theirs.framework.standards.first().pk])
    assert client.post(url, {"notes": "sneaky", "submit": "on"}).status_code == 404
    assert not Proof.objects.exists()


def test_program_manager_advances_from_the_detail_page(client, world, pm, cycles):
    mine, _ = cycles
    client.force_login(pm)
    page = client.get(reverse("accreditation:cycle_detail", args=[mine.pk])).content.decode()
    assert "Move to On-site assessment" in page
    response = client.post(reverse("accreditation:cycle_advance", args=[mine.pk]), {"to_phase": phases.ONSITE, "on": "2023-05-02"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.phase == phases.ONSITE and str(mine.phase_since) == "2023-05-02"
    api = client.post(reverse("api:accreditation-cycle-advance", args=[mine.pk]), {"to_phase": phases.ACCREDITED}, content_type="application/json")
    assert api.status_code == 400 and "can move only to Commission review" in str(api.json())

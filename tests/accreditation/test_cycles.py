"""Cycles: enrollment, phase changes in order (audited, dated), preconditions, closing, deadlines."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from puente.accounts.roles import Role
from puente.accreditation import actions, phases
from puente.accreditation.models import Cycle, Finding, OnsiteRecord, Proof
from puente.core.models import AuditEntry
from puente.registry.models import Agency

from tests.accreditation.fixtures import cycle, program, shipped

day = datetime.date


def enroll(world, pm, agency=None, **values):
    return actions.enroll(pm, program=program(world, "own"), agency=world.own if agency is None else agency, framework=shipped(world), tier="basic",
                          enrolled_on=day(2022, 3, 1), **values)


def test_enroll_and_advance_in_order_with_dates_and_audit(world, pm):
    c = enroll(world, pm)
    assert c.phase == phases.ENROLLMENT and c.deadline == day(2022, 6, 1)
    c = actions.advance(pm, c, to_phase=phases.SELF_ASSESSMENT, on=day(2022, 4, 2), note="Kick-off")
    assert c.phase_since == day(2022, 4, 2) and c.deadline == day(2025, 4, 2)  # 36 months for law enforcement
    history = list(c.phase_changes.values_list("from_phase", "to_phase", "changed_on", "note"))
    assert history == [("", "enrollment", day(2022, 3, 1), ""), ("enrollment", "self_assessment", day(2022, 4, 2), "Kick-off")]
    entry = AuditEntry.objects.get(action="accreditation.cycle.advance")
    assert entry.changes["phase"] == ["enrollment", "self_assessment"] and entry.actor == pm


def test_academies_have_24_months(world, pm):
    academy = Agency.objects.create(code="MX-SON-ACAD", name="Academia de Sonora", country=world.mx, jurisdiction=world.sonora,
                                    level="state", kind="training_academy")
    c = actions.enroll(pm, program=program(world, "own"), agency=academy, framework=shipped(world, "training_academy_2016.yaml"),
                       tier="basic", enrolled_on=day(2022, 3, 1))
    c = actions.advance(pm, c, to_phase=phases.SELF_ASSESSMENT, on=day(2022, 3, 1))
    assert c.deadline == day(2024, 3, 1)


@pytest.mark.parametrize("wanted, message", [
    (phases.ONSITE, "can move only to Self-assessment, not to On-site assessment"),
    (phases.ENROLLMENT, "can move only to Self-assessment, not to Enrollment"),
    ("nonsense", "not to nonsense"),
])
def test_out_of_order_is_refused_with_the_expected_phase(world, pm, wanted, message):
    c = enroll(world, pm)
    with pytest.raises(ValidationError, match=message):
        actions.advance(pm, c, to_phase=wanted, on=day(2022, 4, 1))
    c.refresh_from_db()
    assert c.phase == phases.ENROLLMENT and c.phase_changes.count() == 1
    assert not AuditEntry.objects.filter(action="accreditation.cycle.advance").exists()


def test_enrollment_refusals(world, pm):
    enroll(world, pm)
    with pytest.raises(ValidationError, match="already has an open cycle"):
        enroll(world, pm)
    academy = Agency.objects.create(code="MX-SON-C4", name="C4 Sonora", country=world.mx, jurisdiction=world.sonora, level="state",
                                    kind="communications_center")
    with pytest.raises(ValidationError) as caught:
        enroll(world, pm, agency=academy)
    assert "cannot enroll in the law enforcement agency program" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        actions.enroll(pm, program=program(world, "own"), agency=world.other, framework=shipped(world), tier="gold",
                       enrolled_on=day(2022, 1, 1))
    assert set(caught.value.message_dict) == {"agency", "tier"}
    with pytest.raises(PermissionDenied):
        enroll(world, world.user(Role.AGENCY_COORDINATOR))


def test_dates_cannot_go_back_or_ahead(world, pm):
    c = enroll(world, pm)
    with pytest.raises(ValidationError, match="before 2022-03-01"):
        actions.advance(pm, c, to_phase=phases.SELF_ASSESSMENT, on=day(2022, 2, 1))
    with pytest.raises(ValidationError, match="future"):
        actions.advance(pm, c, to_phase=phases.SELF_ASSESSMENT, on=timezone.localdate() + datetime.timedelta(days=1))


def test_remote_review_needs_every_proof_and_an_assessor(world, pm):
    c = cycle(world, "own", phase=phases.SELF_ASSESSMENT)
    with pytest.raises(ValidationError, match="standards still lack a submitted proof"):
        actions.advance(pm, c, to_phase=phases.REMOTE_REVIEW)
    for standard in c.framework.standards.all():
        if c.tier in standard.tiers:
            Proof.objects.create(cycle=c, standard=standard, notes="ok", status="submitted", retain_until=day(2030, 1, 1))
    with pytest.raises(ValidationError, match="Assign at least one assessor"):
        actions.advance(pm, c, to_phase=phases.REMOTE_REVIEW)
    actions.assign_assessor(pm, c, assessor=world.user(Role.ASSESSOR, username="lead"), lead=True)
    assert actions.advance(pm, c, to_phase=phases.REMOTE_REVIEW).phase == phases.REMOTE_REVIEW


def test_assigning_someone_who_is_not_an_assessor_is_refused(world, pm):
    with pytest.raises(ValidationError, match="does not hold the assessor role"):
        actions.assign_assessor(pm, cycle(world, "own"), assessor=world.user(Role.REGISTRAR))


def test_commission_needs_recommendation_and_hearings_then_eligibility(world, pm):
    assessor = world.user(Role.ASSESSOR, username="lead")
    c = cycle(world, "own", phase=phases.ONSITE)
    actions.assign_assessor(pm, c, assessor=assessor)
    with pytest.raises(ValidationError, match="recommendation"):
        actions.advance(pm, c, to_phase=phases.COMMISSION)
    actions.record_recommendation(assessor, c, verdict="accredit", summary="Ready")
    actions.record_onsite(assessor, c, kind=OnsiteRecord.Kind.PUBLIC_COMMENT, held_on=day(2023, 2, 1), participants="Public", summary="Heard")
    with pytest.raises(ValidationError, match="public comment session and at least one interview"):
        actions.advance(pm, c, to_phase=phases.COMMISSION)
    actions.record_onsite(assessor, c, kind=OnsiteRecord.Kind.INTERVIEW, held_on=day(2023, 2, 1), participants="Chief", summary="Said")
    c = actions.advance(pm, c, to_phase=phases.COMMISSION, on=day(2023, 3, 1))
    due = [s for s in c.framework.standards.all() if c.tier in s.tiers]
    mandatory = [s for s in due if s.mandatory]
    others = [s for s in due if not s.mandatory]
    results = {s: ("compliant", "") for s in due}
    results[mandatory[0]] = ("non_compliant", "Missing")
    actions.record_findings(pm, c, results)
    with pytest.raises(ValidationError, match="Not eligible"):
        actions.advance(pm, c, to_phase=phases.ACCREDITED)
    actions.record_findings(pm, c, {mandatory[0]: ("compliant", "")} | {s: ("non_compliant", "") for s in others[: len(others) // 5]})
    c = actions.advance(pm, c, to_phase=phases.ACCREDITED, on=day(2023, 6, 1))
    assert c.accredited_on == day(2023, 6, 1) and c.deadline == day(2024, 6, 1) and c.period == 1


def test_findings_are_the_assigned_assessors_and_change_in_place(world, pm):
    assessor = world.user(Role.ASSESSOR, username="lead")
    c = cycle(world, "own")
    standard = c.framework.standards.get(code="1.1")
    with pytest.raises(PermissionDenied):
        actions.record_findings(assessor, c, {standard: ("compliant", "")})
    actions.assign_assessor(pm, c, assessor=assessor)
    assert actions.record_findings(assessor, c, {standard: ("compliant", "")}) == 1
    assert actions.record_findings(assessor, c, {standard: ("non_compliant", "Expired")}) == 1
    assert Finding.objects.get().result == "non_compliant"
    with pytest.raises(PermissionDenied):
        actions.record_findings(world.user(Role.ASSESSOR, username="stranger"), c, {standard: ("compliant", "")})
    early = cycle(world, "other", phase=phases.SELF_ASSESSMENT)
    with pytest.raises(ValidationError, match="from the remote file review on"):
        actions.record_findings(pm, early, {early.framework.standards.first(): ("compliant", "")})


def test_withdraw_or_remove_at_any_phase_with_a_reason(world, pm):
    c = cycle(world, "own")
    with pytest.raises(ValidationError, match="Give the reason"):
        actions.close(pm, c, outcome=phases.WITHDRAWN, reason="  ")
    c = actions.close(pm, c, outcome=phases.REMOVED, reason="Did not correct findings", on=day(2023, 5, 1))
    assert c.phase == phases.REMOVED and c.closed_on == day(2023, 5, 1) and c.deadline is None
    assert c.phase_changes.last().note == "Did not correct findings"
    assert AuditEntry.objects.filter(action="accreditation.cycle.removed").exists()
    with pytest.raises(ValidationError, match="closed"):
        actions.advance(pm, c, to_phase=phases.ONSITE)
    with pytest.raises(ValidationError, match="already closed"):
        actions.close(pm, c, outcome=phases.WITHDRAWN, reason="Again")


def test_advance_page_shows_the_refusal(client, world, pm):
    client.force_login(pm)
    c = cycle(world, "own")
    response = client.post(reverse("accreditation:cycle_advance", args=[c.pk]), {"to_phase": phases.COMMISSION, "on": "2023-06-01"})
    assert response.status_code == 400
    assert "can move only to On-site assessment, not to Commission review" in response.content.decode()
    assert Cycle.objects.get(pk=c.pk).phase == phases.REMOTE_REVIEW


def test_overdue_flag_filter_and_command(client, world, pm, capsys):
    late = cycle(world, "own")  # remote review since January 2023: three months, long past
    assert late.is_overdue
    client.force_login(pm)
    page = client.get(reverse("accreditation:cycle_list"), {"overdue": "true"}).content.decode()
    assert late.agency.name in page
    world.user(Role.PROGRAM_MANAGER, username="admin")  # the command acts as "admin" by default
    call_command("accreditation", "overdue")
    out = capsys.readouterr().out
    assert late.agency.code in out and "1 overdue cycle(s)." in out

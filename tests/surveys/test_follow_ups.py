"""Follow-up surveys (Kirkpatrick level 3): opened three months after completion, answered once
by the officer's agency within its window, results per program with small groups hidden."""
import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from puente.accounts.roles import Role
from puente.capacity.models import Session
from puente.core.models import AuditEntry
from puente.records.models import Enrollment
from puente.surveys import actions, results
from puente.surveys.models import FollowUpSurvey

from tests.capacity.fixtures import capacity
from tests.surveys.fixtures import completed, follow_up

GOOD = {"skills_used": 5, "performance": 4, "recommend": 5}


def ended(world, end: datetime.date) -> Session:
    cap = capacity(world)
    return Session.objects.create(program=cap["program"], site=cap["site"]["own"], start_date=end - datetime.timedelta(days=4),
                                  end_date=end, seats=20, language="es")


def test_follow_ups_open_three_to_six_months_after_completion(world, django_capture_on_commit_callbacks):
    today = datetime.date(2025, 6, 1)
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    coordinator.email = "coordinacion@nogales.gob.mx"
    coordinator.save()
    due = [completed(world, ended(world, datetime.date(2025, 2, 20))) for _ in range(2)]  # 101 days ago
    too_recent = completed(world, ended(world, datetime.date(2025, 4, 1)))
    too_old = completed(world, ended(world, datetime.date(2024, 11, 1)))
    failed = completed(world, ended(world, datetime.date(2025, 2, 21)))
    failed.status = Enrollment.Status.FAILED
    failed.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.open_follow_ups(today=today) == 2
        assert actions.open_follow_ups(today=today) == 0  # once each
    opened = FollowUpSurvey.objects.order_by("pk")
    assert [f.enrollment for f in opened] == due
    assert (opened[0].opens_on, opened[0].closes_on) == (datetime.date(2025, 5, 22), datetime.date(2025, 8, 22))
    assert not FollowUpSurvey.objects.filter(enrollment__in=[too_recent, too_old, failed]).exists()
    assert AuditEntry.objects.filter(action="surveys.followupsurvey.open").count() == 2
    # One e-mail to the coordinator of the officers' agency, in Spanish first (a Mexican agency), then English.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["coordinacion@nogales.gob.mx"]
    assert "2 officers of your agency" in mail.outbox[0].body


def test_command_opens_follow_ups(world):
    world.user(Role.PROGRAM_MANAGER, username="admin")
    completed(world, ended(world, datetime.date(2025, 2, 20)))
    call_command("surveys", "follow-ups", "--date", "2025-06-01")
    assert FollowUpSurvey.objects.count() == 1
    with pytest.raises(Exception, match="not a date"):
        call_command("surveys", "follow-ups", "--date", "June")


def test_coordinator_answers_once_within_the_window(world, client):
    own = follow_up(world, "own")
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    client.force_login(coordinator)
    listing = client.get(reverse("surveys:follow_up_list")).content.decode()
    assert world.own_person.family_names in listing and world.other_person.family_names not in listing
    response = client.post(reverse("surveys:follow_up_answer", args=[own.pk]), GOOD | {"comment": "Lo aplica en cada revisión."})
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.status, own.skills_used, own.answered_by) == ("answered", 5, coordinator)
    page = client.get(reverse("surveys:follow_up_answer", args=[own.pk])).content.decode()
    assert 'id="answers-head"' in page and "Lo aplica" in page and "<form method=\"post\" class=\"form\"" not in page
    again = client.post(reverse("surveys:follow_up_answer", args=[own.pk]), GOOD | {"skills_used": 1}, follow=True)
    assert "already answered" in again.content.decode()
    assert FollowUpSurvey.objects.get(pk=own.pk).skills_used == 5
    assert client.post(reverse("surveys:follow_up_answer", args=[follow_up(world, "other").pk]), GOOD).status_code == 404


def test_window_and_bad_input(world, client):
    own = follow_up(world, "own")
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    client.force_login(coordinator)
    bad = client.post(reverse("surveys:follow_up_answer", args=[own.pk]), {"skills_used": "9", "performance": "4"})
    assert bad.status_code == 400
    assert set(bad.context["form"].errors) == {"skills_used", "recommend"}
    own.opens_on = own.closes_on - datetime.timedelta(days=1)
    own.closes_on = own.opens_on + datetime.timedelta(days=90)
    own.save()
    with pytest.raises(ValidationError, match="opens on"):
        actions.answer_follow_up(coordinator, own, GOOD)
    own.opens_on, own.closes_on = datetime.date(2020, 1, 1), datetime.date(2020, 4, 1)
    own.save()
    with pytest.raises(ValidationError, match="closed on"):
        actions.answer_follow_up(coordinator, own, GOOD)
    assert FollowUpSurvey.objects.get(pk=own.pk).status == "pending"


def test_only_the_agency_answers(world):
    own = follow_up(world, "own")
    for role in (Role.PROGRAM_MANAGER, Role.OFFICER, Role.REGISTRAR):
        with pytest.raises(PermissionDenied):
            actions.answer_follow_up(world.user(role, username=f"u-{role}"), own, GOOD)
    with pytest.raises(PermissionDenied):
        actions.answer_follow_up(world.user(Role.AGENCY_COORDINATOR, agency=world.other, username="other-coord"), own, GOOD)


def test_results_per_program_with_suppression(world, client):
    cap = capacity(world)
    today = datetime.date.today()
    session = ended(world, today - datetime.timedelta(days=100))
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    for index, skills in enumerate([5, 4, 4, 2, 5, 4, None, None]):
        enrollment = completed(world, session)
        survey = FollowUpSurvey.objects.create(enrollment=enrollment, agency=enrollment.agency, opens_on=today - datetime.timedelta(days=9),
                                               closes_on=today + datetime.timedelta(days=80))
        if skills:
            actions.answer_follow_up(coordinator, survey, GOOD | {"skills_used": skills})
    # Not yet open: not counted as invited.
    future = completed(world, session)
    FollowUpSurvey.objects.create(enrollment=future, agency=future.agency, opens_on=today + datetime.timedelta(days=5),
                                  closes_on=today + datetime.timedelta(days=90))
    report = results.follow_up_report(FollowUpSurvey.objects.all(), "program")
    row = report["rows"][0]
    assert (row.invited, row.responses, row.satisfied, row.satisfied_share) == (8, 6, 5, 5 / 6)
    assert row.response_rate == 6 / 8 and row.means["skills_used"] == 4
    client.force_login(world.user(Role.PROGRAM_MANAGER))
    api = client.get(reverse("api:followupsurvey-results"), {"by": "fiscal_year"}).json()
    assert api["total"]["responses"] == 6 and api["results"][0]["satisfied_share"] == 5 / 6
    assert client.get(reverse("api:followupsurvey-results"), {"by": "session"}).status_code == 400
    assert client.get(reverse("api:followupsurvey-results"), {"program": "x"}).status_code == 400
    page = client.get(reverse("surveys:follow_up_results"), {"by": "site"}).content.decode()
    assert "83.3 %" in page
    # Another academy with two answers is hidden, and the first with it (else the total gives it away).
    other = Session.objects.create(program=cap["program"], site=cap["site"]["other"], start_date=today - datetime.timedelta(days=110),
                                   end_date=today - datetime.timedelta(days=100), seats=20, language="en")
    for _ in range(2):
        enrollment = completed(world, other)
        survey = FollowUpSurvey.objects.create(enrollment=enrollment, agency=world.own, opens_on=today - datetime.timedelta(days=9),
                                               closes_on=today + datetime.timedelta(days=80))
        actions.answer_follow_up(coordinator, survey, GOOD)
    by_site = results.follow_up_report(FollowUpSurvey.objects.all(), "site")
    assert all(r.suppressed for r in by_site["rows"]) and by_site["total"].responses == 8

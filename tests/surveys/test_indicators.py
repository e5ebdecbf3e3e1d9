"""Survey results in the metrics registry: satisfaction (level 1) and follow-ups (level 3), with
the survey pages' minimum group size for every reader and for the public view."""
import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from puente.accounts.roles import Role
from puente.metrics import public, registry
from puente.metrics.registry import Scope
from puente.surveys import results
from puente.surveys.indicators import applied_share, response_rate, satisfied_share
from puente.surveys.models import FOLLOW_UP_RATINGS, FollowUpSurvey
from tests.capacity.fixtures import capacity

from .fixtures import completed, responses


@pytest.fixture
def answered(world):
    """Six responses on the Sonora session (five satisfied), three on the Arizona one (all satisfied);
    eight follow-ups of Nogales officers: six answered, five of them saying the skills are used."""
    cap = capacity(world)
    responses(world, cap["session"]["own"], [5, 5, 4, 4, 3, 5])
    responses(world, cap["session"]["other"], [5, 5, 5])
    today = timezone.localdate()
    for index in range(8):
        enrollment = completed(world, cap["session"]["own"], agency=world.own)
        rating = 5 if index < 5 else 2
        done = {"status": FollowUpSurvey.Status.ANSWERED, "answered_on": today, **{name: rating for name in FOLLOW_UP_RATINGS}} if index < 6 else {}
        FollowUpSurvey.objects.create(enrollment=enrollment, agency=world.own, opens_on=today - datetime.timedelta(days=10),
                                      closes_on=today + datetime.timedelta(days=80), **done)
    return cap["session"]["own"].fiscal_year


def test_formulas():
    assert satisfied_share({"responses": 50, "satisfied": 49}).value == 0.98
    assert response_rate({"invited": 8, "responses": 6, "applied": 5}).value == 0.75
    assert applied_share({"invited": 8, "responses": 6, "applied": 5}).value == pytest.approx(5 / 6)
    assert satisfied_share({"responses": 0, "satisfied": 0}).value is None


def test_satisfaction_hides_groups_the_survey_pages_hide(world, answered, pm):
    total = registry.evaluate("satisfaction", Scope(pm), answered).total
    assert total.parts == {"responses": 9, "satisfied": 8}
    by_place = registry.evaluate("satisfaction", Scope(pm), answered, ("agency",))
    # Arizona's three responses are too few, and Sonora's six would give them away from the total.
    assert all(row.parts == {"responses": None, "satisfied": None} and row.value.value is None for row in by_place.rows)
    page = results.report(results.visible(pm), "site")
    assert all(row.suppressed for row in page["rows"]) and page["total"].responses == 9
    with override_settings(PUENTE_SURVEY_MIN_RESPONSES=3):
        shown = {row.key: row.parts for row in registry.evaluate("satisfaction", Scope(pm), answered, ("agency",)).rows}
    assert shown == {(world.own.pk,): {"responses": 6, "satisfied": 5}, (world.other.pk,): {"responses": 3, "satisfied": 3}}
    by_program = registry.evaluate("satisfaction", Scope(pm), answered, ("program",))
    assert [(row.key, row.value.value) for row in by_program.rows] == [(("TMED",), pytest.approx(8 / 9))]


def test_a_coordinator_reads_the_sessions_their_officers_completed(world, answered, pm):
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    assert registry.evaluate("satisfaction", Scope(coordinator), answered).total.parts == {"responses": 6, "satisfied": 5}
    assert registry.evaluate("satisfaction", Scope(world.user(None)), answered).total.value.value is None
    assert registry.years("satisfaction", Scope(pm)) == [answered]


def test_follow_ups_response_rate_and_skills_used(world, answered, pm):
    rate = registry.evaluate("follow_up_response_rate", Scope(pm), answered, ("program",))
    assert rate.rows[0].parts == {"invited": 8, "responses": 6, "applied": 5} and rate.total.value.value == 0.75
    assert registry.evaluate("skills_applied", Scope(pm), answered).total.value.value == pytest.approx(5 / 6)
    coordinator = registry.evaluate("skills_applied", Scope(world.user(Role.AGENCY_COORDINATOR)), answered, ("agency",))
    assert [row.key for row in coordinator.rows] == [(world.own.pk,)]
    with override_settings(PUENTE_SURVEY_MIN_RESPONSES=7):
        assert registry.evaluate("skills_applied", Scope(pm), answered).total.value.value is None


def test_the_public_view_never_shows_fewer_responses_than_the_survey_pages(world, answered):
    with override_settings(PUENTE_PUBLIC_MIN_CELL=2, PUENTE_SURVEY_MIN_RESPONSES=5):
        table = public.published("satisfaction")
        trained = public.published("people-trained")
    assert table.k == 5 and trained.k == 2
    shown = [cell for cell, value in table.counts["responses"].items() if cell not in table.suppressed]
    assert shown and all(table.counts["responses"][cell] >= 5 for cell in shown)
    arizona = next(key for key, label, _depth in table.rows if label == "Arizona")
    assert (arizona, answered) in table.suppressed

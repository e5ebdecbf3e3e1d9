"""Outcome surveys: sent to a program's agencies, answered by coordinators for their agency, results per program type."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from puente.accounts.roles import Role
from puente.accreditation import actions
from puente.accreditation.models import Cycle, OutcomeResponse, SurveyInvitation
from puente.accreditation.views import survey_results

from tests.accreditation.fixtures import cycle, program

day = datetime.date
ANSWERS = {"processes": 5, "collaboration": 4, "improvement": 4, "pride": 5, "community": 2, "comment": "Más orgullo"}


def make_survey(world, pm, **values):
    cycle(world, "own")
    today = datetime.date.today()
    return actions.create_survey(pm, program=program(world, "own"), title_en="Outcomes", title_es="Resultados",
                                 opened_on=today - datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=9), **values)


def test_survey_invites_the_programs_agencies(world, pm):
    with pytest.raises(ValidationError, match="no agency to ask"):
        make_survey(world, pm, accredited_only=True)
    survey = make_survey(world, pm, accredited_only=False)
    assert list(survey.invitations.values_list("agency", flat=True)) == [world.own.pk]
    Cycle.objects.update(accredited_on=day(2023, 1, 1))
    assert make_survey(world, pm).invitations.count() == 1


def test_coordinator_answers_for_their_agency_and_may_change_until_it_closes(client, world, pm):
    survey = make_survey(world, pm, accredited_only=False)
    invitation = survey.invitations.get()
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    client.force_login(coordinator)
    form = client.get(reverse("accreditation:survey_respond", args=[invitation.pk])).content.decode()
    assert "Our agency updated its processes, standards and written directives." in form
    response = client.post(reverse("accreditation:survey_respond", args=[invitation.pk]), ANSWERS)
    assert response.status_code == 302 and OutcomeResponse.objects.get().answered_by == coordinator
    client.post(reverse("accreditation:survey_respond", args=[invitation.pk]), ANSWERS | {"community": 4})
    assert OutcomeResponse.objects.get().community == 4 and OutcomeResponse.objects.count() == 1
    other = world.user(Role.AGENCY_COORDINATOR, agency=world.other, username="other-coordinator")
    client.force_login(other)
    assert client.get(reverse("accreditation:survey_respond", args=[invitation.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        actions.answer_survey(pm, invitation, **ANSWERS)
    survey.closes_on = day(2020, 1, 1)
    survey.save()
    with pytest.raises(ValidationError, match="closed"):
        actions.answer_survey(coordinator, SurveyInvitation.objects.get(pk=invitation.pk), **ANSWERS)


def test_results_per_program_type(world, pm):
    survey = make_survey(world, pm, accredited_only=False)
    invitation = survey.invitations.get()
    OutcomeResponse.objects.create(invitation=invitation, **ANSWERS)
    academy = SurveyInvitation.objects.create(survey=survey, agency=world.other, program_type="training_academy")
    OutcomeResponse.objects.create(invitation=academy, **(ANSWERS | {"processes": 3}))
    results = survey_results(OutcomeResponse.objects.all())
    assert results["count"] == 2 and [str(t) for t in results["types"]] == ["Law enforcement agency", "Public safety training academy"]
    processes = results["table"][0]
    assert processes["overall"] == 0.5 and processes["by_type"] == [1.0, 0.0]
    assert results["table"][4]["overall"] == 0.0  # community answered 2: not reported
    assert results["chart"]["datasets"][0]["data"][0] == 100.0

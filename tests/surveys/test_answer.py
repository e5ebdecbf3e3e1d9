"""Answering: once, only by the enrollment's officer, nothing stored with the officer's name."""
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from puente.accounts.roles import Role
from puente.core.models import AuditEntry
from puente.surveys import actions
from puente.surveys.models import SatisfactionResponse, SatisfactionSurvey

from tests.capacity.fixtures import capacity
from tests.surveys.fixtures import completed, survey

GOOD = {"overall": 5, "relevance": 4, "instructor": 5, "facilities": 3, "recommend": 5}


@pytest.fixture
def officer(world):
    return world.user(Role.OFFICER)


def test_the_officer_answers_once(world, officer, client):
    pending = survey(world, "own")
    client.force_login(officer)
    page = client.get(reverse("surveys:mine")).content.decode()
    assert reverse("surveys:answer", args=[pending.pk]) in page
    response = client.post(reverse("surveys:answer", args=[pending.pk]), GOOD | {"comment": "  Muy útil.  "}, follow=True)
    assert "recorded without your name" in response.content.decode()
    stored = SatisfactionResponse.objects.get()
    assert (stored.overall, stored.facilities, stored.comment) == (5, 3, "Muy útil.")
    assert stored.session_survey.session == pending.enrollment.session
    pending.refresh_from_db()
    assert pending.status == SatisfactionSurvey.Status.ANSWERED and pending.answered_on

    again = client.post(reverse("surveys:answer", args=[pending.pk]), GOOD, follow=True)
    assert "You already answered this survey" in again.content.decode()
    assert SatisfactionResponse.objects.count() == 1
    # Opening the form again also says so, instead of showing it.
    assert "You already answered this survey" in client.get(reverse("surveys:answer", args=[pending.pk]), follow=True).content.decode()
    with pytest.raises(ValidationError, match="already answered"):
        actions.answer_survey(officer, pending, GOOD)


def test_only_the_enrollments_officer_may_answer(world, officer, client):
    theirs = actions.open_satisfaction_survey(completed(world, capacity(world)["session"]["own"]))  # a colleague's
    colleague = world.user(None, username="colleague")
    colleague.role_assignments.create(role=Role.OFFICER, agency=world.own)
    client.force_login(officer)
    assert client.get(reverse("surveys:answer", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("surveys:answer", args=[theirs.pk]), GOOD).status_code == 404
    with pytest.raises(PermissionDenied):
        actions.answer_survey(colleague, theirs, GOOD)
    pm = world.user(Role.PROGRAM_MANAGER)
    with pytest.raises(PermissionDenied):
        actions.answer_survey(pm, theirs, GOOD)
    client.force_login(pm)
    assert client.get(reverse("surveys:mine")).status_code == 403
    assert not SatisfactionResponse.objects.exists()


@pytest.mark.parametrize("bad, field", [
    ({"overall": "0"}, "overall"), ({"relevance": "6"}, "relevance"), ({"instructor": "good"}, "instructor"),
    ({"recommend": ""}, "recommend"), ({"comment": "x" * 2001}, "comment"),
])
def test_bad_answers_are_refused_by_field_and_nothing_is_written(world, officer, client, bad, field):
    pending = survey(world, "own")
    client.force_login(officer)
    response = client.post(reverse("surveys:answer", args=[pending.pk]), {k: str(v) for k, v in GOOD.items()} | bad)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not SatisfactionResponse.objects.exists()
    assert SatisfactionSurvey.objects.get(pk=pending.pk).status == SatisfactionSurvey.Status.PENDING


def test_the_action_checks_the_scale_too(world, officer):
    with pytest.raises(ValidationError) as caught:
        actions.answer_survey(officer, survey(world, "own"), GOOD | {"overall": 9})
    assert "overall" in caught.value.message_dict
    assert not SatisfactionResponse.objects.exists()


def test_nothing_ties_an_answer_to_its_officer(world, officer):
    pending = survey(world, "own")
    stored = actions.answer_survey(officer, pending, GOOD, "El instructor fue excelente.")
    relations = {f.name for f in SatisfactionResponse._meta.get_fields() if f.is_relation}
    assert relations == {"session_survey"}
    # A random id: the order of responses says nothing about the order officers answered in.
    assert isinstance(stored.pk, uuid.UUID)
    # The audit log says who answered which survey, never what they answered.
    entries = AuditEntry.objects.filter(actor=officer)
    assert [e.action for e in entries] == ["surveys.satisfactionsurvey.answer"]
    text = str([(e.changes, e.object_repr, e.object_id) for e in entries])
    assert "excelente" not in text and str(stored.pk) not in text and "overall" not in text


def test_api_answer_once_and_bad_input(world, officer, client):
    pending = survey(world, "own")
    client.force_login(officer)
    url = reverse("api:satisfactionsurvey-answer", args=[pending.pk])
    listed = client.get(reverse("api:satisfactionsurvey-list")).json()
    assert [row["id"] for row in listed["results"]] == [pending.pk] and listed["results"][0]["status"] == "pending"
    bad = client.post(url, GOOD | {"overall": 7}, content_type="application/json")
    assert bad.status_code == 400 and "overall" in bad.json()
    missing = client.post(url, {"overall": 4}, content_type="application/json")
    assert missing.status_code == 400 and set(missing.json()) == {"relevance", "instructor", "facilities", "recommend"}
    assert client.post(url, GOOD, content_type="application/json").status_code == 201
    again = client.post(url, GOOD, content_type="application/json")
    assert again.status_code == 400 and "already answered" in again.json()[0]
    assert SatisfactionResponse.objects.count() == 1

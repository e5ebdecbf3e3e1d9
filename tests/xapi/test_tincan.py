"""A real xAPI client from PyPI (TinCanPython) against a running server."""
import json
import uuid
from decimal import Decimal

import pytest
from tincan import (
    Activity, ActivityDefinition, Agent, AgentAccount, Context, LanguageMap, RemoteLRS, Result, Score, StateDocument,
    Statement, StatementRef, Verb,
)

from puente.accounts.roles import Role
from puente.catalog.models import Domain, Program
from puente.records.models import TrainingRecord
from puente.registry.models import Country
from puente.xapi import actions
from puente.xapi.models import UnmatchedOutcome
from tests.conftest import World

COURSE = "https://lms.example.org/courses/human-rights-101"
COMPLETED = Verb(id="http://adlnet.gov/expapi/verbs/completed", display=LanguageMap({"en-US": "completed"}))
EXPERIENCED = Verb(id="http://adlnet.gov/expapi/verbs/experienced", display=LanguageMap({"en-US": "experienced"}))


@pytest.fixture
def world(transactional_db):
    """The shared world on a database the live server's thread can see."""
    Country.objects.update_or_create(code="US", defaults={"name_en": "United States", "name_es": "Estados Unidos"})
    Country.objects.update_or_create(code="MX", defaults={"name_en": "Mexico", "name_es": "México"})
    return World()


@pytest.fixture
def remote(live_server, world):
    pm = world.user(Role.PROGRAM_MANAGER)
    credential, secret = actions.issue_credential(pm, "TinCan LMS", world.own)
    domain = Domain.objects.create(code="RIGHTS", name_en="Human rights", name_es="Derechos humanos")
    program = Program.objects.create(code="DH-EL", title_en="Human rights online", title_es="Derechos humanos en línea",
                                     domain=domain, hours=Decimal("10"), delivery_mode=Program.DeliveryMode.E_LEARNING, languages=["es"])
    actions.link_activity(pm, COURSE, program)
    return RemoteLRS(version="1.0.3", endpoint=f"{live_server.url}/xapi/", username=credential.key, password=secret)


def course():
    return Activity(id=COURSE, definition=ActivityDefinition(name=LanguageMap({"en-US": "Human rights", "es-MX": "Derechos humanos"})))


def officer(world):
    return Agent(name="Lucía Ramírez", account=AgentAccount(home_page="https://cuip.sesnsp.gob.mx", name=world.own_person.national_id))


def test_about(remote):
    response = remote.about()
    assert response.success
    assert "1.0.3" in response.content.version


def test_save_retrieve_query_and_page(remote, world):
    saved = remote.save_statement(Statement(actor=officer(world), verb=EXPERIENCED, object=course()))
    assert saved.success, saved.data
    statement_id = saved.content.id
    got = remote.retrieve_statement(statement_id)
    assert got.success and got.content.actor.account.name == world.own_person.national_id
    assert got.content.authority.account.name  # the credential, set by the LRS

    batch = [Statement(actor=Agent(mbox=f"mailto:learner{i}@example.org"), verb=EXPERIENCED, object=course(),
                       result=Result(score=Score(scaled=0.5 + i / 20), success=True)) for i in range(5)]
    stored = remote.save_statements(batch)
    assert stored.success and all(s.id for s in stored.content)

    first = remote.query_statements({"verb": EXPERIENCED, "limit": 2, "ascending": True})
    assert first.success, first.data
    seen = [s.id for s in first.content.statements]
    result = first.content
    while result.more:
        page = remote.more_statements(result)
        assert page.success, page.data
        result = page.content
        seen += [s.id for s in result.statements]
    assert len(seen) == 6 and str(seen[0]) == str(statement_id)

    by_agent = remote.query_statements({"agent": Agent(mbox="mailto:learner3@example.org")})
    assert [str(s.id) for s in by_agent.content.statements] == [str(stored.content[3].id)]


def test_completion_reaches_the_transcript_and_unknown_learners_wait(remote, world):
    done = remote.save_statement(Statement(actor=officer(world), verb=COMPLETED, object=course(),
                                           context=Context(registration=str(uuid.uuid4()))))
    assert done.success, done.data
    record = TrainingRecord.objects.get()
    assert record.person == world.own_person and record.result == "completed"
    stranger = remote.save_statement(Statement(actor=Agent(mbox="mailto:stranger@example.org"), verb=COMPLETED, object=course()))
    assert stranger.success
    assert UnmatchedOutcome.objects.get().actor_ifi == "mbox:mailto:stranger@example.org"


def test_voiding_through_the_client(remote, world):
    target = remote.save_statement(Statement(actor=officer(world), verb=EXPERIENCED, object=course())).content
    voiding = remote.save_statement(Statement(actor=Agent(mbox="mailto:admin@example.org"),
                                              verb=Verb(id="http://adlnet.gov/expapi/verbs/voided"),
                                              object=StatementRef(id=target.id)))
    assert voiding.success, voiding.data
    assert not remote.retrieve_statement(target.id).success
    assert remote.retrieve_voided_statement(target.id).success


def test_conflicting_statement_is_refused(remote, world):
    statement_id = str(uuid.uuid4())
    assert remote.save_statement(Statement(id=statement_id, actor=officer(world), verb=EXPERIENCED, object=course())).success
    conflict = remote.save_statement(Statement(id=statement_id, actor=officer(world), verb=COMPLETED, object=course()))
    assert not conflict.success and conflict.response.status == 409


def test_state_documents(remote, world):
    state = StateDocument(id="bookmark", activity=course(), agent=officer(world), content=json.dumps({"page": 7}),
                          content_type="application/json")
    assert remote.save_state(state).success
    got = remote.retrieve_state(course(), officer(world), "bookmark")
    assert got.success and json.loads(got.content.content) == {"page": 7}
    ids = remote.retrieve_state_ids(course(), officer(world))
    assert ids.success and ids.content == ["bookmark"]
    assert remote.delete_state(got.content).success
    assert remote.retrieve_state_ids(course(), officer(world)).content == []


def test_wrong_secret_is_refused(live_server, world):
    pm = world.user(Role.PROGRAM_MANAGER)
    credential, _ = actions.issue_credential(pm, "TinCan LMS", world.own)
    lrs = RemoteLRS(version="1.0.3", endpoint=f"{live_server.url}/xapi/", username=credential.key, password="wrong")
    response = lrs.save_statement(Statement(actor=Agent(mbox="mailto:a@example.org"), verb=EXPERIENCED, object=course()))
    assert not response.success and response.response.status == 401

"""The Statement resource and the request rules (Communication 1–3) through Django's test client."""
import json
import time
import uuid

import pytest

from puente.accounts.roles import Role
from puente.xapi import actions
from puente.xapi.models import Statement, StatementActivity

from .conftest import LRS, statement

VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def ids(response) -> list[str]:
    return [s["id"] for s in response.json()["statements"]]


def void(target_id: str) -> dict:
    return {"actor": {"mbox": "mailto:admin@example.org"}, "verb": {"id": VOIDED},
            "object": {"objectType": "StatementRef", "id": target_id}}


# Versions, authentication, CORS ------------------------------------------------------------

@pytest.mark.parametrize("version", [None, "0.95", "1.1.0", "2.0.0", "one"])
def test_wrong_version_header_is_refused(lrs, version):
    response = lrs.post(statement(), version=version)
    assert response.status_code == 400
    assert "X-Experience-API-Version" in response.json()["message"]
    assert response["X-Experience-API-Version"] == "1.0.3"
    assert not Statement.objects.exists()


@pytest.mark.parametrize("version", ["1.0", "1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0.9"])
def test_every_1_0_version_is_accepted(lrs, version):
    assert lrs.post(statement(), version=version).status_code == 200


def test_about_is_public_and_ignores_the_version(client):
    response = client.get("/xapi/about")
    assert response.status_code == 200
    assert response.json() == {"version": ["1.0.3", "1.0.2", "1.0.1", "1.0.0"], "extensions": {}}
    assert response["X-Experience-API-Version"] == "1.0.3"


def test_authentication(lrs, client, issued, pm, world):
    anonymous = lrs.post(statement(), auth=False)
    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"].startswith("Basic")
    wrong = LRS(client, lrs.credential, "not-the-secret").post(statement())
    assert wrong.status_code == 401 and "refused" in wrong.json()["message"]
    client.force_login(pm)  # a web session is not an xAPI credential
    assert lrs.post(statement(), auth=False).status_code == 403
    client.logout()
    actions.revoke_credential(pm, lrs.credential)
    assert lrs.post(statement()).status_code == 401
    assert not Statement.objects.exists()


def test_cors_preflight_needs_no_credentials(client):
    response = client.options("/xapi/statements", headers={"Origin": "https://lms.example.org",
                                                            "Access-Control-Request-Method": "PUT"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "X-Experience-API-Version" in response["Access-Control-Allow-Headers"]
    assert "X-Experience-API-Consistent-Through" in response["Access-Control-Expose-Headers"]


def test_unknown_and_miscased_parameters_are_refused(lrs):
    assert "Unknown parameter colour" in lrs.get({"colour": "red"}).json()["message"]
    response = lrs.get({"Verb": "http://adlnet.gov/expapi/verbs/completed"})
    assert response.status_code == 400 and "did you mean verb" in response.json()["message"]


def test_head_answers_headers_only(lrs):
    lrs.post(statement())
    response = lrs.call("HEAD", "statements")
    assert response.status_code == 200 and response.content == b""
    assert "X-Experience-API-Consistent-Through" in response


# Storing ---------------------------------------------------------------------------------

def test_post_single_and_batch_answer_the_ids_in_order(lrs):
    first = statement()
    assert lrs.post(first).json() == [first["id"]]
    batch = [statement(), statement(), {**statement(), "id": None}]
    del batch[2]["id"]
    answer = lrs.post(batch).json()
    assert answer[:2] == [batch[0]["id"], batch[1]["id"]] and uuid.UUID(answer[2])
    assert Statement.objects.count() == 4


def test_stored_statement_gets_what_the_lrs_assigns(lrs):
    sent = statement()
    lrs.post(sent)
    got = lrs.get({"statementId": sent["id"]}).json()
    assert got["authority"] == lrs.credential.authority()
    assert got["version"] == "1.0.0" and got["stored"].endswith("Z") and got["timestamp"] == got["stored"]


def test_a_batch_with_one_bad_statement_stores_none(lrs):
    bad = statement()
    bad["verb"]["id"] = "completed"
    response = lrs.post([statement(), statement(), bad])
    assert response.status_code == 400
    assert response.json()["message"].startswith("statements[2].verb.id")
    assert not Statement.objects.exists()


@pytest.mark.parametrize("body,message", [
    ("{not json", "not valid JSON"),
    (b"\xff\xfe{}", "not UTF-8"),
    ("42", "must be a JSON object"),
    ("[42]", "statements[0]: must be a JSON object"),
])
def test_malformed_content_is_refused(lrs, body, message):
    response = lrs.post(body)
    assert response.status_code == 400 and message in response.json()["message"]


def test_content_type_must_be_json_or_multipart(lrs):
    response = lrs.post(json.dumps(statement()), content_type="text/plain")
    assert response.status_code == 400 and "application/json" in response.json()["message"]


def test_put_stores_one_statement_under_the_given_id(lrs):
    sent = statement()
    del sent["id"]
    statement_id = str(uuid.uuid4())
    assert lrs.put(sent, statement_id).status_code == 204
    assert lrs.put(sent, statement_id).status_code == 204  # the same again: nothing changes
    assert Statement.objects.filter(statement_id=statement_id).count() == 1
    changed = {**sent, "verb": {"id": "http://adlnet.gov/expapi/verbs/failed"}}
    conflict = lrs.put(changed, statement_id)
    assert conflict.status_code == 409 and statement_id in conflict.json()["message"]
    assert json.loads(Statement.objects.get().data)["verb"]["id"] == sent["verb"]["id"]


@pytest.mark.parametrize("params,body,message", [
    ({}, None, "statementId is required"),
    ({"statementId": "nope"}, None, "not a UUID"),
    ({"statementId": str(uuid.uuid4())}, "mismatched", "differs from the statementId"),
    ({"statementId": str(uuid.uuid4())}, "array", "not an array"),
])
def test_put_refusals(lrs, params, body, message):
    sent = statement()
    payload = {"mismatched": sent, "array": [sent]}.get(body, sent)
    response = lrs.call("PUT", "statements", params=params, body=payload)
    assert response.status_code == 400 and message in response.json()["message"]


def test_post_existing_id_same_content_is_a_no_op_and_other_content_a_conflict(lrs):
    sent = statement()
    lrs.post(sent)
    assert lrs.post([sent, statement()]).status_code == 200
    assert Statement.objects.count() == 2
    other = {**sent, "result": {"success": True}}
    newcomer = statement()
    response = lrs.post([newcomer, other])
    assert response.status_code == 409
    assert not Statement.objects.filter(statement_id=newcomer["id"]).exists()


def test_batch_with_the_same_id_twice_is_refused(lrs):
    sent = statement()
    assert lrs.post([sent, dict(sent)]).status_code == 400


def test_request_too_large(lrs, settings):
    settings.PUENTE_XAPI_MAX_BODY = 2000
    response = lrs.post([statement() for _ in range(20)])
    assert response.status_code == 413 and "limit" in response.json()["message"]
    assert not Statement.objects.exists()


# Reading ---------------------------------------------------------------------------------

def test_get_by_id_and_scope(lrs, other_lrs, client, pm, world):
    mine, theirs = statement(), statement()
    lrs.post(mine)
    other_lrs.post(theirs)
    got = lrs.get({"statementId": mine["id"]})
    assert got.status_code == 200 and got.json()["id"] == mine["id"] and "Last-Modified" in got
    assert lrs.get({"statementId": theirs["id"]}).status_code == 404
    assert ids(lrs.get()) == [mine["id"]]
    # A second credential of the same agency: only its own, unless issued with agency read.
    narrow = LRS(client, *actions.issue_credential(pm, "Other LMS", world.own))
    wide = LRS(client, *actions.issue_credential(pm, "Agency reader", world.own, agency_read=True))
    assert ids(narrow.get()) == []
    assert ids(wide.get()) == [mine["id"]]


def test_single_statement_parameters(lrs):
    sent = statement()
    lrs.post(sent)
    both = lrs.get({"statementId": sent["id"], "voidedStatementId": sent["id"]})
    assert both.status_code == 400
    extra = lrs.get({"statementId": sent["id"], "verb": sent["verb"]["id"]})
    assert extra.status_code == 400
    assert lrs.get({"statementId": sent["id"], "format": "ids", "attachments": "false"}).json()["actor"] == {
        "objectType": "Agent", "mbox": "mailto:ana@example.org"}
    assert lrs.get({"statementId": str(uuid.uuid4())}).status_code == 404


def test_filters(lrs):
    registration = str(uuid.uuid4())
    a = statement(actor="mailto:ana@example.org", verb="http://adlnet.gov/expapi/verbs/completed",
                  context={"registration": registration, "contextActivities": {"parent": [{"id": "https://lms.example.org/programs/wildlife"}]}})
    b = statement(actor=("https://cuip.example.gob.mx", "RASL850312MSRMTC01"), activity="https://lms.example.org/courses/hr-101")
    c = statement(actor="mailto:bo@example.org", context={"instructor": {"mbox": "mailto:ana@example.org"}})
    group = statement(actor="mailto:x@example.org")
    group["actor"] = {"objectType": "Group", "member": [{"mbox": "mailto:ana@example.org"}, {"mbox": "mailto:bo@example.org"}]}
    for s in (a, b, c, group):
        lrs.post(s)
    ana = json.dumps({"mbox": "mailto:ana@example.org"})
    assert set(ids(lrs.get({"agent": ana}))) == {a["id"], group["id"]}
    assert set(ids(lrs.get({"agent": ana, "related_agents": "true"}))) == {a["id"], c["id"], group["id"]}
    cuip = json.dumps({"account": {"homePage": "https://cuip.example.gob.mx", "name": "RASL850312MSRMTC01"}})
    assert ids(lrs.get({"agent": cuip})) == [b["id"]]
    assert ids(lrs.get({"verb": "http://adlnet.gov/expapi/verbs/completed"})) == [a["id"]]
    assert ids(lrs.get({"activity": "https://lms.example.org/courses/hr-101"})) == [b["id"]]
    assert ids(lrs.get({"activity": "https://lms.example.org/programs/wildlife"})) == []
    assert ids(lrs.get({"activity": "https://lms.example.org/programs/wildlife", "related_activities": "true"})) == [a["id"]]
    assert ids(lrs.get({"registration": registration})) == [a["id"]]
    authority = json.dumps(lrs.credential.authority())
    assert len(ids(lrs.get({"agent": authority, "related_agents": "true"}))) == 4
    assert lrs.get({"agent": '{"name": "nobody"}'}).status_code == 400
    anonymous = json.dumps({"objectType": "Group", "member": [{"mbox": "mailto:ana@example.org"}]})
    assert "anonymous Group" in lrs.get({"agent": anonymous}).json()["message"]
    assert lrs.get({"related_agents": "yes"}).status_code == 400


def test_since_until_ascending_limit_and_more(lrs):
    sent = []
    for _ in range(5):
        s = statement()
        lrs.post(s)
        sent.append(s["id"])
        time.sleep(0.002)
    assert ids(lrs.get()) == sent[::-1]
    assert ids(lrs.get({"ascending": "true"})) == sent
    stored = [lrs.get({"statementId": i}).json()["stored"] for i in sent]
    assert ids(lrs.get({"since": stored[1], "ascending": "true"})) == sent[2:]
    assert ids(lrs.get({"until": stored[1], "ascending": "true"})) == sent[:2]
    page = lrs.get({"limit": "2"}).json()
    assert [s["id"] for s in page["statements"]] == sent[4:2:-1]
    seen = [s["id"] for s in page["statements"]]
    while page["more"]:
        assert page["more"].startswith("/xapi/statements?more=")
        page = lrs.client.get(page["more"], headers=lrs.headers()).json()
        seen += [s["id"] for s in page["statements"]]
    assert seen == sent[::-1]


def test_more_belongs_to_its_credential(lrs, other_lrs):
    for _ in range(3):
        lrs.post(statement())
    more = lrs.get({"limit": "1"}).json()["more"]
    assert other_lrs.client.get(more, headers=other_lrs.headers()).status_code == 403
    tampered = lrs.client.get(more[:-3] + "abc", headers=lrs.headers())
    assert tampered.status_code == 400


def test_canonical_format_picks_the_readers_language(lrs):
    sent = statement()
    lrs.post(sent)
    got = lrs.get({"format": "canonical"}, headers={"Accept-Language": "es-MX, en;q=0.5"}).json()["statements"][0]
    assert got["object"]["definition"]["name"] == {"es-MX": "Fundamentos CITES"}
    exact = lrs.get({"format": "exact"}).json()["statements"][0]
    assert exact["object"]["definition"]["name"] == sent["object"]["definition"]["name"]
    assert lrs.get({"format": "full"}).status_code == 400


def test_consistent_through_on_every_statement_answer(lrs):
    for response in (lrs.post(statement()), lrs.get(), lrs.put(statement(), str(uuid.uuid4()))):
        assert response["X-Experience-API-Consistent-Through"].endswith("Z")


# Voiding ---------------------------------------------------------------------------------

def test_voiding(lrs):
    target = statement(verb="http://adlnet.gov/expapi/verbs/completed")
    lrs.post(target)
    voiding = void(target["id"])
    assert lrs.post(voiding).status_code == 200
    assert lrs.get({"statementId": target["id"]}).status_code == 404
    assert lrs.get({"voidedStatementId": target["id"]}).json()["id"] == target["id"]
    listed = ids(lrs.get())
    assert target["id"] not in listed and len(listed) == 1
    # The voiding statement targets a statement that matches the verb filter: it is returned.
    assert len(ids(lrs.get({"verb": "http://adlnet.gov/expapi/verbs/completed"}))) == 1
    voiding_id = listed[0]
    assert lrs.get({"voidedStatementId": voiding_id}).status_code == 404
    again = lrs.post(void(voiding_id))
    assert again.status_code == 400 and "cannot be voided" in again.json()["message"]


def test_voiding_someone_elses_statement_is_forbidden(lrs, other_lrs):
    target = statement()
    other_lrs.post(target)
    response = lrs.post(void(target["id"]))
    assert response.status_code == 403
    assert other_lrs.get({"statementId": target["id"]}).status_code == 200


def test_a_statement_voided_before_it_arrives_stays_voided(lrs):
    target = statement()
    lrs.post(void(target["id"]))
    lrs.post(target)
    assert lrs.get({"statementId": target["id"]}).status_code == 404


def test_statement_refs_match_filters_through_their_target(lrs):
    target = statement(activity="https://lms.example.org/courses/explosives")
    lrs.post(target)
    confirm = statement(actor="mailto:andrew@example.org")
    confirm["object"] = {"objectType": "StatementRef", "id": target["id"]}
    lrs.post(confirm)
    assert set(ids(lrs.get({"activity": "https://lms.example.org/courses/explosives"}))) == {target["id"], confirm["id"]}


# Alternate request syntax ------------------------------------------------------------------

def test_alternate_syntax_put_and_get(lrs, client):
    from urllib.parse import urlencode

    sent = statement()
    form = urlencode({"statementId": sent["id"], "content": json.dumps(sent), "Authorization": lrs.auth,
                      "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"})
    response = client.post("/xapi/statements?method=PUT", form, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 204, response.content
    form = urlencode({"statementId": sent["id"], "Authorization": lrs.auth, "X-Experience-API-Version": "1.0.3"})
    got = client.post("/xapi/statements?method=GET", form, content_type="application/x-www-form-urlencoded")
    assert got.status_code == 200 and got.json()["id"] == sent["id"]
    bad = client.post(f"/xapi/statements?method=GET&statementId={sent['id']}", form, content_type="application/x-www-form-urlencoded")
    assert bad.status_code == 400 and "only 'method'" in bad.json()["message"]


def test_activity_definition_and_agents_resources(lrs):
    lrs.post(statement())
    activity = lrs.call("GET", "activities", params={"activityId": "https://lms.example.org/courses/cites-101"}).json()
    assert activity["definition"]["name"]["es-MX"] == "Fundamentos CITES"
    unknown = lrs.call("GET", "activities", params={"activityId": "https://lms.example.org/none"}).json()
    assert unknown == {"objectType": "Activity", "id": "https://lms.example.org/none"}
    person = lrs.call("GET", "agents", params={"agent": json.dumps({"name": "Ana", "mbox": "mailto:ana@example.org"})}).json()
    assert person == {"objectType": "Person", "name": ["Ana"], "mbox": ["mailto:ana@example.org"]}
    assert lrs.call("GET", "agents").status_code == 400
    assert lrs.call("POST", "agents", body={}).status_code == 405


def test_bulk_rows_land_with_their_statement(lrs):
    s = statement(context={"contextActivities": {"grouping": {"id": "https://lms.example.org/programs/all"}}})
    lrs.post(s)
    row = Statement.objects.get()
    assert StatementActivity.objects.filter(statement=row).count() == 1
    assert json.loads(row.data)["context"]["contextActivities"]["grouping"] == [{"id": "https://lms.example.org/programs/all"}]


def test_the_coordinator_session_cannot_read_statements(client, world, lrs):
    client.force_login(world.user(Role.AGENCY_COORDINATOR))
    assert client.get("/xapi/statements", headers={"X-Experience-API-Version": "1.0.3"}).status_code == 403

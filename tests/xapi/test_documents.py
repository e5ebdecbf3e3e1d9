"""State, Activity Profile and Agent Profile resources: ETags, concurrency, JSON merge."""
import hashlib
import json
import uuid

import pytest

from puente.xapi.models import Document

ACTIVITY = "https://lms.example.org/courses/cites-101"
AGENT = json.dumps({"objectType": "Agent", "mbox": "mailto:ana@example.org"})


def state(stateId=None, **extra):
    params = {"activityId": ACTIVITY, "agent": AGENT, **extra}
    if stateId:
        params["stateId"] = stateId
    return params


def test_state_put_get_merge_list_delete(lrs):
    body = {"page": 3, "answers": ["a"]}
    assert lrs.call("PUT", "activities/state", state("bookmark"), body).status_code == 204
    got = lrs.call("GET", "activities/state", state("bookmark"))
    assert got.json() == body and got["Content-Type"] == "application/json"
    assert got["ETag"] == f'"{hashlib.sha1(got.content).hexdigest()}"' and "Last-Modified" in got
    # POST merges top-level properties; no concurrency headers needed for state.
    assert lrs.call("POST", "activities/state", state("bookmark"), {"page": 4, "done": False}).status_code == 204
    assert lrs.call("GET", "activities/state", state("bookmark")).json() == {"page": 4, "answers": ["a"], "done": False}
    lrs.call("PUT", "activities/state", state("suspend"), "raw data", content_type="text/plain")
    assert sorted(lrs.call("GET", "activities/state", state()).json()) == ["bookmark", "suspend"]
    assert lrs.call("DELETE", "activities/state", state("suspend")).status_code == 204
    assert lrs.call("GET", "activities/state", state("suspend")).status_code == 404
    assert lrs.call("DELETE", "activities/state", state()).status_code == 204
    assert lrs.call("GET", "activities/state", state()).json() == []


def test_state_is_per_registration_and_since_lists_recent(lrs):
    registration = str(uuid.uuid4())
    lrs.call("PUT", "activities/state", state("a"), {"x": 1})
    lrs.call("PUT", "activities/state", state("b", registration=registration), {"x": 2})
    assert lrs.call("GET", "activities/state", state()).json() == ["a"]
    assert lrs.call("GET", "activities/state", state(registration=registration)).json() == ["b"]
    later = "2999-01-01T00:00:00Z"
    assert lrs.call("GET", "activities/state", state(since=later)).json() == []


@pytest.mark.parametrize("params,message", [
    ({"agent": AGENT, "stateId": "x"}, "activityId is required"),
    ({"activityId": "not an iri", "agent": AGENT, "stateId": "x"}, "activityId"),
    ({"activityId": ACTIVITY, "agent": "{bad", "stateId": "x"}, "agent: not valid JSON"),
    ({"activityId": ACTIVITY, "agent": '{"mbox": "ana@example.org"}', "stateId": "x"}, "agent.mbox"),
    ({"activityId": ACTIVITY, "agent": AGENT, "stateId": "x", "registration": "r"}, "registration"),
    ({"activityId": ACTIVITY, "agent": '{"objectType": "Group", "mbox": "mailto:t@example.org"}', "stateId": "x"}, "not a Group"),
])
def test_state_bad_parameters(lrs, params, message):
    response = lrs.call("PUT", "activities/state", params, {"a": 1})
    assert response.status_code == 400 and message in response.json()["message"]
    assert not Document.objects.exists()


def test_post_merge_needs_json_on_both_sides(lrs):
    lrs.call("PUT", "activities/state", state("s"), "plain", content_type="text/plain")
    response = lrs.call("POST", "activities/state", state("s"), {"a": 1})
    assert response.status_code == 400
    assert lrs.call("GET", "activities/state", state("s")).content == b"plain"  # nothing half-written
    assert lrs.call("POST", "activities/state", state("t"), "[1, 2]").status_code == 400


def test_activity_profile_concurrency(lrs):
    params = {"activityId": ACTIVITY, "profileId": "syllabus"}
    assert lrs.call("PUT", "activities/profile", params, {"v": 1}, headers={"If-None-Match": "*"}).status_code == 204
    etag = lrs.call("GET", "activities/profile", params)["ETag"]
    # A PUT to an existing document without If-Match or If-None-Match: 409, and it says what to do.
    conflict = lrs.call("PUT", "activities/profile", params, {"v": 2})
    assert conflict.status_code == 409 and "If-Match" in conflict.json()["message"]
    assert lrs.call("PUT", "activities/profile", params, {"v": 2}, headers={"If-Match": '"0000"'}).status_code == 412
    assert lrs.call("PUT", "activities/profile", params, {"v": 2}, headers={"If-None-Match": "*"}).status_code == 412
    assert lrs.call("GET", "activities/profile", params).json() == {"v": 1}
    assert lrs.call("PUT", "activities/profile", params, {"v": 2}, headers={"If-Match": etag}).status_code == 204
    assert lrs.call("GET", "activities/profile", params).json() == {"v": 2}
    assert lrs.call("DELETE", "activities/profile", params, headers={"If-Match": etag}).status_code == 412
    assert lrs.call("GET", "activities/profile", {"activityId": ACTIVITY}).json() == ["syllabus"]
    assert lrs.call("DELETE", "activities/profile", {"activityId": ACTIVITY}).status_code == 400
    assert lrs.call("DELETE", "activities/profile", params).status_code == 204


def test_agent_profile(lrs):
    params = {"agent": AGENT, "profileId": "preferences"}
    assert lrs.call("POST", "agents/profile", params, {"language": "es"}).status_code == 204
    assert lrs.call("POST", "agents/profile", params, {"font": "large"}, headers={"If-Match": '"nope"'}).status_code == 412
    assert lrs.call("GET", "agents/profile", params).json() == {"language": "es"}
    assert lrs.call("GET", "agents/profile", {"agent": AGENT}).json() == ["preferences"]
    head = lrs.call("HEAD", "agents/profile", params)
    assert head.status_code == 200 and head.content == b"" and head["ETag"]


def test_documents_belong_to_the_provider(lrs, other_lrs):
    lrs.call("PUT", "activities/state", state("bookmark"), {"page": 1})
    assert other_lrs.call("GET", "activities/state", state("bookmark")).status_code == 404
    assert other_lrs.call("GET", "activities/state", state()).json() == []


def test_oversized_document(lrs, settings):
    settings.PUENTE_XAPI_MAX_BODY = 100
    response = lrs.call("PUT", "activities/state", state("big"), {"text": "x" * 200})
    assert response.status_code == 413
    assert not Document.objects.exists()

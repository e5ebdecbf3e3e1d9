"""An LRS on top of the shared world: a provider's credential for each agency and a helper
that speaks xAPI through Django's test client."""
import base64
import json
import uuid
from decimal import Decimal

import pytest

from puente.accounts.roles import Role
from puente.catalog.models import Domain, Program
from puente.xapi import actions

VERSION = "1.0.3"


def basic(key: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()


class LRS:
    """Requests to /xapi/ as one credential."""

    def __init__(self, client, credential, secret):
        self.client = client
        self.credential = credential
        self.auth = basic(credential.key, secret)

    def headers(self, version=VERSION, auth=True, **extra):
        headers = {}
        if auth:
            headers["Authorization"] = self.auth
        if version is not None:
            headers["X-Experience-API-Version"] = version
        headers.update(extra)
        return headers

    def call(self, method, path, params=None, body=None, content_type="application/json", version=VERSION, auth=True, headers=None):
        from urllib.parse import urlencode

        url = f"/xapi/{path}" + (f"?{urlencode(params)}" if params else "")
        data = body if isinstance(body, (bytes, str)) or body is None else json.dumps(body)
        return self.client.generic(method.upper(), url, data=data or b"", content_type=content_type,
                                   headers=self.headers(version, auth, **(headers or {})))

    def post(self, statements, **kw):
        return self.call("POST", "statements", body=statements, **kw)

    def put(self, statement, statement_id, **kw):
        return self.call("PUT", "statements", params={"statementId": statement_id}, body=statement, **kw)

    def get(self, params=None, **kw):
        return self.call("GET", "statements", params=params, **kw)


def statement(actor="mailto:ana@example.org", verb="http://adlnet.gov/expapi/verbs/experienced",
              activity="https://lms.example.org/courses/cites-101", **extra) -> dict:
    """A minimal valid statement; actor is an mbox or an (homePage, name) account pair."""
    agent = {"mbox": actor} if isinstance(actor, str) else {"account": {"homePage": actor[0], "name": actor[1]}}
    return {"id": str(uuid.uuid4()), "actor": {"objectType": "Agent", "name": "Ana", **agent},
            "verb": {"id": verb, "display": {"en-US": verb.rsplit("/", 1)[-1]}},
            "object": {"objectType": "Activity", "id": activity,
                       "definition": {"name": {"en-US": "CITES basics", "es-MX": "Fundamentos CITES"}}},
            **extra}


@pytest.fixture
def pm(world):
    return world.user(Role.PROGRAM_MANAGER)


@pytest.fixture
def issued(world, pm):
    """{target: (credential, secret)} for the own and the other agency."""
    return {target: actions.issue_credential(pm, f"Academy LMS {target}", world.agency(target)) for target in ("own", "other")}


@pytest.fixture
def lrs(client, issued):
    credential, secret = issued["own"]
    return LRS(client, credential, secret)


@pytest.fixture
def other_lrs(client, issued):
    credential, secret = issued["other"]
    return LRS(client, credential, secret)


@pytest.fixture
def elearning(world):
    domain = Domain.objects.create(code="WILDLIFE", name_en="Wildlife", name_es="Vida silvestre")
    return Program.objects.create(code="CITES-EL", title_en="CITES online", title_es="CITES en línea", domain=domain,
                                  hours=Decimal("6"), delivery_mode=Program.DeliveryMode.E_LEARNING, languages=["es"])

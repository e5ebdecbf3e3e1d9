"""The learning record store demo: a platform's credential, statements, transcript lines, unmatched outcomes."""
import pytest

from puente.demo import builder
from puente.demo.builder import DemoContext
from puente.records.models import TrainingRecord
from puente.xapi.models import Credential, Statement, UnmatchedOutcome

from .conftest import LRS, statement


@pytest.fixture
def demo(db):
    ctx = DemoContext(seed=3, scale=0.002)
    builder.build(ctx)
    return ctx


def test_xapi_demo(demo, client):
    credential = Credential.objects.get(key="demo-elearning")
    assert credential.agency == demo.data["demo_agencies"]["coordinator"]
    assert demo.counts["xapi statements"] == Statement.objects.count() >= 60
    assert TrainingRecord.objects.filter(source="elearning").exists()
    assert UnmatchedOutcome.objects.filter(agency=credential.agency, status="open").exists()
    key, secret = demo.data["xapi_credential"]
    lrs = LRS(client, credential, secret)
    assert lrs.post(statement()).status_code == 200
    assert len(lrs.get({"limit": "5"}).json()["statements"]) == 5

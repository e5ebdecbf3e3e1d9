"""The impact demo: border units, their officers, a staggered NII rollout, and a real estimate."""
import datetime

import pytest
from django.db.models import F

from puente.demo import builder
from puente.demo.builder import DemoContext
from puente.demo.impact import MONTHS, USAGE_GAIN
from puente.impact.actions import month_errors
from puente.impact.models import Assignment, Estimate, Observation, Unit
from puente.records.models import TrainingRecord


@pytest.fixture
def demo(db):
    ctx = DemoContext(seed=3, scale=0.002)
    builder.build(ctx)
    return ctx


def test_impact_demo(demo):
    units = Unit.objects.all()
    assert {u.agency.code for u in units} == {"US-CBP", "MX-ANAM", "MX-GN", "MX-BC-TIJ-SSPCM"}
    periods = Observation.objects.values_list("period", flat=True).distinct()
    assert len(set(periods)) == MONTHS and max(periods) < datetime.date.today().replace(day=1)
    assert not Assignment.objects.exclude(person__agency=F("unit__agency")).exists()
    records = TrainingRecord.objects.filter(reference="NII rollout (demo)")
    assert records.exists() and not records.filter(end_date__gte=datetime.date.today()).exists()
    assert not records.exclude(agency=F("person__agency")).exists()
    # Every stored month passes the rules an import would apply.
    months = {}
    for unit_id, period, code, value in Observation.objects.values_list("unit_id", "period", "measure__code", "value"):
        months.setdefault((unit_id, period), {})[code] = value
    assert not [key for key, values in months.items() if month_errors(values)]

    usage = Estimate.objects.get(program__code="CBP-NII-OP", outcome="scan_usage")
    assert usage.status == Estimate.Status.DONE
    overall = usage.result["overall"]
    assert usage.result["verdict"]["code"] == "increase"
    assert overall["low"] < USAGE_GAIN < overall["high"]
    assert Estimate.objects.filter(status=Estimate.Status.DONE).count() == 4

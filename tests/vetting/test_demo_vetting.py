"""The vetting demo: trust evaluations for Mexican border officers, some expired or failed."""
import pytest
from django.utils import timezone

from puente.demo import builder
from puente.demo.builder import DemoContext
from puente.vetting import services
from puente.vetting.models import VettingCheck


@pytest.fixture
def demo(db):
    ctx = DemoContext(seed=3, scale=0.002)
    builder.build(ctx)
    return ctx


def test_vetting_demo(demo):
    today = timezone.localdate()
    checks = VettingCheck.objects.all()
    assert demo.counts["vetting_checks"] == checks.count() > 0
    assert not checks.exclude(person__agency__country_id="MX").exists()
    trust = checks.filter(kind=VettingCheck.Kind.TRUST)
    assert trust.filter(result="passed", valid_until__lt=today).exists()  # expired, awaiting renewal
    assert trust.filter(result="failed").exists()
    assert checks.filter(kind=VettingCheck.Kind.US_BACKGROUND).exists()
    assert services.status_for(demo.data["demo_officer"])[0]
    for check in checks[:200]:
        check.full_clean()

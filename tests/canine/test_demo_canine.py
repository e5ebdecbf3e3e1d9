"""The canine demo: 536 CBP dogs from the default scale up, certified on the new odors, with training approved in order."""
import datetime

import pytest
from django.utils import timezone

from puente.canine.models import Dog, OdorCertification, Team, TrainingEntry
from puente.demo import canine, registry
from puente.demo.builder import DemoContext
from puente.registry.models import Agency, Person


@pytest.fixture
def demo(db):
    """The registry part, then this one (the parts between do not touch canine data)."""
    ctx = DemoContext(seed=3, scale=0.002)
    registry.build(ctx)
    canine.build(ctx)
    return ctx


def test_canine_demo(demo):
    officer = demo.data["demo_officer"]
    cbp = Agency.objects.get(code="US-CBP")
    assert Dog.objects.filter(agency=cbp).count() == canine._dog_count(demo) == 54
    assert Team.objects.filter(ended_on__isnull=True, handler=officer).exists()  # the officer login's own team
    for team in Team.objects.select_related("dog", "handler"):
        team.full_clean()
    codes = set(OdorCertification.objects.values_list("odor__code", flat=True))
    assert {"FENTANYL-PRECURSORS", "XYLAZINE", "KETAMINE", "FENTANYL"} <= codes
    today = timezone.localdate()
    assert OdorCertification.objects.filter(expires_on__lt=today).exists()  # some lapsed
    entries = TrainingEntry.objects.all()
    assert entries.filter(supervisor_approved_by__isnull=False).exists() and entries.filter(trainer_approved_by__isnull=True).exists()
    assert not entries.filter(supervisor_approved_by__isnull=False, trainer_approved_by__isnull=True).exists()
    assert not entries.filter(date__gt=today).exists()
    for entry in entries[:300]:
        entry.full_clean()


def test_536_dogs_at_default_and_full_scale(db):
    """The count is the program's, not a share of the workforce: it holds from the default scale up."""
    cbp = canine._cbp()
    Person.objects.bulk_create([Person(agency=cbp, country_id="US", given_names="H", family_names=f"N{i}") for i in range(40)])
    assert [canine._dog_count(DemoContext(seed=1, scale=scale)) for scale in (0.002, 0.02, 0.5, 1.0)] == [54, 536, 536, 536]
    canine.build(DemoContext(seed=1, scale=0.02))
    assert Dog.objects.filter(agency=cbp).count() == 536
    assert Team.objects.filter(ended_on__isnull=True).count() == 40  # one active team per handler while handlers last
    assert not Team.objects.filter(ended_on__isnull=True, dog__status__in=["retired", "deceased"]).exists()
    assert Dog.objects.filter(status="in_training", teams__isnull=True).exists()  # waiting for a handler
    assert datetime.date.today() >= Dog.objects.order_by("-birth_date").first().birth_date

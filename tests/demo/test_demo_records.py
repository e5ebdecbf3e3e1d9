"""The training-records demo data: ANAM's 8,082 people trained in 2022 and 8,996 in 2023, exactly."""
import datetime

from django.db.models import Count, F, Min

from puente.demo import builder
from puente.demo.builder import DemoContext
from puente.demo.records import ANAM, ANAM_MODULES, INITIAL_TRAINING, MODULES_FROM, REFERENCES, anam_targets
from puente.records.models import TrainingRecord


def trained_per_year(agency_code: str) -> dict[int, int]:
    """Distinct people of the agency who completed a program, per calendar year of the end date."""
    rows = (
        TrainingRecord.objects.filter(agency__code=agency_code, result=TrainingRecord.Result.COMPLETED)
        .values("end_date__year").annotate(people=Count("person", distinct=True))
    )
    return {row["end_date__year"]: row["people"] for row in rows}


def test_demo_builds_anam_figures_at_the_default_scale(db):
    ctx = DemoContext(seed=5, scale=builder.parse_scale("default"))
    builder.build(ctx)

    trained = trained_per_year(ANAM)
    assert (trained[2022], trained[2023]) == (8_082, 8_996)
    assert round(trained[2023] / trained[2022] - 1, 2) == 0.11
    # Later parts may add records after 2023 (initial training caught up after March 2024).
    targets = anam_targets(ctx)
    assert trained[2024] >= targets[2024] and set(trained) >= set(targets)

    anam = TrainingRecord.objects.filter(agency__code=ANAM)
    first_year = dict(anam.filter(program__code__in=ANAM_MODULES).values_list("program__code").annotate(first=Min("end_date__year")))
    assert first_year == {code: MODULES_FROM for code in ANAM_MODULES}
    assert anam.filter(result=TrainingRecord.Result.FAILED).exists()
    # This part's records are historic, in the past, after the officer was hired; ANAM's within one year.
    records = TrainingRecord.objects.filter(reference__in=REFERENCES) | TrainingRecord.objects.filter(reference__startswith="ANAM, ")
    assert set(records.values_list("source", flat=True)) == {TrainingRecord.Source.HISTORIC}
    assert not records.filter(end_date__gte=datetime.date.today()).exists()
    assert not records.filter(start_date__lt=F("person__hire_date")).exists()
    assert not anam.exclude(program__code=INITIAL_TRAINING).exclude(start_date__year=F("end_date__year")).exists()
    assert not records.exclude(agency=F("person__agency")).exists()

    anam = anam.filter(reference__startswith="ANAM, ")
    others = records.exclude(agency__code=ANAM)
    assert others.filter(agency__country_id="MX").exists() and others.filter(agency__country_id="US").exists()
    assert TrainingRecord.objects.filter(person=ctx.data["demo_officer"]).count() >= 2
    assert ctx.counts["historic_records"] == records.count()
    assert TrainingRecord.objects.filter(agency__code=ANAM, program__code=INITIAL_TRAINING, end_date__year__in=[2022, 2023]).exists()


def test_smaller_scales_scale_the_figures():
    tiny = DemoContext(seed=1, scale=builder.parse_scale("tiny"))
    assert anam_targets(tiny, 2023) == {2022: 16, 2023: 18}
    full = DemoContext(seed=1, scale=1.0)
    assert anam_targets(full)[2023] == 8_996

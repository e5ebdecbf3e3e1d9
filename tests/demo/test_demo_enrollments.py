"""The enrollments demo: every allocated seat taken, results on transcripts, work for the demo logins."""
import datetime

from django.db.models import Count, F
from django.utils import timezone

from puente.capacity.models import RunOutcome, Session
from puente.demo import builder
from puente.demo.builder import DemoContext
from puente.records.models import Attendance, Enrollment, TrainingRecord


def test_seats_results_and_rosters(db):
    ctx = DemoContext(seed=3, scale=builder.parse_scale("tiny"))
    builder.build(ctx)
    past = Enrollment.objects.filter(session__end_date__lt=timezone.localdate() - datetime.timedelta(days=30))
    statuses = dict(past.values_list("status").annotate(n=Count("id")))
    assert set(statuses) <= {"completed", "failed", "no_show"} and statuses["completed"] > 0.8 * sum(statuses.values())
    # Each completion and failure is on the transcript; only completions credit hours.
    finished = past.filter(status__in=["completed", "failed"])
    assert TrainingRecord.objects.filter(enrollment__in=finished).count() == finished.count()
    assert not TrainingRecord.objects.filter(enrollment__status="completed").exclude(hours=F("program__hours")).exists()
    assert not Attendance.objects.filter(enrollment__status="no_show").exists()
    # No officer sits in two overlapping sessions.
    seats = list(past.values_list("person_id", "session__start_date", "session__end_date").order_by("person_id", "session__start_date"))
    for (a, _s1, end), (b, start, _e2) in zip(seats, seats[1:]):
        assert a != b or start > end
    # The demo registrar teaches a session running now; the coordinator holds seats ahead.
    registrar = ctx.data["demo_instructor"]
    today = timezone.localdate()
    assert Session.objects.filter(instructors=registrar, start_date__lte=today, end_date__gte=today).exists()
    ahead = RunOutcome.objects.filter(request__agency=ctx.data["demo_agencies"]["coordinator"], run__status="published",
                                      request__window__fiscal_year__gt=2025)
    assert ahead.exists() and all(
        Session.objects.get(pk=int(pk)).start_date > today for outcome in ahead for pk in outcome.allocation)

"""Enrollments behind the published allocations: who sat in each past seat, and how it ended.

For every session of the past fiscal years, each agency's allocated seats are taken by its
officers. Most complete (attended every day, passed what the program asks), a few fail or
do not show up; each completion and failure is a line on the officer's transcript. The demo
registrar also gets a session running this week, half marked, and one that ended last week
waiting for its results, so the roster pages have work to show; the demo coordinator's agency
holds seats, from a published allocation, in three sessions of the coming weeks, so
nominations have somewhere to go.
"""
import datetime
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from puente.capacity.allocation.model import Rules
from puente.capacity.models import AllocationRun, RequestWindow, RunOutcome, Session, TrainingRequest, fiscal_year_of
from puente.demo.capacity import bulk_with_ids
from puente.records.lifecycle import ATTENDED, COMPLETED, CONFIRMED, FAILED, NO_SHOW
from puente.records.models import Attendance, Enrollment, TrainingRecord
from puente.registry.models import Person

OUTCOMES = ((COMPLETED, 0.95), (FAILED, 0.03), (NO_SHOW, 0.02))
CHUNK = 5_000


def build(ctx):
    rng = ctx.rng
    seats = _seats_by_session_and_agency()
    sessions = {s.pk: s for s in Session.objects.filter(pk__in=seats).select_related("program")}
    pools = _officer_pools({agency for per_agency in seats.values() for agency in per_agency})
    enrollments, endings = [], []
    for session_id in sorted(seats):
        session = sessions[session_id]
        for agency_id, count in sorted(seats[session_id].items()):
            pool = pools.get(agency_id, [])
            for person_id in _take(rng, pool, count, session.start_date, session.end_date):
                status = rng.choices([s for s, _w in OUTCOMES], [w for _s, w in OUTCOMES])[0]
                enrollments.append(Enrollment(person_id=person_id, session_id=session_id, agency_id=agency_id, status=status,
                                              status_reason="" if status == COMPLETED else _reason(status)))
                endings.append(session)
    ctx.progress(30, f"{len(enrollments):,} past enrollments")
    saved = bulk_with_ids(Enrollment, enrollments)
    attendance, records = [], []
    for enrollment, session in zip(saved, endings):
        if enrollment.status == NO_SHOW:
            continue
        days = _days(session)
        missed = set(rng.sample(range(len(days)), k=min(len(days), 2))) if enrollment.status == FAILED else set()
        for index, day in enumerate(days):
            attendance.append(Attendance(enrollment_id=enrollment.pk, day=day, mark="absent" if index in missed else _mark(rng)))
        done = enrollment.status == COMPLETED
        records.append(TrainingRecord(
            person_id=enrollment.person_id, program_id=session.program_id, agency_id=enrollment.agency_id, enrollment_id=enrollment.pk,
            source=TrainingRecord.Source.SESSION, start_date=session.start_date, end_date=session.end_date,
            hours=session.program.hours if done else 0, ce_credits=session.program.ce_credits if done else 0,
            result=TrainingRecord.Result.COMPLETED if done else TrainingRecord.Result.FAILED,
            score=Decimal(rng.randint(72, 99) if done else rng.randint(40, 69)), reference=str(session)[:200]))
    ctx.progress(60, f"{len(attendance):,} attendance marks")
    Attendance.objects.bulk_create(attendance, batch_size=CHUNK)
    TrainingRecord.objects.bulk_create(records, batch_size=CHUNK, ignore_conflicts=True)
    current = _registrar_sessions(ctx)
    _upcoming_seats(ctx)
    ctx.counts.update(enrollments=len(saved) + current, attendance_marks=len(attendance), session_records=len(records))
    ctx.progress(100, f"{len(records):,} transcript lines from sessions")


def _seats_by_session_and_agency() -> dict[int, dict[int, int]]:
    """Seats of the published runs: {session id: {agency id: seats}}."""
    seats: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    outcomes = RunOutcome.objects.filter(run__status=AllocationRun.Status.PUBLISHED).values_list("request__agency_id", "allocation")
    for agency_id, allocation in outcomes.iterator(chunk_size=CHUNK):
        for session_id, count in (allocation or {}).items():
            seats[int(session_id)][agency_id] += count
    return seats


def _officer_pools(agency_ids) -> dict[int, list]:
    """Each agency's active officers as [person id, busy periods]."""
    pools = defaultdict(list)
    rows = Person.objects.filter(agency_id__in=agency_ids, status=Person.Status.ACTIVE).values_list("agency_id", "pk")
    for agency_id, person_id in rows.iterator(chunk_size=CHUNK):
        pools[agency_id].append([person_id, []])
    return pools


def _take(rng, pool: list, count: int, start, end) -> list[int]:
    """Up to `count` officers free from start to end, chosen at random; they become busy then."""
    chosen = []
    for entry in rng.sample(pool, k=min(len(pool), count * 3)):
        if len(chosen) == count:
            break
        if any(s <= end and start <= e for s, e in entry[1]):
            continue
        entry[1].append((start, end))
        chosen.append(entry[0])
    return chosen


def _reason(status: str) -> str:
    return {FAILED: "Firearms qualification not passed", NO_SHOW: "No day attended."}[status]


def _mark(rng) -> str:
    return "late" if rng.random() < 0.04 else "present"


def _days(session) -> list[datetime.date]:
    return [session.start_date + datetime.timedelta(days=n) for n in range((session.end_date - session.start_date).days + 1)]


def _registrar_sessions(ctx) -> int:
    """A session of the demo registrar running now (marks up to yesterday) and one awaiting results."""
    instructor = ctx.data.get("demo_instructor")
    if instructor is None:
        return 0
    program = instructor.programs.order_by("code").first()
    site = instructor.home_site
    if program is None or site is None:
        return 0
    today = timezone.localdate()
    agency = instructor.person.agency
    officers = list(Person.objects.filter(agency=agency, status=Person.Status.ACTIVE).exclude(pk=instructor.person_id)
                    .exclude(enrollments__session__end_date__gte=today - datetime.timedelta(days=12)).order_by("pk")[:24])
    made = 0
    for start, status, size in ((today - datetime.timedelta(days=2), CONFIRMED, 12), (today - datetime.timedelta(days=9), ATTENDED, 10)):
        session = Session.objects.create(program=program, site=site, start_date=start, end_date=start + datetime.timedelta(days=4),
                                         seats=max(size, program.min_class_size), language=program.languages[0] if program.languages else "es",
                                         status=Session.Status.CLOSED)
        session.instructors.add(instructor)
        group, officers = officers[:size], officers[size:]
        rows = bulk_with_ids(Enrollment, [Enrollment(person=p, session=session, agency=agency, status=status) for p in group])
        marks = [Attendance(enrollment=e, day=day, mark="present") for e in rows for day in _days(session) if day < today]
        if status == CONFIRMED:
            # Marked days make their officers attended, as marking them in the roster would.
            Enrollment.objects.filter(pk__in=[e.pk for e in rows]).update(status=ATTENDED)
        Attendance.objects.bulk_create(marks, batch_size=CHUNK)
        made += len(rows)
    return made


def _upcoming_seats(ctx) -> None:
    """Three sessions in the coming weeks with seats allocated to the demo coordinator's agency."""
    agency = ctx.data["demo_agencies"]["coordinator"]
    today = timezone.localdate()
    asked = TrainingRequest.objects.filter(agency=agency, program__status="active", program__delivery_mode="in_person")
    program_ids = list(asked.values_list("program_id", flat=True).distinct().order_by("program_id")[:3])
    sessions = Session.objects.filter(program_id__in=program_ids).select_related("program", "site").order_by("program_id", "-start_date")
    latest = {}
    for session in sessions:
        latest.setdefault(session.program_id, session)
    if not latest:
        return
    year = fiscal_year_of(today + datetime.timedelta(days=21))
    window, _created = RequestWindow.objects.get_or_create(
        fiscal_year=year, defaults={"opens_on": datetime.date(year - 1, 2, 1), "closes_on": datetime.date(year - 1, 5, 31),
                                    "status": RequestWindow.Status.CLOSED})
    run = AllocationRun.objects.create(fiscal_year=year, rules=Rules().to_dict(), status=AllocationRun.Status.PUBLISHED,
                                       published_at=timezone.now(), summary={})
    for index, model in enumerate(latest.values()):
        start = today + datetime.timedelta(days=21 + 14 * index)
        session = Session.objects.create(program=model.program, site=model.site, start_date=start, end_date=start + (model.end_date - model.start_date),
                                         seats=model.seats, language=model.language, status=Session.Status.OPEN)
        session.instructors.set(model.instructors.all())
        held = min(6, session.seats)
        request = TrainingRequest.objects.create(window=window, agency=agency, program=model.program, seats=held,
                                                 submitted_at=timezone.now() - datetime.timedelta(days=200), justification="")
        RunOutcome.objects.create(run=run, request=request, seats_requested=held, seats_allocated=held, first_come_seats=held // 2,
                                  weight=1.0, allocation={str(session.pk): held})

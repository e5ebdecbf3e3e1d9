"""Capacity objects for tests, built lazily on the shared World (two agencies, own and other)."""
import datetime

import pytest
from django.utils import timezone

from puente.capacity.models import AllocationRun, Instructor, RequestWindow, Room, RunOutcome, Session, Site, TrainingRequest
from puente.catalog.models import Domain, Program
from puente.registry.models import Person


def capacity(w):
    """Programs, sites, sessions, an open FY2025 window and one request per agency."""
    if getattr(w, "cap", None):
        return w.cap
    domain, _ = Domain.objects.get_or_create(code="TACTICAL", defaults={"name_en": "Tactical", "name_es": "Táctico"})
    tmed = Program.objects.create(
        code="TMED", title_en="Tactical Medicine", title_es="Medicina táctica", domain=domain, mission_critical=True,
        hours=40, languages=["en", "es"], max_class_size=24,
    )
    own_site = Site.objects.create(code="MX-SON-CAMPUS", name="Campus Sonora", agency=w.own, country=w.mx, jurisdiction=w.sonora)
    other_site = Site.objects.create(code="US-AZ-CAMPUS", name="Arizona Campus", agency=w.other, country=w.us, jurisdiction=w.arizona)
    room = Room.objects.create(site=own_site, name="Aula 1", capacity=30)
    start = datetime.date(2025, 2, 3)
    own_session = Session.objects.create(program=tmed, site=own_site, room=room, start_date=start, end_date=start + datetime.timedelta(days=4), seats=24, language="es")
    other_session = Session.objects.create(program=tmed, site=other_site, start_date=start, end_date=start + datetime.timedelta(days=4), seats=20, language="en")
    window = RequestWindow.objects.create(fiscal_year=2025, opens_on=datetime.date(2024, 6, 1), closes_on=datetime.date(2024, 9, 30))
    own_request = TrainingRequest.objects.create(window=window, agency=w.own, program=tmed, seats=6, submitted_at=timezone.now(), justification="OWN-REQUEST")
    other_request = TrainingRequest.objects.create(window=window, agency=w.other, program=tmed, seats=4, submitted_at=timezone.now(), justification="OTHER-REQUEST")
    own_instructor = Instructor.objects.create(person=w.own_person, home_site=own_site)
    other_instructor = Instructor.objects.create(person=w.other_person, home_site=other_site)
    run = AllocationRun.objects.create(fiscal_year=2025, status=AllocationRun.Status.PUBLISHED, summary={})
    draft = AllocationRun.objects.create(fiscal_year=2025, status=AllocationRun.Status.DONE, summary={})
    outcomes = {
        target: RunOutcome.objects.create(
            run=run, request=request, seats_requested=request.seats, seats_allocated=1, first_come_seats=0, weight=1.0,
            reason_code="program_full",
        )
        for target, request in (("own", own_request), ("other", other_request))
    }
    w.cap = {
        "run": run, "draft": draft, "outcome": outcomes,
        "program": tmed, "domain": domain, "room": room, "window": window,
        "site": {"own": own_site, "other": other_site},
        "session": {"own": own_session, "other": other_session},
        "request": {"own": own_request, "other": other_request},
        "instructor": {"own": own_instructor, "other": other_instructor},
    }
    return w.cap


def teach(w, session: Session) -> None:
    """Make the signed-in user an instructor of `session` (their "own" session)."""
    person = Person.objects.filter(account=w.me).first()
    if person is None:
        person = Person.objects.create(agency=w.own, given_names="Yo", family_names="Instructor", national_id=f"ME-{w.me.pk}")
        w.me.person = person
        w.me.save()
    instructor, _ = Instructor.objects.get_or_create(person=person)
    instructor.programs.add(session.program)
    session.instructors.add(instructor)


@pytest.fixture(name="cap")
def oversubscribed(world):
    """The capacity objects with no runs yet and demand above capacity: 24 + 20 seats on offer, 6 + 4 + 30 asked."""
    world.me = None
    cap = capacity(world)
    AllocationRun.objects.all().delete()  # start from no runs: the tests make their own
    TrainingRequest.objects.create(
        window=cap["window"], agency=world.other, program=cap["program"], seats=30,
        submitted_at=timezone.now() - datetime.timedelta(days=30), justification="EARLY-BIG",
    )
    return cap

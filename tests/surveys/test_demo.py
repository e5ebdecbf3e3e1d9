"""The survey demo part: 98% satisfied each year, 100% in counter-drug courses, from the responses."""
import datetime

from puente.capacity.models import Session
from puente.catalog.models import Program, ThreatTag
from puente.demo import surveys as demo_surveys
from puente.demo.builder import DemoContext
from puente.records.models import Enrollment
from puente.registry.models import Person
from puente.surveys import results
from puente.surveys.models import FollowUpSurvey, SatisfactionSurvey, SessionSurvey

from tests.capacity.fixtures import capacity


def _sessions_with_officers(world, program, year, sessions, per_session):
    cap = capacity(world)
    made = []
    for index in range(sessions):
        start = datetime.date(year - 1, 11, 1) + datetime.timedelta(days=14 * index)
        session = Session.objects.create(program=program, site=cap["site"]["own"], start_date=start,
                                         end_date=start + datetime.timedelta(days=4), seats=per_session, language="es")
        people = Person.objects.bulk_create([
            Person(agency=world.own, country=world.mx, given_names="Demo", family_names=f"{program.code}-{year}-{index}-{n}",
                   national_id=f"D{program.pk}{year}{index:02d}{n:02d}") for n in range(per_session)])
        made += Enrollment.objects.bulk_create([
            Enrollment(person=person, session=session, agency=world.own, status=Enrollment.Status.COMPLETED) for person in people])
    return made


def test_demo_shares(world):
    cap = capacity(world)
    fentanyl = ThreatTag.objects.create(code="FENTANYL", name_en="Fentanyl", name_es="Fentanilo", weight=5)
    drugs = Program.objects.create(code="CBP-FENT-SAFE", title_en="Fentanyl Safe Handling", title_es="Manejo seguro de fentanilo",
                                   domain=cap["domain"], hours=8, languages=["en", "es"], max_class_size=30)
    drugs.threats.add(fentanyl)
    for year in (2023, 2024):
        _sessions_with_officers(world, cap["program"], year, sessions=5, per_session=20)
        _sessions_with_officers(world, drugs, year, sessions=2, per_session=20)
    officer_enrollment = Enrollment.objects.create(person=world.own_person, session=cap["session"]["own"], agency=world.own,
                                                   status=Enrollment.Status.COMPLETED)
    ctx = DemoContext(seed=3, scale=0.02, data={"demo_officer": world.own_person})
    demo_surveys.build(ctx)

    assert SatisfactionSurvey.objects.count() == 281  # 280 in FY2023/FY2024, and the demo officer's FY2025 one
    assert SatisfactionSurvey.objects.get(enrollment=officer_enrollment).status == SatisfactionSurvey.Status.PENDING
    everything = SessionSurvey.objects.filter(session__fiscal_year__in=(2023, 2024))
    by_year = {row.label: row for row in results.report(everything, "fiscal_year")["rows"]}
    for year in ("FY2023", "FY2024"):
        assert by_year[year].responses == 100 and by_year[year].satisfied_share == 0.98
    assert results.report(everything, "program")["total"].satisfied_share == 0.98
    counter_drug = results.report(everything.filter(session__program__threats__code="FENTANYL"), "program")["total"]
    assert counter_drug.responses > 0 and counter_drug.satisfied_share == 1.0
    assert ctx.counts["satisfaction_responses"] == 200
    # Follow-ups: every FY2023/FY2024 window has closed; most were answered, most say the skills are used.
    assert FollowUpSurvey.objects.filter(enrollment__session__fiscal_year__in=(2023, 2024)).count() == 280
    follow_ups = results.follow_up_report(FollowUpSurvey.objects.all(), "fiscal_year")["total"]
    assert (follow_ups.invited, follow_ups.responses, follow_ups.satisfied) == (281, 197, 169)  # 70% answered, 86% use the skills


def test_demo_without_completed_enrollments_builds_nothing(world):
    ctx = DemoContext(seed=3, scale=0.002)
    demo_surveys.build(ctx)
    assert ctx.counts == {"satisfaction_surveys": 0, "satisfaction_responses": 0, "follow_up_surveys": 0}

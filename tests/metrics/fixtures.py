"""Training records and vetting checks on the shared World, for the metrics tests."""
import datetime

from puente.catalog.models import Domain, Program
from puente.records.models import TrainingRecord
from puente.registry.models import Person
from puente.vetting.models import VettingCheck


def program(code="CITES", mission_critical=False):
    domain, _ = Domain.objects.get_or_create(code="CUSTOMS", defaults={"name_en": "Customs", "name_es": "Aduanas"})
    found, _ = Program.objects.get_or_create(
        code=code, defaults={"title_en": code, "title_es": code, "domain": domain, "hours": 20, "mission_critical": mission_critical})
    return found


def people(agency, count, prefix):
    return Person.objects.bulk_create(
        Person(agency=agency, country_id=agency.country_id, given_names=f"{prefix}{i}", family_names="Test", national_id=f"{prefix}-{i}")
        for i in range(count)
    )


def records(persons, prog, year, hours=20, result="completed", month=6):
    return TrainingRecord.objects.bulk_create(
        TrainingRecord(person=p, program=prog, agency=p.agency, source="historic", start_date=datetime.date(year, month, 1),
                       end_date=datetime.date(year, month, 3), hours=hours, result=result)
        for p in persons
    )


def vet(persons, checked_on, valid_until, result="passed"):
    return VettingCheck.objects.bulk_create(
        VettingCheck(person=p, kind="trust", result=result, checked_on=checked_on, valid_until=valid_until, issuing_center="C")
        for p in persons
    )


def trained_world(w):
    """Own agency: 12 people trained in 2023 (two of them twice), 15 in 2024; other agency: 30 in 2024."""
    if getattr(w, "trained", None):
        return w.trained
    cites, gender = program("CITES"), program("GENDER")
    own = people(w.own, 15, "OWN")
    other = people(w.other, 30, "OTH")
    records(own[:12], cites, 2023)
    records(own[:2], gender, 2023)
    records(own, cites, 2024, hours=10)
    records(other, gender, 2024, hours=40)
    records(other[:5], cites, 2024, result="failed", month=9)
    vet(own[:6], datetime.date(2022, 1, 1), datetime.date(2025, 1, 1))
    vet(own[6:8], datetime.date(2020, 1, 1), datetime.date(2023, 1, 1))  # lapsed before 2024
    vet(other[:3], datetime.date(2024, 1, 1), datetime.date(2027, 1, 1), result="failed")
    w.trained = {"own": own, "other": other, "cites": cites, "gender": gender}
    return w.trained

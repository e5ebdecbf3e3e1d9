"""Impact objects for tests, built lazily on the shared World (two agencies, own and other)."""
import datetime

import numpy as np

from puente.catalog.models import Domain, Program
from puente.impact.measures import ensure_measures
from puente.impact.models import Assignment, Estimate, Measure, Observation, Unit
from puente.records.models import TrainingRecord
from puente.registry.models import Person

FIRST_MONTH = datetime.date(2023, 1, 1)


def month(k: int) -> datetime.date:
    total = FIRST_MONTH.year * 12 + FIRST_MONTH.month - 1 + k
    return datetime.date(total // 12, total % 12 + 1, 1)


def program(code="NII-OP") -> Program:
    domain, _ = Domain.objects.get_or_create(code="CUSTOMS", defaults={"name_en": "Customs", "name_es": "Aduanas"})
    found, _ = Program.objects.get_or_create(code=code, defaults={
        "title_en": "Non-Intrusive Inspection Operator", "title_es": "Operador de inspección no intrusiva",
        "domain": domain, "hours": 40, "languages": ["en", "es"]})
    return found


def impact(w):
    """One unit per agency with an officer, a recorded month, and a finished estimate."""
    if getattr(w, "imp", None):
        return w.imp
    ensure_measures()
    units = {
        "own": Unit.objects.create(code="MX-NOG-GARITA", name="Garita Nogales III", agency=w.own, kind="checkpoint"),
        "other": Unit.objects.create(code="US-AZ-DPS-NOG", name="Nogales District", agency=w.other, kind="station"),
    }
    inspections = Measure.objects.get(code="inspections")
    observations = {t: Observation.objects.create(unit=u, period=month(0), measure=inspections, value=4100 + i)
                    for i, (t, u) in enumerate(units.items())}
    assignments = {t: Assignment.objects.create(person=w.person(t), unit=u, start_date=datetime.date(2022, 1, 1))
                   for t, u in units.items()}
    estimate = Estimate.objects.create(program=program(), outcome="seizures_per_1000", threshold=0.5,
                                       status=Estimate.Status.DONE, result={})
    w.imp = {"unit": units, "observation": observations, "assignment": assignments, "estimate": estimate,
             "inspections": inspections}
    return w.imp


def planted(w, *, units_per_agency=10, months=30, effect=0.6, seed=3, trained_share=0.7):
    """Units in both agencies with two officers each; most units trained at staggered months.

    Seizures per 1,000 inspections follow unit and month effects plus `effect` from the
    month both officers completed the program. Returns the program.
    """
    ensure_measures()
    rng = np.random.default_rng(seed)
    nii = program()
    measures = {m.code: m for m in Measure.objects.all()}
    observations, records = [], []
    index = 0
    for agency in (w.own, w.other):
        for k in range(units_per_agency):
            unit = Unit.objects.create(code=f"{agency.code}-U{k:02d}", name=f"Unit {k}", agency=agency)
            trained_at = int(rng.choice([6, 10, 14, 18, 22])) if rng.random() < trained_share else None
            for n in range(2):
                person = Person.objects.create(agency=agency, given_names=f"Officer {n}", family_names=f"{unit.code}",
                                               national_id=f"{unit.code}-{n}")
                Assignment.objects.create(person=person, unit=unit, start_date=datetime.date(2020, 1, 1))
                if trained_at is not None:
                    end = month(trained_at)
                    records.append(TrainingRecord(person=person, program=nii, agency=agency, source="historic",
                                                  start_date=end - datetime.timedelta(days=5), end_date=end + datetime.timedelta(days=3),
                                                  hours=40, result="completed"))
            level = rng.normal(3, 0.6)
            for t in range(months):
                inspections = 5000
                rate = level + 0.4 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 0.3)
                if trained_at is not None and t >= trained_at:
                    rate += effect
                seizures = max(0, round(rate * inspections / 1000))
                observations += [
                    Observation(unit=unit, period=month(t), measure=measures["inspections"], value=inspections),
                    Observation(unit=unit, period=month(t), measure=measures["seizures_fentanyl"], value=seizures),
                ]
            index += 1
    Observation.objects.bulk_create(observations)
    TrainingRecord.objects.bulk_create(records)
    return nii

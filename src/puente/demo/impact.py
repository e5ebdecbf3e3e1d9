"""Demo operational indicators: border units, their officers, a staggered NII training rollout.

CBP ports of entry and ANAM customs offices report 36 months of inspections, scanner hours,
scans, seizures by item, complaints and use-of-force incidents, with seasonal traffic (a
December peak and a summer rise). Eight of twelve units in each agency had most of their
officers complete the agency's non-intrusive inspection course at staggered months; from then
their scanners are used more (about 8 points more of capacity) and they seize about a fifth
more per 1,000 inspections. National Guard checkpoints and the coordinator's municipal police
(Tijuana) report too and never take the course, so each estimate has units to compare with.
"""
import calendar
import datetime
import math

import numpy as np
from django.utils import timezone

from puente.catalog.models import Program
from puente.impact.jobs import compute
from puente.impact.measures import ensure_measures
from puente.impact.models import Assignment, Estimate, Measure, Observation, Unit
from puente.records.models import TrainingRecord
from puente.registry.models import Agency, Person

MONTHS = 36
OFFICERS_PER_UNIT = 40
TRAINED_UNITS = 8
POE, CUSTOMS, CHECKPOINT, STATION = Unit.Kind.PORT_OF_ENTRY, Unit.Kind.CUSTOMS_OFFICE, Unit.Kind.CHECKPOINT, Unit.Kind.STATION

# (agency, program its units take or None, [(code, name, kind, monthly inspections in thousands, scanners)])
UNITS = [
    ("US-CBP", "CBP-NII-OP", [
        ("CBP-POE-SAN-YSIDRO", "San Ysidro Port of Entry", POE, 240, 6), ("CBP-POE-OTAY-MESA", "Otay Mesa Port of Entry", POE, 150, 8),
        ("CBP-POE-CALEXICO-E", "Calexico East Port of Entry", POE, 90, 4), ("CBP-POE-SAN-LUIS", "San Luis Port of Entry", POE, 70, 3),
        ("CBP-POE-DECONCINI", "Nogales DeConcini Port of Entry", POE, 80, 3), ("CBP-POE-MARIPOSA", "Nogales Mariposa Port of Entry", POE, 60, 6),
        ("CBP-POE-DOUGLAS", "Douglas Port of Entry", POE, 35, 2), ("CBP-POE-BOTA", "El Paso Bridge of the Americas", POE, 110, 4),
        ("CBP-POE-YSLETA", "Ysleta Port of Entry", POE, 95, 4), ("CBP-POE-WTB", "Laredo World Trade Bridge", POE, 130, 8),
        ("CBP-POE-PHARR", "Pharr International Bridge", POE, 85, 6), ("CBP-POE-BROWNSVILLE", "Brownsville Gateway Bridge", POE, 75, 3),
    ]),
    ("MX-ANAM", "ANAM-INI-OP", [
        ("ANAM-ADU-TIJUANA", "Aduana de Tijuana", CUSTOMS, 160, 5), ("ANAM-ADU-TECATE", "Aduana de Tecate", CUSTOMS, 25, 2),
        ("ANAM-ADU-MEXICALI", "Aduana de Mexicali", CUSTOMS, 90, 4), ("ANAM-ADU-SLRC", "Aduana de San Luis Río Colorado", CUSTOMS, 45, 2),
        ("ANAM-ADU-NOGALES", "Aduana de Nogales", CUSTOMS, 70, 4), ("ANAM-ADU-AGUA-PRIETA", "Aduana de Agua Prieta", CUSTOMS, 20, 2),
        ("ANAM-ADU-CD-JUAREZ", "Aduana de Ciudad Juárez", CUSTOMS, 140, 5), ("ANAM-ADU-OJINAGA", "Aduana de Ojinaga", CUSTOMS, 12, 1),
        ("ANAM-ADU-PIEDRAS-NEGRAS", "Aduana de Piedras Negras", CUSTOMS, 40, 2), ("ANAM-ADU-NUEVO-LAREDO", "Aduana de Nuevo Laredo", CUSTOMS, 170, 7),
        ("ANAM-ADU-REYNOSA", "Aduana de Reynosa", CUSTOMS, 65, 3), ("ANAM-ADU-MATAMOROS", "Aduana de Matamoros", CUSTOMS, 50, 3),
    ]),
    ("MX-GN", None, [
        ("GN-PC-FED15-KM98", "Puesto de control km 98, carretera federal 15 (Sonora)", CHECKPOINT, 18, 1),
        ("GN-PC-FED45-KM30", "Puesto de control km 30, carretera federal 45 (Chihuahua)", CHECKPOINT, 15, 1),
        ("GN-PC-LA-RUMOROSA", "Puesto de control La Rumorosa (Baja California)", CHECKPOINT, 12, 1),
        ("GN-PC-FED85-KM26", "Puesto de control km 26, carretera federal 85 (Nuevo León)", CHECKPOINT, 20, 1),
    ]),
    ("MX-BC-TIJ-SSPCM", None, [
        ("TIJ-SSPCM-CENTRO", "Distrito Centro", STATION, 8, 0), ("TIJ-SSPCM-OTAY", "Distrito Mesa de Otay", STATION, 6, 0),
        ("TIJ-SSPCM-PLAYAS", "Distrito Playas de Tijuana", STATION, 5, 0),
    ]),
]
# Share of seizures by item, northbound (CBP) and at Mexican units (more firearms and cash southbound).
SEIZURE_MIX = {
    "US": {"seizures_fentanyl": .24, "seizures_methamphetamine": .26, "seizures_cocaine": .14, "seizures_heroin": .04,
           "seizures_firearms": .04, "seizures_currency": .08, "seizures_other": .20},
    "MX": {"seizures_fentanyl": .10, "seizures_methamphetamine": .14, "seizures_cocaine": .08, "seizures_heroin": .03,
           "seizures_firearms": .25, "seizures_currency": .20, "seizures_other": .20},
}
USAGE_GAIN = 8.0  # points of scanner capacity after training
SEIZURE_GAIN = 0.20  # relative rise in seizures per 1,000 inspections after training


def _months(today: datetime.date) -> list[datetime.date]:
    last = today.year * 12 + today.month - 2  # the last complete month
    return [datetime.date(k // 12, k % 12 + 1, 1) for k in range(last - MONTHS + 1, last + 1)]


def build(ctx):
    ensure_measures()
    rng = np.random.default_rng(ctx.rng.randrange(2 ** 32))
    months = _months(timezone.localdate())
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[code for code, *_ in UNITS])}
    programs = {p.code: p for p in Program.objects.filter(code__in=[p for _a, p, _u in UNITS if p])}
    measures = {m.code: m for m in Measure.objects.all()}
    units, plans = [], []
    for agency_code, program_code, specs in UNITS:
        agency = agencies.get(agency_code)
        if agency is None:
            continue
        for code, name, kind, thousands, scanners in specs:
            units.append(Unit(code=code, name=name, agency=agency, kind=kind))
            plans.append((thousands, scanners, programs.get(program_code)))
    Unit.objects.bulk_create(units)
    ctx.progress(10, f"{len(units)} operational units")

    officers = _assign(ctx, rng, units, plans, months[0])
    training = _train(rng, units, plans, officers, months)
    ctx.progress(40, f"{sum(len(o) for o in officers)} officers assigned, {sum(1 for t in training if t is not None)} units trained")
    observations = []
    for unit, (thousands, scanners, _program), trained_at in zip(units, plans, training):
        observations += _indicators(rng, unit, thousands, scanners, trained_at, months, measures)
    Observation.objects.bulk_create(observations, batch_size=2000)
    ctx.progress(80, f"{len(observations):,} monthly values")

    for program in programs.values():
        for outcome in ("scan_usage", "seizures_per_1000"):
            row = Estimate.objects.create(program=program, outcome=outcome, threshold=0.5)
            compute(row, Unit.objects.all())
    ctx.counts.update(impact_units=len(units), impact_values=len(observations))


def _assign(ctx, rng, units, plans, first_month) -> list[list[int]]:
    """Officers per unit: up to OFFICERS_PER_UNIT, shared out among an agency's units."""
    demo_officer = ctx.data.get("demo_officer")
    by_agency = {}
    for unit in units:
        by_agency.setdefault(unit.agency_id, []).append(unit)
    officers = {unit.pk: [] for unit in units}
    rows = []
    for agency_id, agency_units in by_agency.items():
        programs = {p.pk for u, (_t, _s, p) in zip(units, plans) if u.agency_id == agency_id and p}
        people = (Person.objects.filter(agency_id=agency_id, status=Person.Status.ACTIVE)
                  .exclude(training_records__program_id__in=programs).order_by("pk"))
        if demo_officer is not None:
            people = people.exclude(pk=demo_officer.pk)
        pool = list(people.values_list("pk", flat=True)[:OFFICERS_PER_UNIT * len(agency_units)])
        for k, person_id in enumerate(pool):
            unit = agency_units[k % len(agency_units)]
            officers[unit.pk].append(person_id)
            start = first_month - datetime.timedelta(days=int(rng.integers(30, 2000)))
            rows.append(Assignment(person_id=person_id, unit=unit, start_date=start))
    Assignment.objects.bulk_create(rows, batch_size=2000)
    return [officers[unit.pk] for unit in units]


def _train(rng, units, plans, officers, months) -> list[int | None]:
    """Staggered rollout: per agency, TRAINED_UNITS units reach most officers trained at spread-out months."""
    training = [None] * len(units)
    records = []
    for agency_id in {u.agency_id for u in units}:
        indexes = [i for i, u in enumerate(units) if u.agency_id == agency_id and plans[i][2] and officers[i]]
        chosen = rng.permutation(indexes)[:TRAINED_UNITS]
        starts = sorted(rng.choice(np.arange(8, MONTHS - 6), size=len(chosen), replace=False))
        for i, month_index in zip(chosen, starts):
            program, staff = plans[i][2], officers[i]
            training[i] = int(month_index)
            # Most of the unit trains in one course; a few follow in the next months, some never.
            first_wave = math.ceil(0.6 * len(staff))
            for k, person_id in enumerate(staff):
                if k < first_wave:
                    at = month_index
                elif rng.random() < 0.6:
                    at = month_index + int(rng.integers(1, 7))
                else:
                    continue
                month = months[min(at, MONTHS - 1)]
                end = month.replace(day=int(rng.integers(8, 28)))
                records.append(TrainingRecord(
                    person_id=person_id, program=program, agency_id=agency_id, source=TrainingRecord.Source.HISTORIC,
                    start_date=end - datetime.timedelta(days=4), end_date=end, hours=program.hours,
                    ce_credits=program.ce_credits, result=TrainingRecord.Result.COMPLETED, reference="NII rollout (demo)",
                ))
    TrainingRecord.objects.bulk_create(records, batch_size=2000)
    return training


def _indicators(rng, unit, thousands, scanners, trained_at, months, measures) -> list[Observation]:
    t = np.arange(len(months))
    month_of_year = np.array([m.month for m in months])
    # Traffic peaks in December (holidays) and rises in summer; it grows a little each year.
    season = 1 + 0.10 * (month_of_year == 12) + 0.06 * np.isin(month_of_year, (6, 7, 8)) - 0.05 * (month_of_year == 2)
    inspections = np.round(thousands * 1000 * season * (1 + 0.002 * t) * rng.normal(1, 0.03, len(t))).astype(int)
    trained = np.zeros(len(t), bool) if trained_at is None else t >= trained_at
    days = np.array([calendar.monthrange(m.year, m.month)[1] for m in months])
    hours = np.round(scanners * 16 * days * rng.uniform(0.8, 0.95, len(t))).astype(int)
    base_usage = rng.uniform(28, 42)
    usage = np.clip(base_usage + 1.5 * (month_of_year == 12) + USAGE_GAIN * trained + rng.normal(0, 2.5, len(t)), 5, 95)
    scans = np.minimum(np.round(usage / 100 * 30 * hours).astype(int), inspections)
    rate = rng.uniform(0.35, 0.8) * (1 + 0.08 * np.sin(2 * np.pi * (month_of_year - 3) / 12)) * (1 + SEIZURE_GAIN * trained)
    seizures = rng.poisson(rate * inspections / 1000)
    mix = SEIZURE_MIX[unit.agency.country_id]
    by_item = rng.multinomial(seizures, list(mix.values()) / np.sum(list(mix.values())))
    complaints = rng.poisson(0.03 * inspections / 1000)
    force = rng.poisson(0.008 * inspections / 1000)
    columns = {"inspections": inspections, "complaints": complaints, "use_of_force": force,
               **{code: by_item[:, k] for k, code in enumerate(mix)}}
    if scanners:
        columns.update(scanner_hours=hours, scans=scans)
    return [
        Observation(unit=unit, period=month, measure=measures[code], value=int(values[k]))
        for code, values in columns.items() for k, month in enumerate(months)
    ]

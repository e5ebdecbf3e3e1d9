"""Training-records demo data: past training, as agencies would import it from their own files.

Mexico's customs agency (ANAM) trained 8,082 people in 2022 and 8,996 in 2023 (+11%): here
that many distinct ANAM officers finish at least one program in each calendar year, exactly,
at the default scale and above (below it, the same figures scaled). ANAM took over customs on
1 January 2022 with the staff of the former customs administration: when the registry has too
few ANAM officers employed in a year, later hires become transferred staff (their service
began before 2022), and when it has too few officers at all, transferred officers are added.
The CITES (protected species), gender-equality and human-rights modules start in 2024.
The officers ANAM hired itself take the initial training in their first months, and are
among the year's trained (so the credentials part finds it done and adds none in those years).

Officers of other agencies get a few historic records each (a share of them), in programs of
their country's languages, from their hire date (or 2010) to last year. All records are
historic imports: source "historic", the agency of the time, the program's hours and credits.
"""
import datetime
from decimal import Decimal

from django.utils import timezone

from puente.catalog.models import Domain, Program
from puente.records.models import TrainingRecord
from puente.registry.models import Agency, Person

from .builder import SCALES
from .registry import AgencyPlan, _people

ANAM = "MX-ANAM"
# Distinct ANAM officers who completed training in each calendar year.
# 2022 and 2023 are ANAM's reported figures; 2024 continues the growth, with the new modules.
ANAM_TRAINED = {2022: 8_082, 2023: 8_996, 2024: 9_540}
ANAM_TAKEOVER = datetime.date(2022, 1, 1)
INITIAL_TRAINING = "SESNSP-FI"  # the initial training ANAM's own new officers take
ANAM_TRAINED_SHARE = 0.85  # of the officers employed in a year, at most this share is trained in it
ANAM_MODULES = ("ANAM-CITES", "ANAM-GENERO", "ANAM-DDHH")
MODULES_FROM = 2024
# (code, weight in a year's training): induction and inspection for a new agency's staff.
ANAM_PROGRAMS = [
    ("ANAM-INDUC", 30), ("ANAM-REVISION", 18), ("ANAM-CONTRABANDO", 12), ("ANAM-INI-OP", 9), ("ANAM-PREC", 10),
    ("ANAM-INI-IMG", 5), ("ANAM-VALOR", 6), ("ANAM-CLASIF", 6), ("ANAM-TMEC", 7), ("ANAM-K9", 1),
]
ANAM_MODULE_WEIGHTS = {"ANAM-CITES": 9, "ANAM-GENERO": 14, "ANAM-DDHH": 12}
# Customs programs the records need when the catalog lacks them (code, English, Spanish, hours).
CUSTOMS_PROGRAMS = [
    ("ANAM-REVISION", "Customs Inspection of Goods and Travelers", "Revisión aduanera de mercancías y pasajeros", "40"),
    ("ANAM-CONTRABANDO", "Anti-Smuggling Operations", "Operaciones contra el contrabando", "32"),
    ("ANAM-INDUC", "Induction to Customs Operations", "Inducción a la operación aduanera", "40"),
    ("ANAM-INI-OP", "Non-Intrusive Inspection Operator", "Operador de equipos de inspección no intrusiva", "40"),
    ("ANAM-PREC", "Chemical Precursors at Ports of Entry", "Precursores químicos en las aduanas", "24"),
    ("ANAM-CITES", "Protected Species and CITES Controls", "Especies protegidas y controles CITES", "16"),
    ("ANAM-GENERO", "Gender Equality at Inspection Points", "Igualdad de género en los puntos de revisión", "8"),
    ("ANAM-DDHH", "Human Rights in Customs Work", "Derechos humanos en la función aduanera", "12"),
]
SECOND_PROGRAM_SHARE, THIRD_PROGRAM_SHARE = 0.3, 0.06
FAILED_SHARE = 0.04  # of trained officers, who also failed another program that year

REFERENCES = ("Historial de capacitación", "Training history")  # other agencies' records, by country
OTHERS_SHARE = 0.15  # of other agencies' officers with historic records
OTHERS_MAX_RECORDS = 3
FIRST_HISTORIC_YEAR = 2010
BATCH = 5000


def build(ctx):
    today = timezone.localdate()
    last_year = min(today.year - 1, max(ANAM_TRAINED))
    programs = _programs(ctx)
    anam = _anam(ctx)
    written = _anam_records(ctx, anam, programs, last_year)
    ctx.progress(60, f"{written:,} ANAM training records")
    written += _other_records(ctx, anam, today)
    ctx.counts["historic_records"] = written
    ctx.counts["training_records"] = ctx.counts.get("training_records", 0) + written
    ctx.progress(100, f"{written:,} training records")


def anam_targets(ctx, last_year: int | None = None) -> dict[int, int]:
    """Distinct ANAM officers trained per year: exact from the default scale up, scaled below it."""
    exact = ctx.scale >= SCALES["default"]
    return {
        year: (people if exact else ctx.scaled(people))
        for year, people in ANAM_TRAINED.items() if last_year is None or year <= last_year
    }


def _programs(ctx) -> dict[str, Program]:
    """The catalog's programs by code, with the customs programs the records need added if absent."""
    programs = {p.code: p for p in Program.objects.all()}
    missing = [spec for spec in CUSTOMS_PROGRAMS if spec[0] not in programs]
    if missing:
        domain, _ = Domain.objects.get_or_create(code="CUSTOMS", defaults={"name_en": "Customs and trade", "name_es": "Aduanas y comercio exterior"})
        for code, title_en, title_es, hours in missing:
            hours = Decimal(hours)
            programs[code] = Program.objects.create(
                code=code, title_en=title_en, title_es=title_es, domain=domain, hours=hours, ce_credits=hours / 10,
                languages=["es"],
            )
    return programs


def _anam(ctx) -> Agency:
    anam = Agency.objects.filter(code=ANAM).first()
    if anam is None:
        anam = Agency.objects.create(
            code=ANAM, name="Agencia Nacional de Aduanas de México", acronym="ANAM", country_id="MX",
            level=Agency.Level.FEDERAL, kind=Agency.Kind.CUSTOMS, border_region=True,
        )
    return anam


def _anam_staff(ctx, anam: Agency, targets: dict[int, int]) -> list[tuple[int, datetime.date]]:
    """ANAM's officers as (id, hire date), with enough of them employed in each year.

    Most of ANAM's staff came from the former customs administration: when too few officers
    were hired by a year, the latest hires become transferred staff whose service started
    before 2022; when there are too few officers at all, transferred officers are added.
    """
    rng = ctx.rng
    staff = dict(Person.objects.filter(agency=anam).order_by("pk").values_list("pk", "hire_date"))
    moved = {}
    for year, trained in targets.items():
        needed = -int(-trained / ANAM_TRAINED_SHARE)
        cutoff = _last_hire(year)
        employed = sum(1 for hired in staff.values() if hired <= cutoff)
        later = sorted(pk for pk, hired in staff.items() if hired > cutoff)
        for pk in rng.sample(later, min(len(later), max(0, needed - employed))):
            staff[pk] = moved[pk] = _career_start(rng)
    if moved:
        people = Person.objects.in_bulk(list(moved))
        for pk, hired in moved.items():
            people[pk].hire_date = hired
        Person.objects.bulk_update(people.values(), ["hire_date"], batch_size=BATCH)
    short = max(-int(-trained / ANAM_TRAINED_SHARE) for trained in targets.values()) - len(staff)
    if short > 0:
        plan = AgencyPlan(anam, ranks="mx_customs", size=short, founded=ANAM_TAKEOVER.year)
        taken = set(Person.objects.filter(country_id="MX").values_list("national_id", flat=True))
        added = []
        for person in _people(rng, [plan]):
            if person.national_id in taken:  # another sequence's CUIP: draw no duplicate
                continue
            taken.add(person.national_id)
            person.hire_date = _career_start(rng)
            added.append(person)
        Person.objects.bulk_create(added, batch_size=BATCH)
        ctx.counts["people"] = ctx.counts.get("people", 0) + len(added)
        if "people_by_agency" in ctx.data:
            ctx.data["people_by_agency"][anam.pk] = ctx.data["people_by_agency"].get(anam.pk, 0) + len(added)
        staff = dict(Person.objects.filter(agency=anam).order_by("pk").values_list("pk", "hire_date"))
    return sorted(staff.items())


def _last_hire(year: int) -> datetime.date:
    """Officers hired by this day can finish a program in the year."""
    return datetime.date(year, 12, 31) - datetime.timedelta(days=40)


def _career_start(rng) -> datetime.date:
    """When a transferred officer joined the customs service: before ANAM existed, and long
    enough before that their initial training (the first months of service) ended by 2022."""
    return ANAM_TAKEOVER - datetime.timedelta(days=200 + int(rng.random() * 20 * 365))


def _anam_records(ctx, anam: Agency, programs: dict[str, Program], last_year: int) -> int:
    """ANAM's records: exactly the target number of distinct officers complete training each year.

    Officers ANAM hired itself take the initial training (formación inicial) in their first
    months; they count among the year's trained, with anyone an earlier part (joint courses)
    already recorded as trained by ANAM that year. The rest of each year's officers are drawn
    from the staff employed then and take one to three of ANAM's programs.
    """
    rng = ctx.rng
    targets = anam_targets(ctx, last_year)
    staff = _anam_staff(ctx, anam, targets)
    records = []
    trained = {year: set() for year in targets}
    initial = programs.get(INITIAL_TRAINING)
    if initial is not None:
        for pk, hired in staff:
            start = hired + datetime.timedelta(days=int(rng.random() * 10))
            end = start + datetime.timedelta(days=90 + int(rng.random() * 80))
            if hired >= ANAM_TAKEOVER and end.year in trained:
                records.append(_record(rng, pk, anam.pk, initial, start, end, TrainingRecord.Result.COMPLETED,
                                       "ANAM, formación inicial", length=(end - start).days))
                trained[end.year].add(pk)
    earlier = TrainingRecord.objects.filter(agency=anam, result=TrainingRecord.Result.COMPLETED, end_date__year__in=list(targets))
    for pk, year in earlier.values_list("person_id", "end_date__year"):
        trained[year].add(pk)
    for year, target in targets.items():
        offered = ANAM_PROGRAMS + ([(code, w) for code, w in ANAM_MODULE_WEIGHTS.items()] if year >= MODULES_FROM else [])
        codes, weights = [code for code, _w in offered], [w for _code, w in offered]
        year_end = datetime.date(year, 12, 31)
        already = trained[year]
        if len(already) > target:
            raise ValueError(f"ANAM {year}: {len(already)} officers already trained, more than {target}")
        employed = [(pk, hired) for pk, hired in staff if hired <= _last_hire(year) and pk not in already]
        for pk, hired in rng.sample(employed, target - len(already)):
            wanted = 1 + (rng.random() < SECOND_PROGRAM_SHARE) + (rng.random() < THIRD_PROGRAM_SHARE)
            taken = _distinct(rng, codes, weights, wanted + 1)
            first_day = max(datetime.date(year, 1, 10), hired)
            for index, code in enumerate(taken):
                if index == wanted and rng.random() >= FAILED_SHARE:
                    break
                result = TrainingRecord.Result.COMPLETED if index < wanted else TrainingRecord.Result.FAILED
                records.append(_record(rng, pk, anam.pk, programs[code], first_day, year_end, result,
                                       f"ANAM, registro de capacitación {year}"))
        ctx.progress(10 + 50 * (year - 2021) / (last_year - 2021), f"ANAM {year}: {target:,} officers trained")
    TrainingRecord.objects.bulk_create(records, batch_size=BATCH)
    return len(records)


def _distinct(rng, codes: list[str], weights: list[int], count: int) -> list[str]:
    chosen = []
    while len(chosen) < min(count, len(codes)):
        code = rng.choices(codes, weights)[0]
        if code not in chosen:
            chosen.append(code)
    return chosen


def _record(rng, person: int, agency: int, program: Program, first_day: datetime.date, last_day: datetime.date,
            result: str, reference: str, length: int | None = None) -> TrainingRecord:
    """One record of `program` that starts and ends between the two days (a day of eight hours)."""
    if length is None:
        length = max(0, min(int(program.hours // 8), 60) - 1 + (program.hours % 8 > 0))
    span = max(0, (last_day - first_day).days - length)
    start = first_day + datetime.timedelta(days=int(rng.random() * (span + 1)))
    passed = result == TrainingRecord.Result.COMPLETED
    return TrainingRecord(
        person_id=person, program_id=program.pk, agency_id=agency, source=TrainingRecord.Source.HISTORIC,
        start_date=start, end_date=start + datetime.timedelta(days=length), hours=program.hours,
        ce_credits=program.ce_credits if passed else Decimal(0), result=result,
        score=Decimal(round(rng.uniform(70, 100) if passed else rng.uniform(35, 69.9), 1)).quantize(Decimal("0.1")),
        reference=reference,
    )


def _other_records(ctx, anam: Agency, today: datetime.date) -> int:
    """A few historic records for a share of every other agency's officers, written in batches."""
    rng = ctx.rng
    by_language = {"MX": "es", "US": "en"}
    catalog = list(Program.objects.exclude(code__startswith="ANAM-").exclude(code__startswith="BENCH-"))
    offered = {country: [p for p in catalog if language in (p.languages or [])] for country, language in by_language.items()}
    last_day = datetime.date(today.year - 1, 12, 31)
    earliest = datetime.date(FIRST_HISTORIC_YEAR, 1, 1)
    demo_officer = ctx.data.get("demo_officer")
    people = (
        Person.objects.exclude(agency=anam).filter(hire_date__lt=last_day - datetime.timedelta(days=60))
        .order_by("pk").values_list("pk", "agency_id", "country_id", "hire_date")
    )
    total = ctx.data.get("people_by_agency") and sum(ctx.data["people_by_agency"].values()) or 1
    batch, written, seen = [], 0, 0
    for pk, agency, country, hired in people.iterator(chunk_size=BATCH):
        seen += 1
        chosen = demo_officer is not None and pk == demo_officer.pk
        if not chosen and rng.random() >= OTHERS_SHARE:
            continue
        programs = offered.get(country) or catalog
        first_day = max(hired or earliest, earliest)
        for program in rng.sample(programs, min(len(programs), 1 + int(rng.random() * OTHERS_MAX_RECORDS) + chosen)):
            failed = rng.random() < 0.05
            reference = REFERENCES[0] if country == "MX" else REFERENCES[1]
            batch.append(_record(rng, pk, agency, program, first_day, last_day,
                                 TrainingRecord.Result.FAILED if failed else TrainingRecord.Result.COMPLETED, reference))
        if len(batch) >= BATCH:
            TrainingRecord.objects.bulk_create(batch)
            written += len(batch)
            batch = []
            ctx.progress(60 + 40 * min(1.0, seen / total), f"{written:,} historic records of other agencies")
    TrainingRecord.objects.bulk_create(batch)
    return written + len(batch)

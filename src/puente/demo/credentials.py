"""Credentials demo data: the CUP's component records for the whole Mexican force.

At full scale the CUP coverage on 31 March 2024, computed from these records, is exactly
390,694 of 515,862 (75.7%): federal 96,784 of 164,041 (59.0%), state 151,890 of 171,821
(88.4%), municipal 142,020 of 180,000 (78.9%). Other scales keep the proportions by level.

Each officer gets a history: a holder on the coverage date has a passed trust evaluation
(control de confianza), the initial training (formación inicial) and passed basic-competencies
and performance evaluations, all within their validity; everyone else lacks one of them or
let it lapse, in a few realistic ways. Trust checks the vetting part already made are counted,
not duplicated. After the coverage date most holders renew in their window, so today's work
lists show people falling due. The coordinator's agency also gets issued CUP credentials.
"""
import datetime

from django.db import connection, transaction
from django.utils import timezone

from puente.credentials import actions, status
from puente.credentials.models import Component, CredentialType, Evaluation, IssuedCredential
from puente.credentials.rules import earliest_valid_start, evaluate, last_valid_day
from puente.records.models import TrainingRecord
from puente.registry.models import Agency, Person
from puente.vetting.models import VettingCheck

from .vetting import FEDERAL_CENTER, state_centers

COVERAGE_DATE = datetime.date(2024, 3, 31)
HOLDERS = {Agency.Level.FEDERAL: 96_784, Agency.Level.STATE: 151_890, Agency.Level.MUNICIPAL: 142_020}
# Ways of not holding the CUP on the coverage date, with weights.
GAPS = (("new", 2), ("no_training", 3), ("trust_lapsed", 4), ("trust_failed", 1), ("performance_lapsed", 4),
        ("competencies_missing", 2), ("all_expired", 3))
RENEWAL_SHARE = 0.8  # of holders falling due before today
CATCH_UP_SHARE = 0.35  # of non-holders who complete their components after the coverage date
TRAINING_CENTER = "Academia Regional de Seguridad Pública"
PERFORMANCE_EVALUATOR = "Comisión del Servicio Profesional de Carrera Policial"
BATCH = 50_000
DAY = datetime.timedelta(days=1)


def holders_at_scale(people_by_level: dict[str, int]) -> dict[str, int]:
    """Holders per level: the full-scale counts in proportion to the people actually built."""
    from .registry import MX_OFFICERS_BY_LEVEL

    return {level: round(people_by_level.get(level, 0) * HOLDERS[level] / MX_OFFICERS_BY_LEVEL[level]) for level in HOLDERS}


class _Table:
    """Rows of one model as plain tuples, inserted with one parameterized statement per batch.

    Model instances and bulk_create cost more than the data at this volume (millions of rows;
    SQLite also caps each statement at a few dozen rows of these tables). The statement is
    built from the model's own columns, so it is the same standard INSERT on every database.
    """

    def __init__(self, model, now, given: tuple[str, ...]):
        fields = [field for field in model._meta.concrete_fields if not field.primary_key]
        names = [field.attname for field in fields]
        self.base = [
            now if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False) else field.get_default()
            for field in fields
        ]
        self.positions = [names.index(name) for name in given]
        quote = connection.ops.quote_name
        self.sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(field.column) for field in fields)}) "
                    f"VALUES ({', '.join(['%s'] * len(fields))})")
        self.rows = []
        self.count = 0

    def add(self, *values):
        """A row from `values` in the order of `given`; other columns take their defaults."""
        row = self.base.copy()
        for position, value in zip(self.positions, values):
            row[position] = value
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self):
        if self.rows:
            # One transaction per batch: in autocommit SQLite would commit (and sync) every row.
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(self.sql, self.rows)
            self.count += len(self.rows)
            self.rows = []


class _Writer:
    """One table per model, flushed in batches, so memory stays flat at full scale."""

    def __init__(self):
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        self.vetting = _Table(VettingCheck, now, ("person_id", "kind", "checked_on", "issuing_center", "result", "valid_until"))
        self.training = _Table(TrainingRecord, now, ("person_id", "program_id", "agency_id", "source", "start_date", "end_date",
                                                     "hours", "result", "score", "reference"))
        self.evaluation = _Table(Evaluation, now, ("person_id", "kind", "evaluated_on", "evaluator", "result", "score"))

    def flush(self):
        for table in (self.vetting, self.training, self.evaluation):
            table.flush()


class _History:
    """Writes one officer's component facts."""

    def __init__(self, ctx, writer, cup: CredentialType, centers: dict):
        self.rng, self.writer, self.centers = ctx.rng, writer, centers
        self.random = ctx.rng.random
        by_kind = {component.kind: component for component in cup.components.all()}
        self.program_id = by_kind[Component.Kind.PROGRAM].program_id
        self.trust_start = earliest_valid_start(COVERAGE_DATE, cup.validity_months)  # facts from then on are current
        self.today = timezone.localdate()

    def randint(self, low: int, high: int) -> int:
        # As rng.randint, at a fraction of its cost over millions of draws.
        return low + int(self.random() * (high - low + 1))

    def days_back(self, day, low, high):
        return day - datetime.timedelta(days=self.randint(low, high))

    def trust(self, person_id, agency_id, on, passed=True):
        self.writer.vetting.add(
            person_id, VettingCheck.Kind.TRUST, on, self.centers.get(agency_id, FEDERAL_CENTER),
            VettingCheck.Result.PASSED if passed else VettingCheck.Result.FAILED, last_valid_day(on, 36) if passed else None,
        )

    def training(self, person_id, agency_id, end):
        self.writer.training.add(
            person_id, self.program_id, agency_id, TrainingRecord.Source.HISTORIC, end - datetime.timedelta(days=120), end, 480,
            TrainingRecord.Result.COMPLETED, self.randint(70, 100), TRAINING_CENTER,
        )

    def evaluation(self, person_id, agency_id, kind, on, passed=True):
        evaluator = self.centers.get(agency_id, FEDERAL_CENTER) if kind == Evaluation.Kind.BASIC_COMPETENCIES else PERFORMANCE_EVALUATOR
        self.writer.evaluation.add(
            person_id, kind, on, evaluator, Evaluation.Result.PASSED if passed else Evaluation.Result.FAILED,
            self.randint(70, 100) if passed else self.randint(30, 69),
        )

    def cycle(self, person_id, agency_id, on, trust=True, competencies=True, performance=True):
        """One round of evaluations around `on` (never after the coverage date when `on` is before it)."""
        limit = COVERAGE_DATE if on <= COVERAGE_DATE else self.today
        if trust:
            # The check comes a little before the evaluations, without crossing the coverage date
            # or, for a current cycle, the start of its validity.
            trust_on = self.days_back(on, 0, 60)
            if on > COVERAGE_DATE:
                trust_on = max(trust_on, COVERAGE_DATE + DAY)
            elif on >= self.trust_start:
                trust_on = max(trust_on, self.trust_start)
            self.trust(person_id, agency_id, trust_on)
        if competencies:
            self.evaluation(person_id, agency_id, Evaluation.Kind.BASIC_COMPETENCIES, min(limit, on + self.randint(0, 30) * DAY))
        if performance:
            self.evaluation(person_id, agency_id, Evaluation.Kind.PERFORMANCE, min(limit, on + self.randint(0, 60) * DAY))

    def renew(self, person_id, agency_id, cycle_on, always=False):
        """After the coverage date, most renew inside the window before their cycle lapses."""
        due = last_valid_day(cycle_on, 36)
        first, last = max(COVERAGE_DATE + DAY, due - 150 * DAY), min(self.today, due - 5 * DAY)
        if first <= last and (always or self.rng.random() < RENEWAL_SHARE):
            self.cycle(person_id, agency_id, first + self.randint(0, (last - first).days) * DAY)


def _gap(rng, trust_ok: bool, trained: bool) -> str:
    choices = [(gap, weight) for gap, weight in GAPS
               if not (trust_ok and gap in ("trust_lapsed", "trust_failed", "all_expired", "new"))
               and not (trained and gap in ("no_training", "new", "all_expired"))]
    return rng.choices([gap for gap, _ in choices], [weight for _, weight in choices])[0]


def _non_holder(history: _History, person_id, agency_id, hire, gap, trust_ok, has_record):
    rng, start = history.rng, history.trust_start
    recent = history.days_back(COVERAGE_DATE, 1, (COVERAGE_DATE - start).days - 60)
    if gap == "new":
        pass
    elif gap == "all_expired":
        old = history.days_back(start, 200, 900)
        history.training(person_id, agency_id, min(old, max(hire, old - 3000 * DAY)))
        history.cycle(person_id, agency_id, old)
    else:
        if not has_record and gap != "no_training":
            history.training(person_id, agency_id, min(recent, hire + history.randint(90, 180) * DAY))
        if not trust_ok:
            if gap == "trust_lapsed":
                history.trust(person_id, agency_id, history.days_back(start, 30, 600))
            elif gap == "trust_failed":
                history.trust(person_id, agency_id, history.days_back(start, 30, 600))
                history.trust(person_id, agency_id, recent, passed=False)
            else:
                history.trust(person_id, agency_id, recent)
        if gap == "performance_lapsed":
            history.evaluation(person_id, agency_id, Evaluation.Kind.PERFORMANCE, history.days_back(start, 1, 400))
        else:
            history.cycle(person_id, agency_id, recent, trust=False, competencies=False)
        if gap != "competencies_missing":
            history.cycle(person_id, agency_id, recent, trust=False, performance=False)
    if rng.random() < CATCH_UP_SHARE:
        later = COVERAGE_DATE + history.randint(30, (history.today - COVERAGE_DATE).days - 10) * DAY
        if gap in ("new", "no_training") and not has_record:
            history.training(person_id, agency_id, later)
        history.cycle(person_id, agency_id, later)


def _existing(program_id) -> tuple[set, set, set]:
    """People whose trust check (made by the vetting part) holds on the coverage date, and
    those with any record of the initial training, completed by then or not."""
    trust_ok = set(VettingCheck.objects.filter(
        kind=VettingCheck.Kind.TRUST, result=VettingCheck.Result.PASSED, checked_on__lte=COVERAGE_DATE, valid_until__gte=COVERAGE_DATE,
    ).values_list("person_id", flat=True))
    records = TrainingRecord.objects.filter(program_id=program_id)
    trained = set(records.filter(result=TrainingRecord.Result.COMPLETED, end_date__lte=COVERAGE_DATE).values_list("person_id", flat=True))
    any_record = set(records.values_list("person_id", flat=True))
    return trust_ok, trained, any_record


def _histories(ctx, cup: CredentialType, writer: _Writer) -> dict:
    rng = ctx.rng
    agencies = list(Agency.objects.filter(country_id="MX").select_related("jurisdiction__parent__parent"))
    history = _History(ctx, writer, cup, state_centers(agencies))
    trust_ok, trained, any_record = _existing(history.program_id)
    people = list(Person.objects.filter(country_id="MX").order_by("pk").values_list("pk", "agency_id", "agency__level", "hire_date"))
    by_level = {}
    for row in people:
        by_level.setdefault(row[2], []).append(row)
    targets = holders_at_scale({level: len(rows) for level, rows in by_level.items()})
    officer = ctx.data.get("demo_officer")
    latest_hire = COVERAGE_DATE - 200 * DAY
    holders = set()
    for level, rows in by_level.items():
        eligible = [row[0] for row in rows if row[3] is None or row[3] <= latest_hire]
        chosen = set(rng.sample(eligible, min(targets.get(level, 0), len(eligible))))
        if officer is not None and officer.agency.level == level and officer.pk not in chosen and chosen:
            chosen.discard(min(chosen))
            chosen.add(officer.pk)
        holders |= chosen
    cycles = {}
    for done, (person_id, agency_id, _level, hire) in enumerate(people):
        hire = hire or datetime.date(2000, 1, 1)
        if person_id in holders:
            on = history.days_back(COVERAGE_DATE, 61, (COVERAGE_DATE - history.trust_start).days - 30)
            if person_id not in trained:
                history.training(person_id, agency_id, min(on, hire + history.randint(90, 180) * DAY))
            history.cycle(person_id, agency_id, on, trust=person_id not in trust_ok)
            cycles[person_id] = on
            # The demo officer's login always shows a current CUP.
            history.renew(person_id, agency_id, on, always=officer is not None and person_id == officer.pk)
        else:
            gap = "new" if hire > latest_hire else _gap(rng, person_id in trust_ok, person_id in trained)
            _non_holder(history, person_id, agency_id, hire, gap, person_id in trust_ok, person_id in any_record)
        if done % 20_000 == 0:
            ctx.progress(5 + 85 * done / len(people), f"CUP components {done:,} of {len(people):,} officers")
    writer.flush()
    ctx.counts["cup_holders_on_2024_03_31"] = len(holders)
    return cycles


def _issue_sample(ctx, cup: CredentialType, agency: Agency) -> int:
    """Issued CUP credentials for one agency: each cycle's credential, the renewal linked to it."""
    today = timezone.localdate()
    components = list(cup.components.select_related("program"))
    rules = status.rules_for(cup, components)
    people = list(Person.objects.filter(agency=agency).values_list("pk", flat=True))
    facts = status.facts_for(cup, people, components)
    rows, sequence = [], {}

    def serial(day):
        sequence[day.year] = sequence.get(day.year, 0) + 1
        return f"{cup.code}-{day.year}-{sequence[day.year]:06d}"

    for person_id in people:
        previous = None
        for on_date in (COVERAGE_DATE, today):
            result = evaluate(rules, facts.get(person_id, []), on_date)
            if not result.covered or (previous is not None and result.basis == previous.issued_on):
                continue
            issued = evaluate(rules, facts[person_id], result.basis, issued_on=result.basis)
            if not issued.covered:
                continue
            previous = IssuedCredential(
                credential_type=cup, person_id=person_id, issued_on=result.basis, valid_until=issued.valid_until, issuer_agency=agency,
                renewal_of=previous, components=[{"key": s.key, "on": s.fact.on.isoformat(), "source": s.fact.reference} for s in issued.components],
            )
            rows.append(previous)
    rows.sort(key=lambda row: (row.issued_on, row.person_id))
    for row in rows:
        row.serial = serial(row.issued_on)
        draw = ctx.rng.random()
        if draw < 0.01 and row.valid_until >= today:
            row.status, row.suspended_on, row.suspended_reason = IssuedCredential.Status.SUSPENDED, today - 20 * DAY, "Investigación interna en curso"
        elif draw < 0.015:
            row.status, row.revoked_on, row.revoked_reason = IssuedCredential.Status.REVOKED, row.issued_on + 90 * DAY, "Baja de la corporación"
    # Renewals point at the credential they renew, so those are written first.
    IssuedCredential.objects.bulk_create([row for row in rows if row.renewal_of is None], batch_size=2000)
    IssuedCredential.objects.bulk_create([row for row in rows if row.renewal_of is not None], batch_size=2000)
    return len(rows)


def build(ctx):
    actions.load_defaults(None)
    cup = CredentialType.objects.get(code="MX-CUP")
    ctx.counts["credential_types"] = CredentialType.objects.count()
    ctx.progress(2, "credential types")
    writer = _Writer()
    _histories(ctx, cup, writer)
    ctx.counts["vetting_checks"] = ctx.counts.get("vetting_checks", 0) + writer.vetting.count
    ctx.counts["training_records"] = ctx.counts.get("training_records", 0) + writer.training.count
    ctx.counts["evaluations"] = writer.evaluation.count
    agency = ctx.data.get("demo_agencies", {}).get("coordinator")
    if agency is not None:
        ctx.counts["issued_credentials"] = _issue_sample(ctx, cup, agency)
    ctx.progress(100, f"{writer.evaluation.count:,} evaluations")

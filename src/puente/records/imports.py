"""Files read into records: proposed nominations for a term, and historic training records."""
from array import array
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from puente.accounts.scoping import AGENCY, ALL, all_grants, role_assignments
from puente.capacity.models import Session
from puente.catalog.models import Program
from puente.core import audit, bulk
from puente.core.imports import Column, ImportFailed, Importer, PackedRows, RowError, RowInvalid, read_rows
from puente.core.models import AuditEntry
from puente.core.services import action_name, require_all
from puente.registry.models import Country, Person

from .models import TrainingRecord


class Proposals(Importer):
    """Rows of a term's proposed nominations: national_id, session (id), value."""

    columns = [
        Column("national_id", gettext_lazy("National identifier"), required=True),
        Column("session", gettext_lazy("Session"), required=True),
        Column("value", gettext_lazy("Value")),
    ]

    def __init__(self, actor, agency, fiscal_year):
        super().__init__(actor)
        self.people = {p.national_id: p for p in Person.objects.restrict(actor, "view").filter(agency=agency)}
        self.sessions = {s.pk: s for s in Session.objects.filter(fiscal_year=fiscal_year).select_related("program")}

    def clean_row(self, values):
        person = self.people.get(str(values.get("national_id", "")).strip().upper())
        if person is None:
            raise RowInvalid("national_id", _("no officer of this agency you may nominate has this identifier."))
        try:
            session = self.sessions[int(str(values.get("session")).strip())]
        except (KeyError, ValueError):
            raise RowInvalid("session", _("no session of this fiscal year has this number.")) from None
        try:
            value = float(str(values.get("value") or "1").replace(",", "."))
        except ValueError:
            raise RowInvalid("value", _("“%(value)s” is not a number.") % {"value": values.get("value")}) from None
        return (person.pk, session.pk), (person, session, value)


def read_proposals(actor, agency, fiscal_year: int, path, display_name: str) -> tuple[list, list[RowError]]:
    """(proposals, bad rows): (person, session, value) for each good row of the file."""
    reader = Proposals(actor, agency, fiscal_year)
    proposals, errors = [], []
    for number, values in read_rows(path, display_name, reader):
        try:
            proposals.append(reader.clean_row(values)[1])
        except RowInvalid as exc:
            errors.append(RowError(display_name, number, exc.column, exc.message))
    return proposals, errors


# --- Historic training records ------------------------------------------------------------------

BATCH = 4000  # rows written between progress reports
DATE_BITS = 22  # date.toordinal() of any date up to 9999-12-31 fits
RESULTS = (TrainingRecord.Result.COMPLETED, TrainingRecord.Result.FAILED)
SOURCES = tuple(TrainingRecord.Source.values)
HISTORIC = SOURCES.index(TrainingRecord.Source.HISTORIC)
MAX_HOURS, MAX_CREDITS, MAX_SCORE = 999_999, 99_999, 1000  # in tenths: the fields' capacity; scores are percentages
# How results are written in the files agencies keep, besides the codes and labels.
RESULT_WORDS = {
    TrainingRecord.Result.COMPLETED: ("passed", "pass", "aprobado", "aprobada", "acreditado", "acreditada", "completado", "completada", "concluido", "concluida"),
    TrainingRecord.Result.FAILED: ("fail", "reprobado", "reprobada", "no acreditado", "no acreditada", "fallido"),
}


def record_scope(user, action: str = "add") -> set | None:
    """The agencies whose training records `user` may `action`: None for every agency.

    Records are scoped by agency; a grant on one's own rows only (a registrar's session
    completions) gives no agency, so it does not let anyone import historic records.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    grants = all_grants().get(TrainingRecord._meta.label_lower, {})
    agencies = set()
    for assignment in role_assignments(user):
        scope = grants.get(assignment.role, {}).get(action)
        if scope == ALL or (scope == AGENCY and assignment.agency_id is None):
            return None
        if scope == AGENCY:
            agencies.add(assignment.agency_id)
    return agencies


def _tenths(column: str, raw, high: int, default: int | None, above_zero: bool = False) -> int | None:
    """A number from 0 to `high` tenths, as an integer count of tenths (37.5 -> 375), rounded half up."""
    if raw is None or raw == "":
        return default
    try:
        value = float(raw.replace(",", ".")) if type(raw) is str else float(raw)
        tenths = int(value * 10 + 0.5) if value >= 0 else -1
    except (ValueError, OverflowError):  # not a number, or infinite
        raise RowInvalid(column, _("“%(value)s” is not a number.") % {"value": raw}) from None
    if not 0 <= tenths <= high or (above_zero and tenths == 0):
        message = (
            _("%(value)s is out of range: it must be more than %(low)s and at most %(high)s.") if above_zero
            else _("%(value)s is out of range: it must be from %(low)s to %(high)s.")
        )
        raise RowInvalid(column, message % {"value": raw, "low": 0, "high": f"{high / 10:g}"})
    return tenths


def _iso_date(column: str, raw, parse) -> date | None:
    """The usual YYYY-MM-DD text at once; anything else (a spreadsheet's date) through `parse`."""
    if type(raw) is str and len(raw) == 10:
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    return parse(column, raw)


def _ordinal(stored) -> int:
    return (date.fromisoformat(stored) if type(stored) is str else stored).toordinal()


def _stored_tenths(stored) -> int:
    return int(round(float(stored) * 10))


def _decimal(tenths: int) -> Decimal:
    return Decimal(tenths).scaleb(-1)


class TrainingRecordImporter(Importer):
    """Past training from other systems and spreadsheets, one transcript line a row.

    The natural key is (person, program, start date): importing a file again changes nothing,
    and a row whose other values changed updates its record. A row may name a person by
    national identifier alone; the country column tells apart people of two countries who
    share one. Rows are kept packed as integers so a million-row file fits in memory.

    Audit: updates are audited row by row (before and after), because they overwrite
    history; created rows get one entry per import with its counts, and each row names its
    file in `reference`. One entry per created row would double the writing of a
    million-row import (see `puente bench import`).
    """

    model = TrainingRecord
    key_column = "national_id"
    max_bytes = 256 * 1024 * 1024  # a million rows are about 70 MB of CSV
    columns = [
        Column("national_id", gettext_lazy("National identifier"), required=True),
        Column("country", gettext_lazy("Country")),
        Column("program", gettext_lazy("Program code"), required=True),
        Column("start_date", gettext_lazy("Start date"), required=True),
        Column("end_date", gettext_lazy("End date"), required=True),
        Column("hours", gettext_lazy("Hours")),
        Column("ce_credits", gettext_lazy("Continuing-education credits")),
        Column("result", gettext_lazy("Result"), required=True, choices=TrainingRecord.Result),
        Column("score", gettext_lazy("Score")),
    ]

    @classmethod
    def permitted(cls, user) -> bool:
        return record_scope(user) != set()

    def prepare(self):
        self.scope = record_scope(self.actor)
        if self.scope == set():
            raise ImportFailed(_("You may not import training records: program managers and agency coordinators can."))
        self.change_scope = record_scope(self.actor, "change")
        self.today = timezone.localdate()
        spellings = self.choice_map(self.columns[7]) | {word: value for value, words in RESULT_WORDS.items() for word in words}
        self.results = {spelling: RESULTS.index(value) for spelling, value in spellings.items()}
        self.results.update({value: RESULTS.index(value) for value in RESULTS})
        self.countries = {}
        for code, name_en, name_es in Country.objects.values_list("code", "name_en", "name_es"):
            for spelling in (code, name_en, name_es):
                self.countries[" ".join(spelling.lower().split())] = code
        self.programs = {code: (pk, int(hours * 10)) for code, pk, hours in Program.objects.values_list("code", "pk", "hours")}
        self.program_bits = max((pk for pk, _hours in self.programs.values()), default=1).bit_length()
        self._load_people()

    def _load_people(self):
        """National identifiers to person ids, and each person's agency and country, held compactly."""
        last = Person.objects.aggregate(last=Max("pk"))["last"] or 0
        self.person_agency = array("q", bytes(8 * (last + 1)))
        self.person_country = {}  # only people whose country is not the most common one
        self.people = {}  # national id -> person id, or 0 when people of several countries share it
        self.shared = {}  # (national id, country) -> person id, for the shared ones
        common = Person.objects.values("country").annotate(n=Count("pk")).order_by("-n").values_list("country", flat=True).first()
        self.common_country = common
        rows = Person.objects.values_list("national_id", "pk", "country_id", "agency_id").order_by()
        for national_id, pk, country, agency in rows.iterator(chunk_size=20000):
            self.person_agency[pk] = agency
            if country != common:
                self.person_country[pk] = country
            if national_id in self.people:
                first = self.people[national_id]
                if first:
                    self.shared[(national_id, self.person_country.get(first, common))] = first
                self.shared[(national_id, country)] = pk
                self.people[national_id] = 0
            else:
                self.people[national_id] = pk

    def key_of(self, values) -> int:
        return (((values[0] << self.program_bits) | values[1]) << DATE_BITS) | values[3]

    def new_rows(self):
        return PackedRows(9, self.key_of)

    def _person(self, values) -> int:
        national_id = str(values.get("national_id", "")).strip().upper()
        if not national_id:
            raise RowInvalid("national_id", _("is required."))
        raw_country = str(values.get("country", "") or "").strip()
        country = None
        if raw_country:
            country = self.countries.get(" ".join(raw_country.lower().split()))
            if country is None:
                raise RowInvalid("country", _("unknown country “%(code)s”.") % {"code": raw_country})
        pk = self.people.get(national_id)
        if pk == 0:
            if country is None:
                raise RowInvalid(
                    "country", _("people of several countries have the identifier %(id)s: give the country.") % {"id": national_id}
                )
            pk = self.shared.get((national_id, country))
        elif pk is not None and country is not None and self.person_country.get(pk, self.common_country) != country:
            pk = None
        if pk is None:
            if country:
                raise RowInvalid("national_id", _("no person of %(country)s has the identifier %(id)s.") % {"country": country, "id": national_id})
            raise RowInvalid("national_id", _("no person has the identifier %(id)s.") % {"id": national_id})
        if self.scope is not None and self.person_agency[pk] not in self.scope:
            raise RowInvalid("national_id", _("%(id)s is not in your agency.") % {"id": national_id})
        return pk

    def clean_row(self, values):
        person = self._person(values)
        code = str(values.get("program", "")).strip().upper()
        program = self.programs.get(code)
        if program is None:
            raise RowInvalid("program", _("unknown program code “%(code)s”.") % {"code": code} if code else _("is required."))
        start = _iso_date("start_date", values.get("start_date"), self.date)
        end = _iso_date("end_date", values.get("end_date"), self.date)
        if start is None:
            raise RowInvalid("start_date", _("is required."))
        if end is None:
            raise RowInvalid("end_date", _("is required."))
        if end < start:
            raise RowInvalid("end_date", _("%(end)s is before the start date %(start)s.") % {"end": end, "start": start})
        if end > self.today:
            raise RowInvalid("end_date", _("%(end)s is in the future: only training that has ended can be imported.") % {"end": end})
        hours = _tenths("hours", values.get("hours"), MAX_HOURS, program[1], above_zero=True)
        credits = _tenths("ce_credits", values.get("ce_credits"), MAX_CREDITS, 0)
        score = _tenths("score", values.get("score"), MAX_SCORE, -1)
        raw_result = values.get("result", "")
        result = self.results.get(raw_result) if type(raw_result) is str else None
        if result is None:
            result = self.results.get(" ".join(str(raw_result).lower().split()))
        if result is None:
            if raw_result == "":
                raise RowInvalid("result", _("is required."))
            self.choice(self.columns[7], str(raw_result))  # raises with the accepted values
        cleaned = (person, program[0], self.person_agency[person], start.toordinal(), end.toordinal(), hours, credits, result, score)
        return self.key_of(cleaned), cleaned

    # A stored record is held as one integer: its id from bit 128, its agency from bit 80, then the
    # values a row can change (end date; hours, credits and score + 1 in tenths; result) and its source.
    @staticmethod
    def _values(end, hours, credits, result, score) -> int:
        return (((end << 20 | hours) << 17 | credits) << 1 | result) << 18 | (score + 1)

    def check(self, rows):
        """Load the stored records the file names; refuse rows that would overwrite what an import may not."""
        people = sorted(set(rows.data[1::rows.width]))
        self.existing = {}
        chunks = [people[start:start + 500] for start in range(0, len(people), 500)]
        if not any(TrainingRecord.objects.filter(person_id__in=chunk).exists() for chunk in chunks):
            return rows, []  # nobody in the file has records yet: every row is new
        wanted = {self.key_of(values) for values in rows.values()}
        sources = {source: index for index, source in enumerate(SOURCES)}
        results = {result: index for index, result in enumerate(RESULTS)}
        with connection.cursor() as cursor:
            for chunk in chunks:
                stored = TrainingRecord.objects.filter(person_id__in=chunk).order_by().values_list(
                    "pk", "person_id", "program_id", "start_date", "agency_id", "end_date", "hours", "ce_credits", "result",
                    "score", "source",
                )
                # Read without the ORM's per-value converters (a third of the time of a large
                # re-import): dates come as text or dates, numbers as numbers or decimals.
                cursor.execute(*stored.query.sql_with_params())
                for pk, person, program, begin, agency, end, hours, credits, result, score, source in cursor.fetchall():
                    key = (((person << self.program_bits) | program) << DATE_BITS) | _ordinal(begin)
                    if key in wanted:
                        values = self._values(
                            _ordinal(end), _stored_tenths(hours), _stored_tenths(credits), results[result],
                            -1 if score is None else _stored_tenths(score),
                        )
                        self.existing[key] = (pk << 128) | (agency << 80) | (values << 2) | sources[source]
        del wanted
        problems = []
        for number, key, values in rows:
            found = self.existing.get(key)
            if found is None or self._same(found, values):
                continue
            source, agency = found & 3, (found >> 80) & ((1 << 48) - 1)
            if source != HISTORIC:
                problems.append((number, RowInvalid("start_date", _(
                    "a record of this training from another source (%(source)s) already exists; a historic import does not replace it."
                ) % {"source": TrainingRecord.Source(SOURCES[source]).label})))
            elif self.change_scope is not None and agency not in self.change_scope:
                problems.append((number, RowInvalid("national_id", _(
                    "the stored record of this training belongs to another agency; you may not change it."
                ))))
        if problems:
            rows = rows.without({number for number, _problem in problems})
        return rows, problems

    def _same(self, found: int, values) -> bool:
        """Whether a row repeats its stored record (the agency stays the one of the time, the source its own)."""
        _person, _program, _agency, _start, end, hours, credits, result, score = values
        return (found >> 2) & ((1 << 78) - 1) == self._values(end, hours, credits, result, score)

    def write(self, rows):
        total = len(rows)
        unchanged = 0
        updates, samples = [], {}
        columns, row_values = self._new_record_columns()
        existing, key_of, same, written = self.existing, self.key_of, self._same, self.written

        def new_records():
            nonlocal unchanged
            for done, values in enumerate(rows.values(), start=1):
                if done % BATCH == 0:
                    written(done, total)
                found = existing.get(key_of(values)) if existing else None
                if found is None:
                    samples.setdefault(values[2], values)
                    yield row_values(values)
                elif same(found, values):
                    unchanged += 1
                else:
                    updates.append((found >> 128, values))

        created = bulk.insert_rows(TrainingRecord._meta.db_table, columns, new_records())
        self._recheck(samples.values())
        self._update(updates)
        if created or updates:
            audit.record(self.actor, action_name(TrainingRecord, "import"), None, {
                "file": [None, self.file_name], "created": [None, created], "updated": [None, len(updates)],
                "unchanged": [None, unchanged],
            })
        return created, len(updates), unchanged

    def _new_record_columns(self):
        """(the columns of a new record, row -> their database values).

        Django's bulk_create prepares every value of every row through its field, which is
        most of the time of a million-row import. Here each distinct value (a date, hours in
        tenths) is prepared once by the same field code and reused; the fields a row does
        not set (source, reference, created, and any later field) take the model's values
        for a new historic record.
        """
        meta = TrainingRecord._meta
        template = TrainingRecord(source=TrainingRecord.Source.HISTORIC, reference=self.file_name[:200])
        varying = ["person", "program", "agency", "start_date", "end_date", "hours", "ce_credits", "result", "score"]
        fields = [meta.get_field(name) for name in varying]
        fixed = [f for f in meta.concrete_fields if not f.primary_key and f.name not in varying]
        constants = tuple(f.get_db_prep_save(f.pre_save(template, add=True), connection) for f in fixed)
        start_field, end_field, hours_field, credits_field, result_field, score_field = fields[3:]
        dates, hours, credits, scores = {}, {}, {}, {-1: None}
        results = [result_field.get_db_prep_save(value, connection) for value in RESULTS]

        def prepared(cache, field, tenths, make):
            value = cache.get(tenths)
            if value is None and tenths not in cache:
                value = cache[tenths] = field.get_db_prep_save(make(tenths), connection)
            return value

        def row_values(v):
            person, program, agency, start, end, hour, credit, result, score = v
            return (
                person, program, agency,
                prepared(dates, start_field, start, date.fromordinal), prepared(dates, end_field, end, date.fromordinal),
                prepared(hours, hours_field, hour, _decimal), prepared(credits, credits_field, credit, _decimal),
                results[result], prepared(scores, score_field, score, _decimal),
            ) + constants

        return [f.column for f in fields + fixed], row_values

    def _recheck(self, samples) -> None:
        """Scope again after writing: records are scoped by agency, so one new record per agency tells."""
        pks = [
            TrainingRecord.objects.filter(person_id=person, program_id=program, start_date=date.fromordinal(start))
            .values_list("pk", flat=True).get()
            for person, program, _agency, start, *_rest in samples
        ]
        require_all(self.actor, "add", TrainingRecord, pks)

    def _update(self, updates: list) -> None:
        """Changed rows: saved in batches, each audited with its values before and after."""
        fields = ["end_date", "hours", "ce_credits", "result", "score", "reference"]
        for start in range(0, len(updates), 500):
            chunk = updates[start:start + 500]
            records = TrainingRecord.objects.in_bulk([pk for pk, _values in chunk])
            entries = []
            for pk, values in chunk:
                record = records[pk]
                before = audit.snapshot(record)
                _person, _program, _agency, _start, end, hours, credits, result, score = values
                record.end_date = date.fromordinal(end)
                record.hours = _decimal(hours)
                record.ce_credits = _decimal(credits)
                record.result = RESULTS[result]
                record.score = None if score < 0 else _decimal(score)
                record.reference = self.file_name[:200]
                entries.append(AuditEntry(**audit.entry_fields(
                    self.actor, action_name(TrainingRecord, "update"), record, audit.diff(before, audit.snapshot(record))
                )))
            TrainingRecord.objects.bulk_update(records.values(), fields)
            require_all(self.actor, "change", TrainingRecord, list(records))
            AuditEntry.objects.bulk_create(entries)


IMPORTERS = {"training-records": TrainingRecordImporter}

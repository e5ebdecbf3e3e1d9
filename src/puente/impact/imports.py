"""CSV/XLSX import of monthly operational indicators and of officers' unit assignments.

Indicators come one value per row (unit, month, measure, value), so a file can carry any
measure, seizure items included, and a re-import replaces values by unit + month + measure.
"""
import datetime
import re
from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from puente.core import audit
from puente.core.imports import Column, Importer, RowInvalid, _normal
from puente.core.services import bulk_write
from puente.registry.models import Person

from .actions import month_errors, period_error, this_month
from .estimator.outcomes import INSPECTIONS, SCANNER_HOURS, SCANS
from .models import Assignment, Measure, Observation, Unit

OBSERVATION_COLUMNS = [
    Column("unit", gettext_lazy("Unit code"), required=True),
    Column("period", gettext_lazy("Month"), required=True),
    Column("measure", gettext_lazy("Measure"), required=True),
    Column("value", gettext_lazy("Value"), required=True),
]

ASSIGNMENT_COLUMNS = [
    Column("national_id", gettext_lazy("National identifier"), required=True),
    Column("unit", gettext_lazy("Unit code"), required=True),
    Column("start_date", gettext_lazy("From"), required=True),
    Column("end_date", gettext_lazy("To")),
]

# The measures the plausibility rules compare, in the order a broken rule is reported against.
RULE_MEASURES = (SCANS, SCANNER_HOURS, INSPECTIONS)


def parse_month(column: str, raw) -> datetime.date:
    """A month as YYYY-MM (or any date in it, or a spreadsheet date cell)."""
    if isinstance(raw, (datetime.date, datetime.datetime)):
        day = raw.date() if isinstance(raw, datetime.datetime) else raw
        return day.replace(day=1)
    text = str(raw or "").strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text)
    if not text:
        raise RowInvalid(column, _("is required."))
    try:
        if not match:
            raise ValueError
        return datetime.date(int(match[1]), int(match[2]), int(match[3] or 1)).replace(day=1)
    except ValueError:
        raise RowInvalid(column, _("“%(value)s” is not a month in the form YYYY-MM.") % {"value": raw}) from None


def parse_count(column: str, raw) -> int:
    text = str(raw if raw is not None else "").strip()
    try:
        number = float(text)
    except ValueError:
        raise RowInvalid(column, _("“%(value)s” is not a whole number.") % {"value": raw}) from None
    if number != int(number):
        raise RowInvalid(column, _("“%(value)s” is not a whole number.") % {"value": raw})
    if number < 0:
        raise RowInvalid(column, _("A count cannot be negative."))
    return int(number)


class ObservationImporter(Importer):
    """Values keyed by unit, month and measure; units outside the importer's agency are unknown."""

    model = Observation
    columns = OBSERVATION_COLUMNS
    key_column = "measure"

    @classmethod
    def permitted(cls, user) -> bool:
        from puente.core.services import may

        return may(user, "add", Observation) and may(user, "change", Observation)

    def prepare(self):
        self.units = {u.code: u for u in Unit.objects.restrict(self.actor, "change")}
        self.measures = {}
        for measure in Measure.objects.all():
            for name in (measure.code, measure.name_en, measure.name_es):
                self.measures[_normal(name)] = measure
        self.now = this_month()

    def clean_row(self, values):
        code = str(values.get("unit") or "").strip().upper()
        if not code:
            raise RowInvalid("unit", _("is required."))
        unit = self.units.get(code)
        if unit is None:
            raise RowInvalid("unit", _("unknown unit “%(code)s”.") % {"code": code})
        period = parse_month("period", values.get("period"))
        if error := period_error(period):
            raise RowInvalid("period", error)
        measure = self.measures.get(_normal(values.get("measure") or ""))
        if measure is None:
            raise RowInvalid("measure", _("unknown measure “%(value)s”.") % {"value": values.get("measure")})
        value = parse_count("value", values.get("value"))
        return (unit.pk, period, measure.pk), {"unit": unit, "period": period, "measure": measure, "value": value}

    def check(self, rows):
        """Plausibility across a month's measures, with stored values for what the file leaves out."""
        months = {(fields["unit"].pk, fields["period"]) for _n, _k, fields in rows}
        self.existing = {}
        stored = defaultdict(dict)
        if months:
            query = Observation.objects.filter(
                unit_id__in={u for u, _p in months}, period__in={p for _u, p in months}
            ).select_related("measure")
            for obs in query:
                if (obs.unit_id, obs.period) in months:
                    self.existing[(obs.unit_id, obs.period, obs.measure_id)] = obs
                    stored[(obs.unit_id, obs.period)][obs.measure.code] = obs.value
        late, bad = [], set()
        value_of = {number: fields["value"] for number, _key, fields in rows}
        # Dropping a bad row can leave the month's other rows at odds with stored values: repeat.
        while True:
            in_file = defaultdict(dict)
            for number, _key, fields in rows:
                if number not in bad:
                    in_file[(fields["unit"].pk, fields["period"])][fields["measure"].code] = number
            found = []
            for month, numbers in in_file.items():
                values = stored[month] | {code: value_of[number] for code, number in numbers.items()}
                for code, message in month_errors(values):
                    blamed = [numbers[c] for c in (code, *RULE_MEASURES) if c in numbers]
                    if blamed:
                        found.append((blamed[0], RowInvalid("value", message)))
            if not found:
                break
            for number, exc in found:
                if number not in bad:
                    bad.add(number)
                    late.append((number, exc))
        return [row for row in rows if row[0] not in bad], late

    def write(self, rows):
        new, changed, unchanged = [], [], 0
        for _number, key, fields in rows:
            current = self.existing.get(key)
            if current is None:
                new.append(Observation(**fields))
            elif current.value == fields["value"]:
                unchanged += 1
            else:
                before = audit.snapshot(current)
                current.value = fields["value"]
                changed.append((current, before))
        bulk_write(self.actor, Observation, new, changed, ["value"])
        return len(new), len(changed), unchanged


class AssignmentImporter(Importer):
    """Officers' unit assignments keyed by officer, unit and start date; a re-import updates the end."""

    model = Assignment
    columns = ASSIGNMENT_COLUMNS
    key_column = "start_date"

    def prepare(self):
        self.units = {u.code: u for u in Unit.objects.restrict(self.actor, "change")}
        self.existing = {(a.person_id, a.unit_id, a.start_date): a for a in Assignment.objects.restrict(self.actor, "change")}
        self.people = {
            (p.agency_id, p.national_id): p
            for p in Person.objects.filter(agency__in={u.agency_id for u in self.units.values()}).exclude(national_id="")
        }

    def clean_row(self, values):
        national_id = str(values.get("national_id") or "").strip()
        code = str(values.get("unit") or "").strip().upper()
        unit = self.units.get(code)
        if unit is None:
            raise RowInvalid("unit", _("unknown unit “%(code)s”.") % {"code": code})
        person = self.people.get((unit.agency_id, national_id))
        if person is None:
            raise RowInvalid("national_id", _("no officer of %(agency)s has the identifier “%(value)s”.")
                             % {"agency": unit.agency, "value": national_id})
        start = self.date("start_date", values.get("start_date"))
        if start is None:
            raise RowInvalid("start_date", _("is required."))
        end = self.date("end_date", values.get("end_date"))
        if end and end < start:
            raise RowInvalid("end_date", _("The assignment ends before it starts."))
        return (person.pk, unit.pk, start), {"person": person, "unit": unit, "start_date": start, "end_date": end}

    def write(self, rows):
        new, changed, unchanged = [], [], 0
        for _number, key, fields in rows:
            current = self.existing.get(key)
            if current is None:
                new.append(Assignment(**fields))
            elif current.end_date == fields["end_date"]:
                unchanged += 1
            else:
                before = audit.snapshot(current)
                current.end_date = fields["end_date"]
                changed.append((current, before))
        bulk_write(self.actor, Assignment, new, changed, ["end_date"])
        return len(new), len(changed), unchanged


IMPORTERS = {"operational-indicators": ObservationImporter, "unit-assignments": AssignmentImporter}

"""CSV/XLSX import of sessions and training requests."""
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from puente.catalog.models import Program
from puente.core.imports import Column, Importer, RowInvalid
from puente.core.services import bulk_write
from puente.registry.models import Agency

from .actions import closed_window_refusal
from .models import LANGUAGE_CHOICES, RequestWindow, Session, Site, TrainingRequest

SESSION_COLUMNS = [
    Column("program", gettext_lazy("Program code"), required=True),
    Column("site", gettext_lazy("Site code"), required=True),
    Column("start_date", gettext_lazy("Start date"), required=True),
    Column("end_date", gettext_lazy("End date"), required=True),
    Column("seats", gettext_lazy("Seats"), required=True),
    Column("language", gettext_lazy("Language"), required=True),
    Column("status", gettext_lazy("Status"), choices=Session.Status),
]

REQUEST_COLUMNS = [
    Column("fiscal_year", gettext_lazy("Fiscal year"), required=True),
    Column("agency", gettext_lazy("Agency code"), required=True),
    Column("program", gettext_lazy("Program code"), required=True),
    Column("seats", gettext_lazy("Seats"), required=True),
    Column("preferred_months", gettext_lazy("Preferred months")),
    Column("preferred_sites", gettext_lazy("Preferred sites")),
    Column("justification", gettext_lazy("Justification")),
    Column("submitted_at", gettext_lazy("Submitted")),
]


def _positive(column: str, raw) -> int:
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise RowInvalid(column, _("“%(value)s” is not a whole number.") % {"value": raw}) from None
    if value < 1:
        raise RowInvalid(column, _("must be at least 1."))
    return value


def _lookup(table: dict, column: str, raw, what: str):
    code = str(raw or "").strip().upper()
    if not code:
        raise RowInvalid(column, _("is required."))
    if code not in table:
        raise RowInvalid(column, _("unknown %(what)s “%(code)s”.") % {"what": what, "code": code})
    return table[code]


def _model_errors(obj, columns: dict):
    try:
        obj.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise RowInvalid(columns.get(field, field), " ".join(messages)) from None


class SessionImporter(Importer):
    """Sessions are keyed by program, site and start date: re-importing updates seats and status."""

    model = Session
    columns = SESSION_COLUMNS
    key_column = "start_date"
    fields = ["end_date", "seats", "language", "status", "fiscal_year"]

    def prepare(self):
        self.programs = {p.code: p for p in Program.objects.all()}
        self.sites = {s.code: s for s in Site.objects.all()}
        self.existing = {(s.program_id, s.site_id, s.start_date): s for s in Session.objects.all()}

    def clean_row(self, values):
        program = _lookup(self.programs, "program", values.get("program"), _("program"))
        site = _lookup(self.sites, "site", values.get("site"), _("site"))
        start = self.date("start_date", values.get("start_date"))
        end = self.date("end_date", values.get("end_date"))
        if start is None:
            raise RowInvalid("start_date", _("is required."))
        language = str(values.get("language", "")).strip().lower()
        if language not in dict(LANGUAGE_CHOICES):
            raise RowInvalid("language", _("“%(value)s” is not one of: en, es.") % {"value": values.get("language")})
        fields = {
            "end_date": end, "seats": _positive("seats", values.get("seats")), "language": language,
            "status": self.choice(self.columns[-1], values["status"]) if values.get("status") else Session.Status.PLANNED,
        }
        session = Session(program=program, site=site, start_date=start, **fields)
        existing = self.existing.get((program.pk, site.pk, start))
        if existing is not None:
            session._state.adding = False
        _model_errors(session, {"end_date": "end_date", "seats": "seats", "program": "program", "language": "language"})
        return (program.pk, site.pk, start), {**fields, "program": program, "site": site, "start_date": start}

    def write(self, rows):
        from puente.core import audit

        from .models import fiscal_year_of

        new, changed, unchanged = [], [], 0
        for _number, key, fields in rows:
            fields["fiscal_year"] = fiscal_year_of(fields["start_date"])
            session = self.existing.get(key)
            if session is None:
                new.append(Session(**fields))
                continue
            before = audit.snapshot(session)
            for name in self.fields:
                setattr(session, name, fields[name])
            if audit.snapshot(session) == before:
                unchanged += 1
            else:
                changed.append((session, before))
        bulk_write(self.actor, Session, new, changed, self.fields)
        return len(new), len(changed), unchanged


class TrainingRequestImporter(Importer):
    """Requests are keyed by fiscal year, agency and program: one request per agency and program."""

    model = TrainingRequest
    columns = REQUEST_COLUMNS
    key_column = "program"
    fields = ["seats", "preferred_months", "justification"]

    def prepare(self):
        self.windows = {w.fiscal_year: w for w in RequestWindow.objects.all()}
        self.agencies = {a.code: a for a in Agency.objects.restrict(self.actor, "view")}
        self.programs = {p.code: p for p in Program.objects.all()}
        self.sites = {s.code: s for s in Site.objects.all()}
        self.existing = {
            (r.window_id, r.agency_id, r.program_id): r
            for r in TrainingRequest.objects.filter(status=TrainingRequest.Status.SUBMITTED)
        }

    def clean_row(self, values):
        try:
            year = int(str(values.get("fiscal_year", "")).strip())
        except ValueError:
            raise RowInvalid("fiscal_year", _("“%(value)s” is not a year.") % {"value": values.get("fiscal_year")}) from None
        window = self.windows.get(year)
        if window is None:
            raise RowInvalid("fiscal_year", _("there is no request window for FY%(year)s.") % {"year": year})
        refusal = closed_window_refusal(self.actor, window)
        if refusal:
            raise RowInvalid("fiscal_year", refusal)
        agency = _lookup(self.agencies, "agency", values.get("agency"), _("agency"))
        program = _lookup(self.programs, "program", values.get("program"), _("program"))
        if program.status != Program.Status.ACTIVE:
            raise RowInvalid("program", _("Program %(code)s is retired.") % {"code": program.code})
        months = self._numbers("preferred_months", values.get("preferred_months"))
        if any(not 1 <= m <= 12 for m in months):
            raise RowInvalid("preferred_months", _("Months are numbers from 1 to 12."))
        sites = [_lookup(self.sites, "preferred_sites", code, _("site")) for code in self._codes(values.get("preferred_sites"))]
        fields = {
            "window": window, "agency": agency, "program": program, "seats": _positive("seats", values.get("seats")),
            "preferred_months": months, "justification": str(values.get("justification", "")),
            "submitted_at": self._when(values.get("submitted_at")), "sites": sites,
        }
        return (window.pk, agency.pk, program.pk), fields

    @staticmethod
    def _codes(raw) -> list[str]:
        return [part.strip() for part in str(raw or "").replace(",", ";").split(";") if part.strip()]

    def _numbers(self, column, raw) -> list[int]:
        try:
            return sorted({int(part) for part in self._codes(raw)})
        except ValueError:
            raise RowInvalid(column, _("Months are numbers from 1 to 12.")) from None

    def _when(self, raw):
        import datetime

        if raw in (None, ""):
            return timezone.now()
        if isinstance(raw, datetime.datetime):
            return raw if timezone.is_aware(raw) else timezone.make_aware(raw)
        try:
            value = datetime.datetime.fromisoformat(str(raw).strip())
        except ValueError:
            raise RowInvalid("submitted_at", _("“%(value)s” is not a date and time (YYYY-MM-DD HH:MM).") % {"value": raw}) from None
        return value if timezone.is_aware(value) else timezone.make_aware(value)

    def write(self, rows):
        from puente.core import audit

        new, changed, unchanged, sites_of = [], [], 0, {}
        for _number, key, fields in rows:
            sites = fields.pop("sites")
            request = self.existing.get(key)
            if request is None:
                request = TrainingRequest(submitted_by=self.actor, **fields)
                new.append(request)
            else:
                before = audit.snapshot(request)
                for name in self.fields:
                    setattr(request, name, fields[name])
                if audit.snapshot(request) == before:
                    unchanged += 1
                else:
                    changed.append((request, before))
            sites_of[id(request)] = (request, sites)
        bulk_write(self.actor, TrainingRequest, new, changed, self.fields)
        through = TrainingRequest.preferred_sites.through
        for request, sites in sites_of.values():
            current = set(request.preferred_sites.values_list("pk", flat=True)) if request.pk else set()
            if current != {s.pk for s in sites}:
                through.objects.filter(trainingrequest_id=request.pk).delete()
                through.objects.bulk_create(through(trainingrequest_id=request.pk, site_id=s.pk) for s in sites)
        return len(new), len(changed), unchanged


IMPORTERS = {"sessions": SessionImporter, "requests": TrainingRequestImporter}

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from puente.capacity.models import Session
from puente.core.imports import Column, ImportFailed, Importer, RowInvalid, read_rows
from puente.core.management.commands._actor import actor_option, resolve_actor
from puente.records.actions import fill_term
from puente.registry.models import Agency, Person


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


class Command(BaseCommand):
    help = "Fill a term's nominations at once from a CSV/XLSX of proposals (national_id, session, value)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="fiscal year of the sessions")
        parser.add_argument("--agency", required=True, help="agency code")
        parser.add_argument("--candidates", type=Path, required=True)
        actor_option(parser)

    def handle(self, *args, year, agency, candidates, **options):
        actor = resolve_actor(options["as_user"])
        found = Agency.objects.restrict(actor, "view").filter(code=agency.upper()).first()
        if found is None:
            raise CommandError(f"No agency you may see has the code {agency}.")
        reader = Proposals(actor, found, year)
        try:
            rows = read_rows(candidates, candidates.name, reader)
        except (ImportFailed, OSError) as exc:
            raise CommandError(str(exc)) from None
        proposals, errors = [], []
        for number, values in rows:
            try:
                proposals.append(reader.clean_row(values)[1])
            except RowInvalid as exc:
                errors.append(f"{candidates.name}, row {number}, column {exc.column}: {exc.message}")
        if errors:
            raise CommandError("\n".join(errors) + "\nNothing was nominated.")
        report = fill_term(actor, found, year, proposals)
        for person, session, reasons in report["refused"]:
            self.stderr.write(f"{person.national_id} → {session}: {' '.join(reasons)}")
        bound = report["lp_bound"] or report["value"] or 1
        self.stdout.write(
            f"{len(report['nominated'])} nominated, {len(report['waiting'])} on waiting lists, {len(report['refused'])} refused; "
            f"value {report['value']:.1f} ({report['value'] / bound:.2%} of the LP bound)."
        )

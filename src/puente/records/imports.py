"""Proposed nominations for a whole term, read from a CSV or XLSX file."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from puente.capacity.models import Session
from puente.core.imports import Column, Importer, RowError, RowInvalid, read_rows
from puente.registry.models import Person


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




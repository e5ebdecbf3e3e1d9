"""Export of training records, in the historic-import columns so a file can be re-imported."""
from django.utils.translation import gettext_lazy as _

from puente.core.imports import Column

RECORD_COLUMNS = [
    Column("national_id", _("national identifier")),
    Column("country", _("country")),
    Column("program", _("program code")),
    Column("start_date", _("start date")),
    Column("end_date", _("end date")),
    Column("hours", _("hours")),
    Column("ce_credits", _("continuing-education credits")),
    Column("result", _("result")),
    Column("score", _("score")),
]


def record_row(record) -> list:
    return [
        record.person.national_id, record.person.agency.country_id, record.program.code, record.start_date.isoformat(),
        record.end_date.isoformat(), str(record.hours), str(record.ce_credits), record.get_result_display(),
        "" if record.score is None else str(record.score),
    ]


RECORD_EXPORT = (RECORD_COLUMNS, record_row, "training-records")

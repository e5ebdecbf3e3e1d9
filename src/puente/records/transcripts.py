"""The officer transcript: every finished program in one list, as a page, CSV or PDF, in either language."""
import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import TrainingRecord


@dataclass
class Transcript:
    person: object
    records: list
    hours: Decimal
    ce_credits: Decimal
    completed: int


def transcript_for(user, person) -> Transcript:
    """The person's records the user may see, newest first, with credited totals."""
    records = list(
        TrainingRecord.objects.restrict(user, "view").filter(person=person).select_related("program", "agency").order_by("-end_date", "id")
    )
    done = [r for r in records if r.result == TrainingRecord.Result.COMPLETED]
    return Transcript(person, records, sum((r.hours for r in done), Decimal(0)), sum((r.ce_credits for r in done), Decimal(0)), len(done))


def _header() -> list[str]:
    return [_("Program code"), _("Program"), _("Start date"), _("End date"), _("Hours"), _("Continuing-education credits"),
            _("Result"), _("Score"), _("Source"), _("Agency")]


def _row(record) -> list:
    return [record.program.code, record.program.localized("title"), record.start_date.isoformat(), record.end_date.isoformat(),
            str(record.hours), str(record.ce_credits), record.get_result_display(), "" if record.score is None else str(record.score),
            record.get_source_display(), record.agency.name]


def csv_response(transcript: Transcript, language: str) -> HttpResponse:
    """The transcript as CSV (UTF-8 with BOM for Excel), headed in `language`."""
    with override(language):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(_header())
        for record in transcript.records:
            writer.writerow(_row(record))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="transcript-{transcript.person.national_id}-{language}.csv"'
    return response


def pdf_response(transcript: Transcript, language: str) -> HttpResponse:
    """The transcript as a PDF document in `language`, rendered by WeasyPrint."""
    from weasyprint import HTML

    with override(language):
        html = render_to_string("records/transcript_pdf.html", {"t": transcript, "today": timezone.localdate(), "LANGUAGE_CODE": language})
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="transcript-{transcript.person.national_id}-{language}.pdf"'
    return response

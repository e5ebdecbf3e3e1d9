"""CSV and XLSX exports with headers in the reader's language, re-importable as they are."""
import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from .imports import Column

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class _Echo:
    def write(self, value):
        return value


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def export_response(objects, columns: list[Column], row_values, fmt: str, filename: str) -> HttpResponse:
    """Stream `objects` as CSV (UTF-8 with BOM, so Excel reads accents) or build an XLSX."""
    header = [str(column.label) for column in columns]
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(header)
        for obj in objects:
            sheet.append(row_values(obj))
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES["xlsx"])
    else:
        writer = csv.writer(_Echo())

        def lines():
            yield "\ufeff" + writer.writerow(header)
            for obj in objects:
                yield writer.writerow(row_values(obj))

        response = StreamingHttpResponse(lines(), content_type=CONTENT_TYPES["csv"])
        fmt = "csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response

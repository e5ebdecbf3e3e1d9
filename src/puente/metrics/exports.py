"""The dashboard's table as CSV, XLSX (core's exports) or PDF (WeasyPrint), in the reader's language."""
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from puente.core.exports import export_response
from puente.core.imports import Column

from . import registry

FORMATS = ("csv", "xlsx", "pdf")


def _number(indicator, value):
    if value.value is None:
        return ""
    return round(value.value, 4) if indicator.unit == "percent" else round(value.value, 2)


def filename(state) -> str:
    parts = [state.indicator.code, str(state.year or "")]
    parts += [f"{key}-{value}" for key, value in state.filters.items()]
    if state.breakdown:
        parts.append(f"by-{state.breakdown}")
    return "-".join(part for part in parts if part)


def response(fmt: str, state, data: dict, context: dict) -> HttpResponse:
    indicator = state.indicator
    language = get_language() or "en"
    if fmt == "pdf":
        from weasyprint import HTML

        html = render_to_string("metrics/dashboard_pdf.html", {**context, "today": timezone.localdate(), "LANGUAGE_CODE": language})
        answer = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
        answer["Content-Disposition"] = f'attachment; filename="{filename(state)}.pdf"'
        return answer
    columns = [Column("group", data["by_label"] or _("Scope"))]
    columns += [Column(name, indicator.component_label(name, language)) for name in indicator.components]
    columns.append(Column("value", registry.name(indicator)))
    lines = [(str(row["label"]), row["parts"], row["value"]) for row in data["rows"]]
    lines.append((_("Total"), data["total"]["parts"], data["total"]["value"]))
    return export_response(lines, columns, lambda line: [line[0], *[part if part is not None else "" for part in line[1]], _number(indicator, line[2])],
                           fmt, filename(state))

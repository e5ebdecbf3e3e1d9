"""The annual report: every registry indicator for a year, with its breakdown and a chart.

Sections come from the registry, so an indicator another app contributes appears here too.
Charts are SVG drawn on the server: the PDF (WeasyPrint) runs no script.
"""
from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape

from . import dashboard, registry, sources

FORMATS = ("pdf", "html")
LANGUAGES = ("en", "es")
TOP_ROWS = 12


def bar_chart(rows: list[tuple[str, float]], percent: bool) -> str:
    """A horizontal bar chart as SVG: one bar per (label, number), longest scale at the top value."""
    rows = [(label, number) for label, number in rows if number is not None]
    if not rows:
        return ""
    top = 100.0 if percent else max(max(abs(number) for _label, number in rows), 1e-9)
    bar, gap, label_width, width = 14, 6, 190, 520
    height = len(rows) * (bar + gap)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">']
    for index, (label, number) in enumerate(rows):
        y = index * (bar + gap)
        length = max(0.0, (width - label_width - 60) * min(abs(number) / top, 1.0))
        text = f"{number:.1f} %" if percent else f"{number:,.1f}".rstrip("0").rstrip(".")
        parts.append(f'<text x="{label_width - 6}" y="{y + bar - 3}" text-anchor="end" font-size="9">{escape(str(label)[:34])}</text>')
        parts.append(f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar}" fill="#0b4f6c"/>')
        parts.append(f'<text x="{label_width + length + 4:.1f}" y="{y + bar - 3}" font-size="9">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def section(scope: registry.Scope, code: str, year: int) -> dict:
    """One indicator's year: its total against the year before, its default breakdown, a chart."""
    indicator = registry.get(code).indicator
    language = translation.get_language() or "en"
    years = registry.years(code, scope)
    found = {"code": code, "name": registry.name(indicator), "description": registry.description(indicator), "has_data": year in years}
    if not found["has_data"]:
        return found
    result = registry.evaluate(code, scope, year, (indicator.default_breakdown,))
    before = registry.evaluate(code, scope, year - 1).total.value if year - 1 in years else None
    names = sources.names(indicator.default_breakdown, [row.key[0] for row in result.rows])
    rows = [{"label": names.get(row.key[0], row.key[0]) if row.key[0] is not None else "—",
             "parts": [row.parts.get(c) for c in indicator.components], "display": dashboard.display(indicator, row.value),
             "number": dashboard.chart_number(indicator, row.value)} for row in result.rows[:TOP_ROWS]]
    found.update(
        total=dashboard.display(indicator, result.total.value), before=dashboard.display(indicator, before) if before else None,
        by=sources.DIMENSION_LABELS[indicator.default_breakdown], rows=rows, more=max(0, len(result.rows) - TOP_ROWS),
        components=[indicator.component_label(c, language) for c in indicator.components],
        total_parts=[result.total.parts.get(c) for c in indicator.components],
        chart=bar_chart([(row["label"], row["number"]) for row in rows], indicator.unit == "percent"),
    )
    return found


def build(user, year: int, language: str, fmt: str, progress=lambda percent, message="": None) -> bytes:
    """The report as PDF or HTML bytes; figures scoped to `user` (None: every row, for the CLI)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    scope = registry.Scope(public=True) if user is None else registry.Scope(user)
    with translation.override(language):
        codes = list(registry.sources())
        sections = []
        for index, code in enumerate(codes):
            progress(90 * index / len(codes), registry.name(registry.get(code).indicator))
            sections.append(section(scope, code, year))
        html = render_to_string("metrics/annual_report.html", {
            "year": year, "sections": sections, "today": timezone.localdate(), "LANGUAGE_CODE": language,
            "everything": user is None,
        })
        if fmt == "html":
            return html.encode()
        progress(92, "PDF")
        from weasyprint import HTML

        return HTML(string=html).write_pdf()

"""The annual report: the year's figures in sections that follow the program's questions, each
with a short text, a chart and tables, every number read from the indicator registry.

Demand and capacity, service by program, people trained and growth, certification coverage,
accreditation, canine teams, satisfaction and follow-up, operational impact; then every other
registry indicator on its own, so an indicator an app adds appears without a change here.
Indicators read on one day use the report's reference day in the year (`on`; by default 31
December, or today for the current year). Charts are SVG drawn on the server: the PDF
(WeasyPrint) runs no script.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from . import dashboard, registry, sources

FORMATS = ("pdf", "html")
LANGUAGES = ("en", "es")
TOP_ROWS = 12
TOP_AGENCIES = 8
TREND_YEARS = 6
IMPACT = ("scan_usage_rate", "seizures_per_1000_inspections", "use_of_force_per_1000_inspections")
EFFECT = "training_effect"


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


def count(number) -> str:
    return formats.number_format(round(number or 0), force_grouping=True)


def shown(result: registry.Result, value: registry.Value | None = None) -> str:
    """A value of `result`'s indicator as the dashboard shows it (its total by default)."""
    return dashboard.display(result.indicator, result.total.value if value is None else value)


@dataclass
class Reader:
    """The registry as one report reads it: the reader's scope, the year, the reference day."""

    scope: registry.Scope
    year: int

    @property
    def day(self) -> datetime.date:
        return self.scope.day(self.year)

    def has(self, code: str, year: int | None = None) -> bool:
        return (year or self.year) in registry.years(code, self.scope)

    def read(self, code: str, by: tuple = (), year: int | None = None, **filters) -> registry.Result:
        scope = replace(self.scope, filters={**self.scope.filters, **filters}) if filters else self.scope
        return registry.evaluate(code, scope, year or self.year, by)

    def trend(self, code: str) -> list[tuple[str, float | None]]:
        """(year, chart number) of the indicator's totals up to the report's year."""
        years = [year for year in registry.years(code, self.scope) if year <= self.year][-TREND_YEARS:]
        indicator = registry.get(code).indicator
        return [(str(year), dashboard.chart_number(indicator, self.read(code, year=year).total.value)) for year in years]


def table(result: registry.Result, limit: int = TOP_ROWS) -> dict:
    """A result's rows (the largest `limit`), total and labels, and a chart of them."""
    indicator = result.indicator
    by = result.by[0] if result.by else None
    names = sources.names(by, [row.key[0] for row in result.rows]) if by else {}
    language = translation.get_language() or "en"
    rows = [{"label": names.get(row.key[0], row.key[0]) if row.key[0] is not None else "—",
             "parts": [row.parts.get(c) for c in indicator.components], "display": dashboard.display(indicator, row.value),
             "number": dashboard.chart_number(indicator, row.value)} for row in result.rows[:limit]]
    return {
        "name": registry.name(indicator), "by": sources.DIMENSION_LABELS[by] if by else _("Scope"),
        "components": [indicator.component_label(c, language) for c in indicator.components],
        "rows": rows, "more": max(0, len(result.rows) - limit),
        "total": {"parts": [result.total.parts.get(c) for c in indicator.components], "display": shown(result)},
        "chart": bar_chart([(row["label"], row["number"]) for row in rows], indicator.unit == "percent"),
    }


@dataclass
class Section:
    code: str
    title: str
    text: list[str] = field(default_factory=list)
    chart: str = ""
    tables: list[dict] = field(default_factory=list)  # registry results, as `table` lays them out
    lists: list[dict] = field(default_factory=list)  # figures of several results side by side: caption, head, rows
    figures: dict = field(default_factory=dict)  # the section's headline numbers, as read from the registry


def _no_figures(code: str, title: str, year: int) -> Section:
    return Section(code, title, [_("No figures for %(year)s.") % {"year": year}])


def demand(r: Reader) -> Section:
    title = _("Demand and capacity")
    if not r.has("service_rate"):
        return _no_figures("demand", title, r.year)
    now = r.read("service_rate", ("country",))
    parts = now.total.parts
    section = Section("demand", title, figures={"requested": parts["requested"], "filled": parts["filled"], "rate": now.total.value.value})
    section.text.append(_("In fiscal year %(year)s agencies requested %(requested)s seats and %(filled)s were filled: "
                          "a service rate of %(rate)s.") % {"year": r.year, "requested": count(parts["requested"]),
                                                            "filled": count(parts["filled"]), "rate": shown(now)})
    if r.has("service_rate", r.year - 1):
        before = r.read("service_rate", year=r.year - 1)
        section.figures["previous_rate"] = before.total.value.value
        section.text.append(_("In %(year)s it was %(rate)s, of %(requested)s seats requested.") % {
            "year": r.year - 1, "rate": shown(before), "requested": count(before.total.parts["requested"])})
    section.chart = bar_chart(r.trend("service_rate"), percent=True)
    section.tables.append(table(now))
    return section


def programs(r: Reader) -> Section:
    title = _("Service rate by program")
    if not r.has("service_rate"):
        return _no_figures("programs", title, r.year)
    by_program = r.read("service_rate", ("program",))
    unmet = r.read("unmet_demand", ("program",))
    gap = r.read("critical_gap")
    section = Section("programs", title, figures={"programs": {row.key[0]: row.value.value for row in by_program.rows},
                                                   "critical_gap": gap.total.value.value})
    section.text.append(_("Programs with the most seats requested and not filled: %(programs)s.") % {
        "programs": ", ".join(f"{row.key[0]} ({count(row.value.value)})" for row in sorted(
            unmet.rows, key=lambda row: -(row.value.value or 0))[:3])})
    if gap.total.value.value is not None:
        section.text.append(_("Mission-critical programs against the others: %(gap)s.") % {"gap": shown(gap)})
    found = table(by_program)
    section.chart, section.tables = found["chart"], [found]
    return section


def trainees(r: Reader) -> Section:
    title = _("People trained and growth")
    if not r.has("people_trained"):
        return _no_figures("trainees", title, r.year)
    people = r.read("people_trained", ("country",))
    growth = r.read("trained_growth")
    this_year = r.read("trained_growth", ("agency",))
    last_year = {row.key: row for row in r.read("trained_growth", ("agency",), year=r.year - 1).rows}
    top = this_year.rows[:TOP_AGENCIES]
    names = sources.names("agency", [row.key[0] for row in top])
    empty = registry.Row((), {"people": None, "previous": None}, registry.Value(None))
    years = {row.key[0]: (last_year.get(row.key, empty).parts["previous"], row.parts["previous"], row.parts["people"]) for row in top}
    section = Section("trainees", title, figures={
        "people": people.total.parts["people"], "growth": growth.total.value.value, "agencies": years,
        "agency_growth": {row.key[0]: (last_year.get(row.key, empty).value.value, row.value.value) for row in top},
    })
    section.text.append(_("%(people)s people completed at least one program in %(year)s: %(growth)s over %(previous_year)s.") % {
        "people": count(people.total.parts["people"]), "year": r.year, "growth": shown(growth), "previous_year": r.year - 1})
    section.chart = bar_chart([(names.get(row.key[0], "—"), row.parts["people"]) for row in top], percent=False)
    section.tables.append(table(people))
    growth_label = registry.name(growth.indicator)
    section.lists.append({
        "caption": _("The agencies that trained the most people in %(year)s, over three years") % {"year": r.year},
        "head": [_("Agency"), *[str(year) for year in (r.year - 2, r.year - 1, r.year)],
                 f"{growth_label} {r.year - 1}", f"{growth_label} {r.year}"],
        "rows": [[names.get(row.key[0], "—"), *[count(n) if n is not None else "—" for n in years[row.key[0]]],
                  shown(growth, last_year.get(row.key, empty).value), shown(growth, row.value)] for row in top],
    })
    return section


def certification(r: Reader) -> Section:
    title = _("Certification coverage")
    by_level = r.read("certification_coverage", ("level",))
    if not by_level.total.parts.get("people"):
        return _no_figures("certification", title, r.year)
    credential = by_level.indicator.chosen(r.scope.filters, "credential")
    parts = by_level.total.parts
    section = Section("certification", title, figures={
        "day": r.day, "holders": parts["holders"], "people": parts["people"], "share": by_level.total.value.value,
        "levels": {row.key[0]: row.value.value for row in by_level.rows}})
    section.text.append(_("On %(day)s, %(holders)s of %(people)s officers held the %(credential)s: %(share)s.") % {
        "day": formats.date_format(r.day, "DATE_FORMAT"), "holders": count(parts["holders"]), "people": count(parts["people"]),
        "credential": sources.names("credential", [credential]).get(credential, credential), "share": shown(by_level)})
    levels = table(by_level)
    section.text.append(_("By level: %(levels)s.") % {"levels": ", ".join(f"{row['label']} {row['display']}" for row in levels["rows"])})
    section.chart = levels["chart"]
    section.tables += [levels, table(r.read("certification_coverage", ("state",)))]
    return section


def accreditation(r: Reader) -> Section:
    title = _("Accreditation")
    if not r.has("accreditation_pipeline"):
        return _no_figures("accreditation", title, r.year)
    by_type = r.read("accreditation_pipeline", ("agency_type",))
    parts = by_type.total.parts
    found = table(by_type)
    section = Section("accreditation", title, figures={
        **parts, "types": {row.key[0]: row.parts["accredited"] for row in by_type.rows}})
    section.text.append(_("By %(day)s, %(accredited)s agencies had been accredited (%(types)s); %(in_progress)s were in the "
                          "process and %(ended)s had withdrawn or been removed.") % {
        "day": formats.date_format(r.day, "DATE_FORMAT"), "accredited": count(parts["accredited"]),
        "types": ", ".join(f"{row['label']}: {count(row['parts'][0])}" for row in found["rows"]),
        "in_progress": count(parts["in_progress"]), "ended": count(parts["withdrawn_removed"])})
    section.chart, section.tables = found["chart"], [found]
    return section


def canine(r: Reader) -> Section:
    title = _("Canine teams")
    by_agency = r.read("canine_teams_certified", ("agency",))
    if not by_agency.total.parts.get("dogs"):
        return _no_figures("canine", title, r.year)
    by_odor = r.read("canine_teams_certified", ("odor",))
    parts = by_agency.total.parts
    largest = max(by_agency.rows, key=lambda row: row.parts["dogs"])
    section = Section("canine", title, figures={
        "dogs": parts["dogs"], "teams": parts["teams"], "certified": parts["certified"],
        "dogs_by_agency": {row.key[0]: row.parts["dogs"] for row in by_agency.rows},
        "odors": {row.key[0]: row.parts["certified"] for row in by_odor.rows}})
    section.text.append(_("%(dogs)s dogs are on the agencies' rosters, %(largest_dogs)s of them at %(largest)s.") % {
        "dogs": count(parts["dogs"]), "largest_dogs": count(largest.parts["dogs"]),
        "largest": sources.names("agency", [largest.key[0]]).get(largest.key[0], "—")})
    section.text.append(_("On %(day)s, %(certified)s of %(teams)s active teams held a current certification.") % {
        "day": formats.date_format(r.day, "DATE_FORMAT"), "certified": count(parts["certified"]), "teams": count(parts["teams"])})
    odors = table(by_odor, limit=len(by_odor.rows))
    section.chart = odors["chart"]
    section.tables += [odors, table(by_agency)]
    return section


def satisfaction(r: Reader) -> Section:
    from puente.catalog.models import ThreatTag

    title = _("Satisfaction and follow-up")
    if not r.has("satisfaction"):
        return _no_figures("satisfaction", title, r.year)
    by_domain = r.read("satisfaction", ("domain",))
    section = Section("satisfaction", title, figures={"share": by_domain.total.value.value, "responses": by_domain.total.parts["responses"]})
    section.text.append(_("%(share)s of %(responses)s responses on fiscal year %(year)s's sessions rated the training 4 or 5 overall.")
                        % {"share": shown(by_domain), "responses": count(by_domain.total.parts["responses"]), "year": r.year})
    if r.has("satisfaction", r.year - 1):
        before = r.read("satisfaction", year=r.year - 1)
        section.figures["previous_share"] = before.total.value.value
        section.text.append(_("In %(year)s: %(share)s.") % {"year": r.year - 1, "share": shown(before)})
    threats = []
    for threat in ThreatTag.objects.order_by("-weight", "code"):
        result = r.read("satisfaction", threat=threat.code)
        if result.total.parts.get("responses"):
            threats.append((threat, result))
    section.figures["threats"] = {threat.code: result.total.value.value for threat, result in threats}
    if threats:
        threat, result = threats[0]
        section.text.append(_("In programs answering %(threat)s: %(share)s.") % {"threat": threat.name, "share": shown(result)})
    found = table(by_domain)
    section.chart = found["chart"]
    section.tables.append(found)
    section.lists.append({
        "caption": _("Satisfaction in the programs answering each threat"),
        "head": [_("Threat"), by_domain.indicator.component_label("responses", translation.get_language() or "en"), found["name"]],
        "rows": [[threat.name, count(result.total.parts["responses"]), shown(result)] for threat, result in threats],
    })
    if r.has("skills_applied"):
        applied = r.read("skills_applied", ("program",))
        rate = r.read("follow_up_response_rate")
        section.figures.update(response_rate=rate.total.value.value, applied=applied.total.value.value)
        section.text.append(_("Three to six months after training, %(rate)s of follow-ups were answered, and %(applied)s of those "
                              "say the skills are used on the job.") % {"rate": shown(rate), "applied": shown(applied)})
        section.tables.append(table(applied))
    return section


def impact(r: Reader) -> Section:
    title = _("Operational impact")
    codes = [code for code in IMPACT if r.has(code)]
    if not codes:
        return _no_figures("impact", title, r.year)
    section = Section("impact", title)
    measures = {"caption": _("Operational indicators"), "head": [_("Indicator"), str(r.year - 1), str(r.year)], "rows": []}
    for code in codes:
        now = r.read(code)
        before = r.read(code, year=r.year - 1) if r.has(code, r.year - 1) else None
        section.figures[code] = now.total.value.value
        measures["rows"].append([registry.name(now.indicator), shown(before) if before else "—", shown(now)])
    section.lists.append(measures)
    section.text.append(_("Measured in the field, not in the classroom: each figure for %(year)s against the year before.")
                        % {"year": r.year})
    usage = table(r.read(codes[0], ("agency",)))
    section.chart = usage["chart"]
    section.tables.append(usage)
    if r.has(EFFECT):
        effects = r.read(EFFECT, ("program",))
        section.figures[EFFECT] = {row.key[0]: row.value.value for row in effects.rows}
        section.text.append(_("Units whose officers completed a program, against units not yet trained: each program's "
                              "estimated change in scan usage, relative to the level before training."))
        section.tables.append(table(effects))
    return section


THEMES = (demand, programs, trainees, certification, accreditation, canine, satisfaction, impact)
# The indicators the themed sections read; every other one gets a section of its own.
THEMED = {"service_rate", "unmet_demand", "critical_gap", "people_trained", "trained_growth", "certification_coverage",
          "accreditation_pipeline", "canine_teams_certified", "satisfaction", "skills_applied", "follow_up_response_rate", *IMPACT,
          EFFECT}


def other(r: Reader, code: str) -> Section:
    """An indicator on its own: its total against the year before and its default breakdown."""
    indicator = registry.get(code).indicator
    title = registry.name(indicator)
    if not r.has(code):
        return _no_figures(code, title, r.year)
    result = r.read(code, (indicator.default_breakdown,))
    headline = shown(result)
    if r.has(code, r.year - 1):
        headline += f" ({r.year - 1}: {shown(r.read(code, year=r.year - 1))})"
    section = Section(code, title, [headline, registry.description(indicator)], figures={"value": result.total.value.value})
    found = table(result)
    section.chart, section.tables = found["chart"], [found]
    return section


def sections(scope: registry.Scope, year: int, progress=lambda percent, message="": None) -> list[Section]:
    """Every section of the year's report, in order."""
    reader = Reader(scope, year)
    rest = [code for code in registry.sources() if code not in THEMED]
    steps = [*THEMES, *[lambda r, code=code: other(r, code) for code in rest]]
    found = []
    for index, step in enumerate(steps):
        progress(90 * index / len(steps), _("Section %(number)s of %(count)s") % {"number": index + 1, "count": len(steps)})
        found.append(step(reader))
    return found


def build(user, year: int, language: str, fmt: str, progress=lambda percent, message="": None,
          on: datetime.date | None = None) -> bytes:
    """The report as PDF or HTML bytes; figures scoped to `user` (None: every row, for the CLI),
    on-a-day indicators read on `on` (in `year`) or else 31 December or today."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    if on is not None and on.year != year:
        raise ValueError(f"the reference day {on.isoformat()} is not in {year}")
    scope = registry.Scope(public=True, on=on) if user is None else registry.Scope(user, on=on)
    with translation.override(language):
        html = render_to_string("metrics/annual_report.html", {
            "year": year, "sections": sections(scope, year, progress), "today": timezone.localdate(), "LANGUAGE_CODE": language,
            "everything": user is None, "day": scope.day(year),
        })
        if fmt == "html":
            return html.encode()
        progress(92, "PDF")
        from weasyprint import HTML

        return HTML(string=html).write_pdf()

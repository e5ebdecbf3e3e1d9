"""Published tables: aggregated indicators for anyone, small cells suppressed.

Every indicator marked `public` is published by country, level and state for its last years,
and the service rate also by program and country. Every table is read from the registry over
every row (`Scope(public=True)`) at its finest level;
its margins are the sums of those cells, so the table adds up exactly as a reader (or an attacker)
would expect. Then `indicators.protect` picks the cells to hide: fewer than k people
(``PUENTE_PUBLIC_MIN_CELL``, 10 by default), and whatever else would let them be recovered.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import dashboard, registry, sources
from .indicators import Table, protect
from .indicators.catalog import SERVICE_RATE

TOTAL = "__total__"
TABLE_YEARS = 3
BY_PROGRAM = "service-rate-by-program"


def min_cell() -> int:
    return int(getattr(settings, "PUENTE_PUBLIC_MIN_CELL", 10))


@dataclass
class Published:
    """A table as published: rows (key, label, depth), columns (key, label), counts per
    component and cell, the suppressed cells, and the equations its margins satisfy."""

    code: str
    title: str
    indicator: object
    rows: list = field(default_factory=list)
    columns: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)  # component -> {(row, column): count}
    equations: list = field(default_factory=list)
    suppressed: set = field(default_factory=set)
    k: int = 0  # the smallest count published

    def cell(self, row, column) -> dict:
        """What a reader sees in one cell: the counts and the value, or that it is suppressed."""
        if (row, column) in self.suppressed:
            return {"suppressed": True}
        parts = {name: self.counts[name].get((row, column), 0) for name in self.indicator.components}
        value = self.indicator.formula(parts)
        return {"suppressed": False, "parts": parts, "value": value.value, "display": dashboard.display(self.indicator, value)}

    def protect(self, k: int) -> None:
        """Suppress on the components that count people; the others follow the same pattern."""
        self.k = k
        counted = [Table(self.counts[name], self.equations) for name in self.indicator.people if name in self.counts]
        self.suppressed = protect(counted, k) if counted else set()


def _tree_rows(leaves: dict) -> tuple[list, dict]:
    """Rows of a country → level → state tree from its leaves; each parent is the sum of its children."""
    keys = set()
    for key in leaves:
        keys |= {key[:depth] for depth in range(len(key) + 1)}
    children: dict = {}
    for key in keys:
        if key:
            children.setdefault(key[:-1], []).append(key)
    return sorted(keys, key=lambda key: [str(part) for part in key]), children


GEOGRAPHY_LEVELS = ("country", "level", "state")


def geography(code: str) -> Published:
    """An indicator by country, level and state for its last years, each parent the sum of its children."""
    scope = registry.Scope(public=True)
    indicator = registry.get(code).indicator
    years = registry.years(code, scope)[-TABLE_YEARS:]
    table = Published(code.replace("_", "-"), _("%(name)s by country, level and state") % {"name": registry.name(indicator)}, indicator)
    leaves = {year: registry.evaluate(code, scope, year, GEOGRAPHY_LEVELS).rows for year in years}
    keys, children = _tree_rows({row.key: None for rows in leaves.values() for row in rows})
    for name in indicator.components:
        cells = {(row.key, year): row.parts.get(name) or 0 for year, rows in leaves.items() for row in rows}
        for year in years:
            for key in sorted(keys, key=len, reverse=True):
                if key in children:
                    cells[(key, year)] = sum(cells.get((child, year), 0) for child in children[key])
                cells.setdefault((key, year), 0)
        table.counts[name] = cells
    table.equations = [((key, year), [(child, year) for child in kids]) for year in years for key, kids in children.items()]
    names = {dimension: sources.names(dimension, {key[depth] for key in keys if len(key) > depth})
             for depth, dimension in enumerate(GEOGRAPHY_LEVELS)}
    for key in keys:
        label = _("All") if not key else names[GEOGRAPHY_LEVELS[len(key) - 1]].get(key[-1]) or _("No state (federal agencies)")
        table.rows.append((key, label, len(key)))
    table.columns = [(year, str(year)) for year in years]
    return table


def service_rate(year: int | None = None) -> Published:
    """Seats requested and filled by program and country in a fiscal year's published allocation."""
    scope = registry.Scope(public=True)
    years = registry.years(SERVICE_RATE.code, scope)
    year = year if year in years else (years[-1] if years else None)
    table = Published(BY_PROGRAM, _("Service rate by program and country, fiscal year %(year)s") % {"year": year}, SERVICE_RATE)
    if year is None:
        return table
    rows = registry.evaluate(SERVICE_RATE.code, scope, year, ("program", "country")).rows
    programs = sorted({row.key[0] for row in rows})
    countries = sorted({row.key[1] for row in rows})
    for name in SERVICE_RATE.components:
        cells = {(row.key[0], row.key[1]): row.parts[name] or 0 for row in rows}
        for program in programs:
            for country in countries:
                cells.setdefault((program, country), 0)
            cells[(program, TOTAL)] = sum(cells[(program, country)] for country in countries)
        for country in countries:
            cells[(TOTAL, country)] = sum(cells[(program, country)] for program in programs)
        cells[(TOTAL, TOTAL)] = sum(cells[(program, TOTAL)] for program in programs)
        table.counts[name] = cells
    table.equations = (
        [((program, TOTAL), [(program, country) for country in countries]) for program in programs]
        + [((TOTAL, country), [(program, country) for program in programs]) for country in countries]
        + [((TOTAL, TOTAL), [(TOTAL, country) for country in countries]), ((TOTAL, TOTAL), [(program, TOTAL) for program in programs])]
    )
    country_names = sources.names("country", countries)
    table.rows = [(program, program, 1) for program in programs] + [(TOTAL, _("All programs"), 0)]
    table.columns = [(country, country_names.get(country, country)) for country in countries] + [(TOTAL, _("Total"))]
    table.year = year
    return table


def tables() -> dict:
    """{table code: builder}: every public indicator by geography, and service rate by program."""
    found = {BY_PROGRAM: service_rate}
    for code, source in registry.sources().items():
        if source.indicator.public and set(GEOGRAPHY_LEVELS) <= set(source.indicator.breakdowns):
            found[code.replace("_", "-")] = lambda code=code: geography(code)
    return found


def published(code: str, **options) -> Published:
    """A table with its small cells (and those that would reveal them) suppressed: under the
    public minimum, or under the indicator's own where that is larger (survey results)."""
    table = tables()[code](**options)
    table.protect(max(min_cell(), registry.get(table.indicator.code).minimum()))
    return table


def as_json(table: Published) -> dict:
    return {
        "table": table.code, "title": str(table.title), "indicator": table.indicator.code,
        "name": registry.name(table.indicator), "unit": table.indicator.unit, "min_cell": table.k,
        "columns": [{"key": str(key), "label": str(label)} for key, label in table.columns],
        "rows": [
            {"key": [str(part) for part in key] if isinstance(key, tuple) else str(key), "label": str(label), "depth": depth,
             "cells": [table.cell(key, column) for column, _label in table.columns]}
            for key, label, depth in table.rows
        ],
    }


def published_json(code: str, year: int | None = None) -> dict:
    """The table `code` as published (`as_json`), kept ``PUENTE_PUBLIC_CACHE_SECONDS``.

    The public pages answer anyone without sign-in, and a national table reads hundreds of
    thousands of records for each of its years (seconds of database work): the figures are
    yearly, so a few minutes' delay costs readers nothing and keeps the database for its users.
    """
    options = {"year": year} if code == BY_PROGRAM else {}
    key = f"puente-public:{code}:{options.get('year')}:{get_language()}:{min_cell()}"
    seconds = int(getattr(settings, "PUENTE_PUBLIC_CACHE_SECONDS", 0))
    return cache.get_or_set(key, lambda: as_json(published(code, **options)), timeout=seconds)

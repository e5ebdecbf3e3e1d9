"""The import framework: read a CSV or XLSX file, validate every row, then write all or nothing.

Each app's imports.py defines an `Importer` with its columns, how a row becomes values (or
a `RowInvalid` naming the column), and how valid rows are written through its actions. A file
with any bad row writes nothing unless the user asks to keep the good rows; the report then
lists exactly which rows were kept.
"""
import csv
import datetime
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from .jobs import JobError, job


class ImportFailed(Exception):
    """The file as a whole cannot be read (empty, too large, wrong type, no header)."""


class RowInvalid(Exception):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


@dataclass
class RowError:
    file: str
    row: int
    column: str
    message: str

    def __str__(self):
        return _("%(file)s, row %(row)s, column %(column)s: %(message)s") % self.__dict__


@dataclass
class ImportReport:
    file: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    kept_rows: list[int] = field(default_factory=list)
    written: bool = False

    def as_dict(self) -> dict:
        data = {k: v for k, v in self.__dict__.items() if k != "errors"}
        data["errors"] = [dict(e.__dict__, text=str(e)) for e in self.errors]
        return data


@dataclass
class Column:
    name: str
    label: str  # lazily translated; imports accept the code or the label in any language
    required: bool = False
    choices: type | None = None  # a TextChoices class: accepts the code or any language's label


class Importer:
    """Base for an app's importer: subclasses set columns and implement `clean_row` and `write`."""

    model = None  # the model it writes: importing needs the "add" grant on it
    columns: list[Column] = []
    key_column: str = ""  # the column a duplicate row is reported against

    def __init__(self, actor):
        self.actor = actor

    def prepare(self) -> None:
        """Load lookups (codes to objects) once before rows are validated."""

    def clean_row(self, row: dict) -> tuple[tuple, dict]:
        """Return (natural key, values) or raise RowInvalid."""
        raise NotImplementedError

    def write(self, rows: list[tuple[int, tuple, dict]]) -> tuple[int, int, int]:
        """Write valid rows inside the caller's transaction; return (created, updated, unchanged)."""
        raise NotImplementedError

    # Helpers shared by every importer.
    def header_aliases(self) -> dict[str, str]:
        aliases = {}
        for column in self.columns:
            names = {column.name}
            for language in ("en", "es"):
                with override(language):
                    names.add(str(column.label))
            for name in names:
                aliases[_normal(name)] = column.name
        return aliases

    @staticmethod
    def choice(column: Column, raw: str) -> str:
        wanted = _normal(raw)
        for value, label in column.choices.choices:
            candidates = {_normal(value)}
            for language in ("en", "es"):
                with override(language):
                    candidates.add(_normal(str(label)))
            if wanted in candidates:
                return value
        allowed = ", ".join(value for value, _label in column.choices.choices)
        raise RowInvalid(column.name, _("“%(value)s” is not one of: %(allowed)s.") % {"value": raw, "allowed": allowed})

    @staticmethod
    def date(column: str, raw) -> datetime.date | None:
        if raw in (None, ""):
            return None
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        try:
            return datetime.date.fromisoformat(str(raw).strip())
        except ValueError:
            raise RowInvalid(column, _("“%(value)s” is not a date in the form YYYY-MM-DD.") % {"value": raw}) from None

    @staticmethod
    def boolean(column: str, raw) -> bool:
        value = _normal(str(raw if raw is not None else ""))
        if value in ("1", "true", "yes", "y", "si", "sí", "verdadero", "x"):
            return True
        if value in ("", "0", "false", "no", "n", "falso"):
            return False
        raise RowInvalid(column, _("“%(value)s” is not yes or no.") % {"value": raw})


def _normal(text: str) -> str:
    return " ".join(str(text).strip().lower().split())


def read_rows(path: Path, display_name: str, importer: Importer) -> list[tuple[int, dict]]:
    """The file's data rows as (row number as a spreadsheet shows it, {column: value})."""
    size = os.path.getsize(path)
    limit = settings.PUENTE_IMPORT_MAX_BYTES
    if size == 0:
        raise ImportFailed(_("%(file)s: the file is empty.") % {"file": display_name})
    if size > limit:
        raise ImportFailed(
            _("%(file)s: the file is %(size).1f MB; the limit is %(limit).1f MB. Split it into smaller files.")
            % {"file": display_name, "size": size / 1e6, "limit": limit / 1e6}
        )
    suffix = Path(display_name).suffix.lower()
    if suffix == ".xlsx":
        table = _xlsx_rows(path, display_name)
    elif suffix in (".csv", ".txt"):
        table = _csv_rows(path, display_name)
    else:
        raise ImportFailed(_("%(file)s: only .csv and .xlsx files can be imported.") % {"file": display_name})
    header = next(table, None)
    if not header or not any(str(cell or "").strip() for cell in header):
        raise ImportFailed(_("%(file)s: the first row must name the columns.") % {"file": display_name})
    aliases = importer.header_aliases()
    names = []
    unknown = []
    for cell in header:
        text = _normal(cell or "")
        names.append(aliases.get(text))
        if text and text not in aliases:
            unknown.append(str(cell))
    if unknown:
        raise ImportFailed(
            _("%(file)s: unknown columns: %(columns)s. Expected: %(expected)s.")
            % {"file": display_name, "columns": ", ".join(unknown), "expected": ", ".join(c.name for c in importer.columns)}
        )
    missing = [c.name for c in importer.columns if c.required and c.name not in names]
    if missing:
        raise ImportFailed(_("%(file)s: missing required columns: %(columns)s.") % {"file": display_name, "columns": ", ".join(missing)})
    rows = []
    for number, cells in enumerate(table, start=2):
        if not any(str(cell).strip() for cell in cells if cell is not None):
            continue  # blank lines are not rows
        values = {name: _cell(cell) for name, cell in zip(names, cells) if name}
        rows.append((number, values))
    if not rows:
        raise ImportFailed(_("%(file)s: the file has a header but no rows.") % {"file": display_name})
    return rows


def _cell(value):
    return value.strip() if isinstance(value, str) else ("" if value is None else value)


def _csv_rows(path: Path, display_name: str):
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves CSV as Windows-1252 (a superset of Latin-1).
        text = raw.decode("cp1252", errors="strict") if _is_cp1252(raw) else raw.decode("latin-1")
    if "\x00" in text:
        raise ImportFailed(_("%(file)s: this is not a text CSV file (it contains binary data).") % {"file": display_name})
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _is_cp1252(raw: bytes) -> bool:
    try:
        raw.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def _xlsx_rows(path: Path, display_name: str):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    from zipfile import BadZipFile

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError):
        raise ImportFailed(_("%(file)s: this is not a readable .xlsx workbook.") % {"file": display_name}) from None
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


def run_import(importer: Importer, path: Path, display_name: str, keep_good: bool = False, progress=None) -> ImportReport:
    """Validate every row, then write all rows, or only the good ones when asked to."""
    report = ImportReport(file=display_name)
    progress = progress or (lambda percent, message="": None)
    rows = read_rows(path, display_name, importer)
    report.rows = len(rows)
    importer.prepare()
    valid = []
    first_row_of_key = {}
    for index, (number, values) in enumerate(rows):
        try:
            key, cleaned = importer.clean_row(values)
            if key in first_row_of_key:
                raise RowInvalid(
                    importer.key_column, _("duplicates row %(row)s of this file.") % {"row": first_row_of_key[key]}
                )
            first_row_of_key[key] = number
            valid.append((number, key, cleaned))
        except RowInvalid as exc:
            report.errors.append(RowError(display_name, number, exc.column, exc.message))
        if index % 500 == 0:
            progress(60 * index / len(rows), _("Checked %(done)s of %(total)s rows") % {"done": index, "total": len(rows)})
    if report.errors and not keep_good:
        return report
    progress(60, _("Writing %(count)s rows") % {"count": len(valid)})
    with transaction.atomic():
        report.created, report.updated, report.unchanged = importer.write(valid)
    report.kept_rows = [number for number, _key, _values in valid]
    report.written = True
    progress(100, _("Done"))
    return report


def importers() -> dict[str, type[Importer]]:
    """Every app's importers by name (e.g. "agencies", "people")."""
    from importlib import import_module

    from django.apps import apps

    found = {}
    for config in apps.get_app_configs():
        if config.name.startswith("puente."):
            try:
                module = import_module(f"{config.name}.imports")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.imports":
                    raise
                continue
            found.update(getattr(module, "IMPORTERS", {}))
    return found


@job("import")
def import_job(progress, actor, *, kind: str, path: str, filename: str, keep_good: bool = False) -> dict:
    importer_class = importers().get(kind)
    if importer_class is None:
        raise JobError(_("Unknown import: %(kind)s") % {"kind": kind})
    try:
        report = run_import(importer_class(actor), Path(path), filename, keep_good=keep_good, progress=progress)
    except ImportFailed as exc:
        raise JobError(str(exc)) from None
    return report.as_dict()

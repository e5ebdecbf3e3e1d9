"""The import framework: read a CSV or XLSX file, validate every row, then write all or nothing.

Each app's imports.py defines an `Importer` with its columns, how a row becomes values (or
a `RowInvalid` naming the column), and how valid rows are written through its actions. A file
with any bad row writes nothing unless the user asks to keep the good rows; the report then
lists exactly which rows were kept.

Files are read as a stream, one row at a time, so a million-row file never sits in memory as
row dicts; an importer that keeps many rows stores them compactly (`new_rows`, `PackedRows`).
"""
import codecs
import csv
import datetime
import os
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from .jobs import JobError, job

# A report lists this many bad rows in detail and counts the rest: a file that is wrong in
# every one of a million rows needs one fix, not a million-line page.
ERRORS_LISTED = 1000


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
    errors: list[RowError] = field(default_factory=list)  # the first ERRORS_LISTED bad rows
    kept_rows: list[int] = field(default_factory=list)  # when some rows were left out: the rows written
    written: bool = False
    bad_rows: int = 0  # every bad row, listed or not

    def add_error(self, row: int, column: str, message: str) -> None:
        self.bad_rows += 1
        if len(self.errors) < ERRORS_LISTED:
            self.errors.append(RowError(self.file, row, column, message))

    @property
    def unlisted(self) -> int:
        return self.bad_rows - len(self.errors)

    def as_dict(self) -> dict:
        data = {k: v for k, v in self.__dict__.items() if k != "errors"}
        data["errors"] = [dict(e.__dict__, text=str(e)) for e in self.errors]
        data["unlisted"] = self.unlisted
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
    max_bytes: int | None = None  # a larger file limit than settings.PUENTE_IMPORT_MAX_BYTES

    def __init__(self, actor):
        self.actor = actor
        self.file_name = ""  # set by run_import: the name the user knows the file by
        self._on_written = lambda done, total: None

    @classmethod
    def permitted(cls, user) -> bool:
        """Whether `user` may import this kind of file at all (rows are checked one by one later)."""
        from .services import may

        return may(user, "add", cls.model)

    def prepare(self) -> None:
        """Load lookups (codes to objects) once before rows are validated."""

    def clean_row(self, row: dict) -> tuple[tuple, dict]:
        """Return (natural key, values) or raise RowInvalid."""
        raise NotImplementedError

    def new_rows(self):
        """An empty collection for the valid rows: anything with append, len and iteration."""
        return []

    def check(self, rows):
        """Compare the valid rows with stored data once all are read.

        Returns (the rows still valid, [(row number, RowInvalid)]).
        """
        return rows, []

    def write(self, rows) -> tuple[int, int, int]:
        """Write valid rows inside the caller's transaction; return (created, updated, unchanged)."""
        raise NotImplementedError

    def written(self, done: int, total: int) -> None:
        """Call from `write` as rows are written, to move the progress bar."""
        self._on_written(done, total)

    def limit(self) -> int:
        return self.max_bytes or settings.PUENTE_IMPORT_MAX_BYTES

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
    def choice_map(column: Column) -> dict[str, str]:
        """{any accepted spelling, normalized: code} for a column with choices."""
        accepted = {}
        for value, label in column.choices.choices:
            accepted[_normal(value)] = value
            for language in ("en", "es"):
                with override(language):
                    accepted[_normal(str(label))] = value
        return accepted

    @classmethod
    def choice(cls, column: Column, raw: str) -> str:
        value = cls.choice_map(column).get(_normal(raw))
        if value is None:
            allowed = ", ".join(value for value, _label in column.choices.choices)
            raise RowInvalid(column.name, _("“%(value)s” is not one of: %(allowed)s.") % {"value": raw, "allowed": allowed})
        return value

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


class PackedRows:
    """Valid rows kept as machine integers: (row number, key, values) with `width` int values each.

    A million rows of Python tuples take about half a gigabyte; packed they take 8 bytes a value.
    The key is not stored: `key_of(values)` rebuilds it.
    """

    def __init__(self, width: int, key_of):
        self.width = width + 1
        self.key_of = key_of
        self.data = array("q")

    def append(self, row) -> None:
        number, _key, values = row
        self.data.append(number)
        self.data.extend(values)

    def __len__(self):
        return len(self.data) // self.width

    def __iter__(self):
        key_of = self.key_of
        for row in zip(*[iter(self.data)] * self.width):  # the array read `width` values at a time
            values = row[1:]
            yield row[0], key_of(values), values

    def numbers(self):
        return self.data[::self.width]

    def values(self):
        """Each row's values alone, without rebuilding keys."""
        for row in zip(*[iter(self.data)] * self.width):
            yield row[1:]

    def without(self, numbers: set) -> "PackedRows":
        kept = PackedRows(self.width - 1, self.key_of)
        data, width = self.data, self.width
        for start in range(0, len(data), width):
            if data[start] not in numbers:
                kept.data.extend(data[start:start + width])
        return kept


def _normal(text: str) -> str:
    return " ".join(str(text).strip().lower().split())


class RowSource:
    """A file's data rows, read one at a time, as (row number as a spreadsheet shows it, {column: value}).

    Opening checks the size, the type and the header, so a bad file is refused before any row
    is read; `estimated_rows` is for progress bars.
    """

    def __init__(self, path: Path, display_name: str, importer: Importer):
        self.display_name = display_name
        size = os.path.getsize(path)
        limit = importer.limit()
        if size == 0:
            raise ImportFailed(_("%(file)s: the file is empty.") % {"file": display_name})
        if size > limit:
            raise ImportFailed(
                _("%(file)s: the file is %(size).1f MB; the limit is %(limit).1f MB. Split it into smaller files.")
                % {"file": display_name, "size": size / 1e6, "limit": limit / 1e6}
            )
        suffix = Path(display_name).suffix.lower()
        if suffix == ".xlsx":
            self.estimated_rows, self.table = _xlsx_rows(path, display_name)
            self.texts = False
            self.blank = lambda cells: not any(str(cell).strip() for cell in cells if cell is not None)
        elif suffix in (".csv", ".txt"):
            self.estimated_rows, self.table = _csv_rows(path, display_name)
            self.texts = True  # every cell is a string
            self.blank = lambda cells: not "".join(cells).strip()
        else:
            raise ImportFailed(_("%(file)s: only .csv and .xlsx files can be imported.") % {"file": display_name})
        self.names = self._header(importer)

    def _header(self, importer: Importer) -> list:
        display_name = self.display_name
        header = next(self.table, None)
        if not header or not any(str(cell or "").strip() for cell in header):
            raise ImportFailed(_("%(file)s: the first row must name the columns.") % {"file": display_name})
        aliases = importer.header_aliases()
        names, unknown = [], []
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
            raise ImportFailed(
                _("%(file)s: missing required columns: %(columns)s.") % {"file": display_name, "columns": ", ".join(missing)}
            )
        return names

    def __iter__(self):
        names, blank, texts = self.names, self.blank, self.texts
        pairs = [(index, name) for index, name in enumerate(names) if name]
        every = len(pairs) == len(names)
        found = False
        for number, cells in enumerate(self.table, start=2):
            if blank(cells):
                continue  # blank lines are not rows
            found = True
            if texts and every and len(cells) == len(names):  # the usual CSV row: the fast way
                yield number, dict(zip(names, map(str.strip, cells)))
                continue
            width = len(cells)
            yield number, {name: _cell(cells[index]) if index < width else "" for index, name in pairs}
        if not found:
            raise ImportFailed(_("%(file)s: the file has a header but no rows.") % {"file": self.display_name})


def read_rows(path: Path, display_name: str, importer: Importer) -> list[tuple[int, dict]]:
    """The file's data rows as (row number as a spreadsheet shows it, {column: value})."""
    return list(RowSource(path, display_name, importer))


def _cell(value):
    return value.strip() if isinstance(value, str) else ("" if value is None else value)


def _csv_rows(path: Path, display_name: str):
    """(data rows the file's lines suggest, a reader of its rows) in the encoding the file was saved in."""
    encoding, lines = _csv_encoding(path, display_name)
    handle = open(path, encoding=encoding, newline="")
    first_line = handle.readline()
    handle.seek(0)
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","

    def rows():
        with handle:
            yield from csv.reader(handle, delimiter=delimiter)

    return max(1, lines - 1), rows()


def _csv_encoding(path: Path, display_name: str) -> tuple[str, int]:
    """UTF-8 (with or without BOM), else Windows-1252 as Excel on Windows saves CSV, else Latin-1.

    Reads the file once in blocks: it also counts lines (for progress) and refuses binary data.
    """
    candidates = {"utf-8-sig": codecs.getincrementaldecoder("utf-8-sig")(), "cp1252": codecs.getincrementaldecoder("cp1252")()}
    lines = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            if b"\x00" in block:
                raise ImportFailed(_("%(file)s: this is not a text CSV file (it contains binary data).") % {"file": display_name})
            lines += block.count(b"\n")
            for name, decoder in list(candidates.items()):
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    del candidates[name]
    for name in ("utf-8-sig", "cp1252"):
        if name in candidates:
            try:
                candidates[name].decode(b"", final=True)
                return name, lines
            except UnicodeDecodeError:
                pass
    return "latin-1", lines


def _xlsx_rows(path: Path, display_name: str):
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except (InvalidFileException, BadZipFile, KeyError, OSError, IndexError):
        raise ImportFailed(_("%(file)s: this is not a readable .xlsx workbook.") % {"file": display_name}) from None

    def rows():
        try:
            for row in sheet.iter_rows(values_only=True):
                yield list(row)
        finally:
            workbook.close()

    return (sheet.max_row or 2) - 1, rows()


def run_import(importer: Importer, path: Path, display_name: str, keep_good: bool = False, progress=None) -> ImportReport:
    """Validate every row, then write all rows, or only the good ones when asked to.

    Progress: reading and checking rows fills the bar to 60%, writing to 100%.
    """
    report = ImportReport(file=display_name)
    progress = progress or (lambda percent, message="": None)
    source = RowSource(path, display_name, importer)
    importer.file_name = display_name
    importer.prepare()
    estimate = max(1, source.estimated_rows or 1)
    valid = importer.new_rows()
    first_row_of_key = {}
    for number, values in source:
        report.rows += 1
        try:
            key, cleaned = importer.clean_row(values)
            first = first_row_of_key.setdefault(key, number)
            if first != number:
                raise RowInvalid(importer.key_column, _("duplicates row %(row)s of this file.") % {"row": first})
            valid.append((number, key, cleaned))
        except RowInvalid as exc:
            report.add_error(number, exc.column, exc.message)
        if report.rows % 5000 == 0:
            progress(
                55 * min(1.0, report.rows / estimate),
                _("Checked %(done)s of about %(total)s rows") % {"done": report.rows, "total": estimate},
            )
    del first_row_of_key
    progress(55, _("Comparing %(count)s rows with stored data") % {"count": len(valid)})
    valid, late = importer.check(valid)
    for number, exc in late:
        report.add_error(number, exc.column, exc.message)
    report.errors.sort(key=lambda error: error.row)
    if report.bad_rows and not keep_good:
        return report
    progress(60, _("Writing %(count)s rows") % {"count": len(valid)})
    importer._on_written = lambda done, total: progress(
        60 + 40 * done / max(1, total), _("Wrote %(done)s of %(total)s rows") % {"done": done, "total": total}
    )
    with transaction.atomic():
        report.created, report.updated, report.unchanged = importer.write(valid)
    if report.bad_rows:
        numbers = valid.numbers() if hasattr(valid, "numbers") else [number for number, _key, _values in valid]
        report.kept_rows = list(numbers)
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
    if not importer_class.permitted(actor):
        raise JobError(_("You may not import this kind of file."))
    try:
        report = run_import(importer_class(actor), Path(path), filename, keep_good=keep_good, progress=progress)
    except ImportFailed as exc:
        raise JobError(str(exc)) from None
    return report.as_dict()

"""Read and write an allocation instance as a folder of CSV files (UTF-8, comma-separated).

``agencies.csv``
    ``agency_id`` (required, unique), ``name``, ``border_region``, ``remote``, ``underserved``
    (flags: 1/0, true/false, yes/no; empty is false)
``programs.csv``
    ``program_id`` (required, unique), ``name``, ``threat_relevance`` (number > 0, default 1),
    ``critical`` (flag), ``typical_session_size`` (whole number ≥ 1; empty: median session),
    ``threat_tags`` (tags separated by ``;``)
``sessions.csv``
    ``session_id`` (required, unique), ``program_id`` (in programs.csv), ``site_id``,
    ``month`` (1-12, month of the planning year), ``capacity`` (whole number ≥ 0)
``requests.csv``
    ``request_id`` (required, unique), ``agency_id`` (in agencies.csv), ``program_id`` (in
    programs.csv), ``seats`` (whole number ≥ 1), ``months`` (acceptable months separated by
    ``;``, empty: any), ``sites`` (acceptable site ids separated by ``;``, empty: any), and the
    submission order as ``order`` (whole number, lower first) and/or ``submitted_at`` (ISO 8601
    date or date-time); with both, ``submitted_at`` decides and ``order`` breaks ties.
``rules.json`` (optional)
    the run's Rules as written by ``Rules.to_dict``.

Bad input raises InstanceError naming the file, the row (the line in the file, the header
being row 1) and the column. Weights are not stored: they follow from the rules.
"""
from __future__ import annotations

import csv
import datetime
import json
from dataclasses import replace
from pathlib import Path

from .model import Agency, Problem, ProblemError, Program, Request, Rules, RulesError, Session

FILES = {
    "agencies.csv": ("agency_id", "name", "border_region", "remote", "underserved"),
    "programs.csv": ("program_id", "name", "threat_relevance", "critical", "typical_session_size", "threat_tags"),
    "sessions.csv": ("session_id", "program_id", "site_id", "month", "capacity"),
    "requests.csv": ("request_id", "agency_id", "program_id", "seats", "months", "sites", "order", "submitted_at"),
}
REQUIRED = {
    "agencies.csv": ("agency_id",),
    "programs.csv": ("program_id",),
    "sessions.csv": ("session_id", "program_id", "site_id", "month", "capacity"),
    "requests.csv": ("request_id", "agency_id", "program_id", "seats"),
}
TRUE = {"1", "true", "yes", "y", "t", "x", "sí", "si"}
FALSE = {"", "0", "false", "no", "n", "f"}


class InstanceError(ValueError):
    def __init__(self, file: str, row: int | None, column: str | None, message: str):
        where = file
        if row is not None:
            where += f", row {row}"
        if column:
            where += f", column {column}"
        super().__init__(f"{where}: {message}")
        self.file, self.row, self.column, self.message = file, row, column, message


class _Rows:
    def __init__(self, folder: Path, name: str):
        self.name = name
        path = folder / name
        if not path.exists():
            raise InstanceError(name, None, None, f"file not found in {folder}")
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            try:
                header = next(reader)
            except StopIteration:
                raise InstanceError(name, 1, None, "the file is empty; the first row must name the columns") from None
            self.header = [h.strip() for h in header]
            for col in REQUIRED[name]:
                if col not in self.header:
                    raise InstanceError(name, 1, col, "missing column")
            self.rows = []
            for line, values in enumerate(reader, start=2):
                if not any(v.strip() for v in values):
                    continue
                if len(values) > len(self.header):
                    raise InstanceError(name, line, None, f"{len(values)} values for {len(self.header)} columns")
                self.rows.append((line, {h: (values[k].strip() if k < len(values) else "") for k, h in enumerate(self.header)}))

    def error(self, line, column, message):
        return InstanceError(self.name, line, column, message)

    def text(self, line, row, column, required=False) -> str:
        value = row.get(column, "")
        if required and not value:
            raise self.error(line, column, "required")
        return value

    def flag(self, line, row, column) -> bool:
        value = row.get(column, "").lower()
        if value in TRUE:
            return True
        if value in FALSE:
            return False
        raise self.error(line, column, f"must be 1/0, true/false or yes/no, got {row[column]!r}")

    def integer(self, line, row, column, *, minimum=None, maximum=None, default=None):
        value = row.get(column, "")
        if value == "":
            if default is not None or column not in REQUIRED[self.name]:
                return default
            raise self.error(line, column, "required")
        try:
            number = int(value)
        except ValueError:
            raise self.error(line, column, f"must be a whole number, got {value!r}") from None
        if minimum is not None and number < minimum:
            raise self.error(line, column, f"must be {minimum} or more, got {number}")
        if maximum is not None and number > maximum:
            raise self.error(line, column, f"must be {maximum} or less, got {number}")
        return number

    def number(self, line, row, column, default):
        value = row.get(column, "")
        if value == "":
            return default
        try:
            number = float(value)
        except ValueError:
            raise self.error(line, column, f"must be a number, got {value!r}") from None
        if not (number > 0 and number != float("inf")):
            raise self.error(line, column, f"must be a finite number greater than 0, got {value!r}")
        return number

    def unique(self, line, column, value, seen: set):
        if value in seen:
            raise self.error(line, column, f"duplicate id {value!r}")
        seen.add(value)


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def _when(rows: _Rows, line, row):
    value = row.get("submitted_at", "")
    if not value:
        return None
    try:
        when = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise rows.error(line, "submitted_at", f"must be an ISO 8601 date or date-time, got {value!r}") from None
    if when.tzinfo is not None:
        when = when.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return when


def read_instance(folder, rules: Rules | None = None) -> Problem:
    """The problem in `folder`; `rules` wins over the folder's rules.json."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InstanceError(str(folder), None, None, "not a folder")
    if rules is None:
        path = folder / "rules.json"
        if path.exists():
            try:
                rules = Rules.from_dict(json.loads(path.read_text(encoding="utf-8")))
            except json.JSONDecodeError as exc:
                raise InstanceError("rules.json", exc.lineno, None, f"not valid JSON: {exc.msg}") from None
            except RulesError as exc:
                raise InstanceError("rules.json", None, exc.field, exc.message) from None
        else:
            rules = Rules()

    rows = _Rows(folder, "agencies.csv")
    agencies, seen = [], set()
    for line, row in rows.rows:
        aid = rows.text(line, row, "agency_id", required=True)
        rows.unique(line, "agency_id", aid, seen)
        agencies.append(Agency(
            id=aid, name=row.get("name", ""), border=rows.flag(line, row, "border_region"),
            remote=rows.flag(line, row, "remote"), underserved=rows.flag(line, row, "underserved"),
        ))
    agency_ids = seen

    rows = _Rows(folder, "programs.csv")
    programs, seen = [], set()
    for line, row in rows.rows:
        pid = rows.text(line, row, "program_id", required=True)
        rows.unique(line, "program_id", pid, seen)
        programs.append(Program(
            id=pid, name=row.get("name", ""), relevance=rows.number(line, row, "threat_relevance", 1.0),
            critical=rows.flag(line, row, "critical"),
            typical_size=rows.integer(line, row, "typical_session_size", minimum=1),
            threat_tags=frozenset(_split(row.get("threat_tags", ""))),
        ))
    program_ids = seen

    rows = _Rows(folder, "sessions.csv")
    sessions, seen = [], set()
    for line, row in rows.rows:
        sid = rows.text(line, row, "session_id", required=True)
        rows.unique(line, "session_id", sid, seen)
        pid = rows.text(line, row, "program_id", required=True)
        if pid not in program_ids:
            raise rows.error(line, "program_id", f"unknown program {pid!r} (not in programs.csv)")
        sessions.append(Session(
            id=sid, program_id=pid, site_id=rows.text(line, row, "site_id", required=True),
            month=rows.integer(line, row, "month", minimum=1, maximum=12),
            capacity=rows.integer(line, row, "capacity", minimum=0),
        ))

    rows = _Rows(folder, "requests.csv")
    if "order" not in rows.header and "submitted_at" not in rows.header:
        raise InstanceError("requests.csv", 1, "order", "missing column: give order or submitted_at")
    raw, seen = [], set()
    for line, row in rows.rows:
        rid = rows.text(line, row, "request_id", required=True)
        rows.unique(line, "request_id", rid, seen)
        aid = rows.text(line, row, "agency_id", required=True)
        if aid not in agency_ids:
            raise rows.error(line, "agency_id", f"unknown agency {aid!r} (not in agencies.csv)")
        pid = rows.text(line, row, "program_id", required=True)
        if pid not in program_ids:
            raise rows.error(line, "program_id", f"unknown program {pid!r} (not in programs.csv)")
        months = set()
        for m in _split(row.get("months", "")):
            try:
                month = int(m)
            except ValueError:
                raise rows.error(line, "months", f"months must be whole numbers 1-12 separated by ';', got {m!r}") from None
            if not 1 <= month <= 12:
                raise rows.error(line, "months", f"month must be 1 to 12, got {month}")
            months.add(month)
        order = rows.integer(line, row, "order", default=0)
        when = _when(rows, line, row)
        if when is None and "submitted_at" in rows.header and "order" not in rows.header:
            raise rows.error(line, "submitted_at", "required (the file has no order column)")
        raw.append(((when is None, when or datetime.datetime.min, order, line), Request(
            id=rid, agency_id=aid, program_id=pid, seats=rows.integer(line, row, "seats", minimum=1),
            months=frozenset(months), sites=frozenset(_split(row.get("sites", ""))), order=order,
        )))
    # Submission order: submitted_at first (rows without it after), then order, then the file.
    ranked = sorted(range(len(raw)), key=lambda k: raw[k][0])
    requests = [None] * len(raw)
    for rank, k in enumerate(ranked):
        r = raw[k][1]
        requests[k] = replace(r, order=rank)
    try:
        return Problem.build(agencies=agencies, programs=programs, sessions=sessions, requests=requests, rules=rules)
    except ProblemError as exc:  # pragma: no cover - every row was checked above
        raise InstanceError(str(folder), None, None, str(exc)) from None


def _flag(value: bool) -> str:
    return "1" if value else "0"


def _join(values) -> str:
    return ";".join(str(v) for v in sorted(values, key=lambda v: (str(type(v)), v)))


def write_instance(problem: Problem, folder) -> Path:
    """Write `problem` (which needs its agencies and programs) as CSV files and rules.json."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    agencies = dict(problem.agencies)
    programs = dict(problem.programs)
    for r in problem.requests:  # problems built by hand carry the flags on their requests
        agencies.setdefault(r.agency_id, Agency(r.agency_id, border=r.border, remote=r.remote, underserved=r.underserved))
        programs.setdefault(r.program_id, Program(r.program_id, critical=r.critical))
    for s in problem.sessions:
        programs.setdefault(s.program_id, Program(s.program_id))

    def write(name, rows):
        with (folder / name).open("w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh)
            out.writerow(FILES[name][:-1] if name == "requests.csv" else FILES[name])
            out.writerows(rows)

    write("agencies.csv", (
        (a.id, a.name, _flag(a.border), _flag(a.remote), _flag(a.underserved)) for a in agencies.values()
    ))
    write("programs.csv", (
        (p.id, p.name, repr(float(p.relevance)), _flag(p.critical), p.typical_size or "", _join(p.threat_tags))
        for p in programs.values()
    ))
    write("sessions.csv", ((s.id, s.program_id, s.site_id, s.month, s.capacity) for s in problem.sessions))
    write("requests.csv", (
        (r.id, r.agency_id, r.program_id, r.seats, _join(r.months), _join(r.sites), r.order)
        for r in problem.requests
    ))
    (folder / "rules.json").write_text(json.dumps(problem.rules.to_dict(), indent=2, default=str), encoding="utf-8")
    return folder

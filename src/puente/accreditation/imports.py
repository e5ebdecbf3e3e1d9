"""Reading a standards framework from a YAML or CSV file.

A YAML file carries everything (program type, edition, tiers, chapters, standards); a CSV
file has one row per standard, and the framework's code, program type, edition, titles
and tiers come from the form or the command line. Every problem is collected and named by
file, line or row, and field; `actions.import_framework` writes nothing unless there is none.
"""
import csv
import io
from dataclasses import dataclass, field

import yaml
from django.utils.translation import gettext as _

from .models import Frequency, ProgramType

CSV_COLUMNS = [
    "chapter", "chapter_title_en", "chapter_title_es", "code", "title_en", "title_es", "text_en", "text_es",
    "tiers", "mandatory", "proof_en", "proof_es", "frequency",
]
MAX_BYTES = 5 * 1024 * 1024


class FrameworkInvalid(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class StandardData:
    code: str
    title_en: str
    title_es: str
    text_en: str
    text_es: str
    tiers: list[str]
    mandatory: bool
    proof_en: str
    proof_es: str
    frequency: str
    where: str  # "file, line 12" or "file, row 4", for messages


@dataclass
class ChapterData:
    number: str
    title_en: str
    title_es: str
    standards: list[StandardData] = field(default_factory=list)


@dataclass
class FrameworkData:
    code: str
    program_type: str
    edition: str
    title_en: str
    title_es: str
    tiers: list[dict]
    source_name: str
    chapters: list[ChapterData] = field(default_factory=list)

    @property
    def standards(self) -> list[StandardData]:
        return [standard for chapter in self.chapters for standard in chapter.standards]


class _LineLoader(yaml.SafeLoader):
    """Keeps each mapping's line number under "__line__" so errors can name it."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


class _Reader:
    """Collects errors while turning raw values into clean ones."""

    def __init__(self, name: str):
        self.name = name
        self.errors: list[str] = []

    def error(self, where: str, field_name: str, message: str) -> None:
        self.errors.append(_("%(where)s, field %(field)s: %(message)s") % {"where": where, "field": field_name, "message": message})

    def text(self, value, where: str, field_name: str, required: bool = True, limit: int = 0) -> str:
        text = "" if value is None else str(value).strip()
        if required and not text:
            self.error(where, field_name, _("required, but empty or missing."))
        elif limit and len(text) > limit:
            self.error(where, field_name, _("at most %(limit)s characters.") % {"limit": limit})
        return text

    def bilingual(self, value, where: str, field_name: str, required: bool = True, limit: int = 0) -> tuple[str, str]:
        """A {en, es} mapping; both languages are required when the field is."""
        if value is None:
            value = {}
        if not isinstance(value, dict):
            self.error(where, field_name, _("give the English and Spanish text as “en:” and “es:”."))
            return "", ""
        return (self.text(value.get("en"), where, f"{field_name}.en", required, limit),
                self.text(value.get("es"), where, f"{field_name}.es", required, limit))

    def choice(self, value, choices, where: str, field_name: str, default: str = "") -> str:
        text = self.text(value, where, field_name, required=not default) or default
        if text and text not in choices.values:
            self.error(where, field_name, _("“%(value)s” is not one of: %(allowed)s.") % {"value": text, "allowed": ", ".join(choices.values)})
        return text

    def boolean(self, value, where: str, field_name: str) -> bool:
        if isinstance(value, bool):
            return value
        text = str(value if value is not None else "").strip().lower()
        if text in ("yes", "y", "true", "1", "sí", "si", "m", "mandatory"):
            return True
        if text in ("", "no", "n", "false", "0", "o", "other"):
            return False
        self.error(where, field_name, _("“%(value)s” is not yes or no.") % {"value": value})
        return False

    def tiers(self, value, declared: list[str], where: str) -> list[str]:
        """The standard's tiers (all the framework's tiers when none are given)."""
        if value in (None, "", []):
            return list(declared)
        items = value if isinstance(value, list) else str(value).replace("|", ",").split(",")
        codes = [str(item).strip() for item in items if str(item).strip()]
        unknown = [code for code in codes if code not in declared]
        if unknown:
            self.error(where, "tiers", _("unknown tier %(tiers)s; the framework declares %(declared)s.") % {
                "tiers": ", ".join(f"“{code}”" for code in unknown), "declared": ", ".join(declared) or "—"})
        return codes

    def standard(self, raw: dict, declared: list[str], where: str) -> StandardData:
        title_en, title_es = self.bilingual(raw.get("title"), where, "title", limit=250)
        text_en, text_es = self.bilingual(raw.get("text"), where, "text")
        proof_en, proof_es = self.bilingual(raw.get("proof"), where, "proof", required=False)
        return StandardData(
            code=self.text(raw.get("code"), where, "code", limit=20), title_en=title_en, title_es=title_es,
            text_en=text_en, text_es=text_es, tiers=self.tiers(raw.get("tiers"), declared, where),
            mandatory=self.boolean(raw.get("mandatory"), where, "mandatory"), proof_en=proof_en, proof_es=proof_es,
            frequency=self.choice(raw.get("frequency"), Frequency, where, "frequency", default=Frequency.CYCLE),
            where=where,
        )

    def check_codes(self, data: FrameworkData) -> None:
        seen_chapters: set[str] = set()
        for chapter in data.chapters:
            if chapter.number in seen_chapters:
                self.errors.append(_("%(file)s: chapter %(number)s appears twice.") % {"file": self.name, "number": chapter.number})
            seen_chapters.add(chapter.number)
        seen: dict[str, str] = {}
        for standard in data.standards:
            if standard.code and standard.code in seen:
                self.error(standard.where, "code", _("duplicate code “%(code)s”, first used at %(first)s.") % {
                    "code": standard.code, "first": seen[standard.code]})
            seen.setdefault(standard.code, standard.where)
        if not data.standards:
            self.errors.append(_("%(file)s: the framework has no standards.") % {"file": self.name})


def _tier_list(reader: _Reader, raw, where: str) -> list[dict]:
    if not isinstance(raw, list) or not raw:
        reader.error(where, "tiers", _("list at least one tier, each with a code."))
        return []
    tiers = []
    for item in raw:
        item = item if isinstance(item, dict) else {"code": item}
        code = reader.text(item.get("code"), where, "tiers.code", limit=20)
        tiers.append({"code": code, "name_en": str(item.get("en") or code), "name_es": str(item.get("es") or code)})
    codes = [tier["code"] for tier in tiers]
    if len(set(codes)) != len(codes):
        reader.error(where, "tiers", _("a tier code appears twice."))
    return tiers


def parse_yaml(content: bytes, name: str) -> FrameworkData:
    """A framework from a YAML file, or FrameworkInvalid listing every problem."""
    reader = _Reader(name)
    try:
        raw = yaml.load(_decode(content, name), Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = _("line %(line)s, column %(column)s") % {"line": mark.line + 1, "column": mark.column + 1} if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise FrameworkInvalid([_("%(file)s: not valid YAML (%(where)s): %(problem)s.") % {"file": name, "where": where, "problem": problem}]) from None
    if not isinstance(raw, dict):
        raise FrameworkInvalid([_("%(file)s: expected a mapping with code, program_type, edition, title, tiers and chapters.") % {"file": name}])
    top = _("%(file)s, line %(line)s") % {"file": name, "line": raw.get("__line__", 1)}
    title_en, title_es = reader.bilingual(raw.get("title"), top, "title", limit=200)
    tiers = _tier_list(reader, raw.get("tiers"), top)
    declared = [tier["code"] for tier in tiers]
    data = FrameworkData(
        code=reader.text(raw.get("code"), top, "code", limit=40),
        program_type=reader.choice(raw.get("program_type"), ProgramType, top, "program_type"),
        edition=reader.text(raw.get("edition"), top, "edition", limit=20),
        title_en=title_en, title_es=title_es, tiers=tiers, source_name=name,
    )
    chapters = raw.get("chapters")
    if not isinstance(chapters, list):
        reader.error(top, "chapters", _("expected a list of chapters."))
        chapters = []
    for chapter_raw in chapters:
        if not isinstance(chapter_raw, dict):
            reader.error(top, "chapters", _("each chapter must be a mapping with number, title and standards."))
            continue
        where = _("%(file)s, line %(line)s") % {"file": name, "line": chapter_raw["__line__"]}
        chapter_en, chapter_es = reader.bilingual(chapter_raw.get("title"), where, "title", limit=200)
        chapter = ChapterData(number=reader.text(chapter_raw.get("number"), where, "number", limit=10), title_en=chapter_en, title_es=chapter_es)
        for standard_raw in chapter_raw.get("standards") or []:
            if not isinstance(standard_raw, dict):
                reader.error(where, "standards", _("each standard must be a mapping."))
                continue
            standard_where = _("%(file)s, line %(line)s") % {"file": name, "line": standard_raw["__line__"]}
            chapter.standards.append(reader.standard(standard_raw, declared, standard_where))
        data.chapters.append(chapter)
    reader.check_codes(data)
    if reader.errors:
        raise FrameworkInvalid(reader.errors)
    return data


def parse_csv(content: bytes, name: str, *, code: str, program_type: str, edition: str, title_en: str, title_es: str,
              tiers: list[str]) -> FrameworkData:
    """A framework from a CSV file of standards plus the framework's own fields."""
    reader = _Reader(name)
    top = name
    data = FrameworkData(
        code=reader.text(code, top, "code", limit=40),
        program_type=reader.choice(program_type, ProgramType, top, "program_type"),
        edition=reader.text(edition, top, "edition", limit=20),
        title_en=reader.text(title_en, top, "title_en", limit=200), title_es=reader.text(title_es, top, "title_es", limit=200),
        tiers=_tier_list(reader, tiers, top), source_name=name,
    )
    declared = [tier["code"] for tier in data.tiers]
    rows = csv.DictReader(io.StringIO(_decode(content, name)))
    header = [column.strip() for column in rows.fieldnames or []]
    missing = [column for column in ("chapter", "code", "title_en", "title_es", "text_en", "text_es") if column not in header]
    if missing:
        raise FrameworkInvalid([_("%(file)s: the header lacks the columns %(columns)s (expected %(expected)s).") % {
            "file": name, "columns": ", ".join(missing), "expected": ", ".join(CSV_COLUMNS)}])
    chapters: dict[str, ChapterData] = {}
    for number, row in enumerate(rows, start=2):
        row = {key.strip(): value for key, value in row.items() if key}
        where = _("%(file)s, row %(row)s") % {"file": name, "row": number}
        chapter_number = reader.text(row.get("chapter"), where, "chapter", limit=10)
        if chapter_number not in chapters:
            chapters[chapter_number] = ChapterData(
                number=chapter_number,
                title_en=reader.text(row.get("chapter_title_en"), where, "chapter_title_en", limit=200),
                title_es=reader.text(row.get("chapter_title_es"), where, "chapter_title_es", limit=200),
            )
        raw = {
            "code": row.get("code"), "title": {"en": row.get("title_en"), "es": row.get("title_es")},
            "text": {"en": row.get("text_en"), "es": row.get("text_es")},
            "proof": {"en": row.get("proof_en"), "es": row.get("proof_es")},
            "tiers": row.get("tiers"), "mandatory": row.get("mandatory"), "frequency": row.get("frequency"),
        }
        chapters[chapter_number].standards.append(reader.standard(raw, declared, where))
    data.chapters = list(chapters.values())
    reader.check_codes(data)
    if reader.errors:
        raise FrameworkInvalid(reader.errors)
    return data


def parse(content: bytes, name: str, **csv_fields) -> FrameworkData:
    """By the file's suffix: .yaml/.yml or .csv."""
    if len(content) > MAX_BYTES:
        raise FrameworkInvalid([_("%(file)s: the file is larger than 5 MB.") % {"file": name}])
    lowered = name.lower()
    if lowered.endswith((".yaml", ".yml")):
        return parse_yaml(content, name)
    if lowered.endswith(".csv"):
        return parse_csv(content, name, **csv_fields)
    raise FrameworkInvalid([_("%(file)s: a framework file is YAML (.yaml, .yml) or CSV (.csv).") % {"file": name}])


def _decode(content: bytes, name: str) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FrameworkInvalid([_("%(file)s: not UTF-8 text (byte %(position)s).") % {"file": name, "position": exc.start}]) from None

"""CSV/XLSX import of programs, keyed by program code.

Threats and prerequisites are lists of codes separated by ";". A prerequisite is a program
already stored or one on an earlier row of the same file; a row that would make a program
require itself (directly or through a chain) is refused. Relations are written and audited
with the program, in the same entry, as sorted lists of codes.
"""
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import override

from puente.core import audit
from puente.core.imports import Column, Importer, RowInvalid
from puente.core.models import AuditEntry
from puente.core.services import action_name, require_all

from .actions import RELATIONS, normalize_decimals
from .models import LANGUAGE_CHOICES, Domain, Program, ThreatTag, normalize_languages
from .prerequisites import cycle_through, describe


def _label(name: str):
    """The model field's own (translated) name, capitalized lazily for the reader's language."""
    return capfirst(Program._meta.get_field(name).verbose_name)


PROGRAM_COLUMNS = [
    Column("code", _label("code"), required=True),
    Column("title_en", _label("title_en"), required=True),
    Column("title_es", _label("title_es"), required=True),
    Column("description_en", _label("description_en")),
    Column("description_es", _label("description_es")),
    Column("domain", _label("domain"), required=True),
    Column("threats", _label("threats")),
    Column("mission_critical", _label("mission_critical")),
    Column("delivery_mode", _label("delivery_mode"), choices=Program.DeliveryMode),
    Column("hours", _label("hours"), required=True),
    Column("ce_credits", _label("ce_credits")),
    Column("prerequisites", _label("prerequisites")),
    Column("vetting_required", _label("vetting_required")),
    Column("min_class_size", _label("min_class_size")),
    Column("max_class_size", _label("max_class_size")),
    Column("languages", _label("languages"), required=True),
    Column("status", _label("status"), choices=Program.Status),
]
_COLUMNS = {column.name: column for column in PROGRAM_COLUMNS}
FIELDS = [
    "title_en", "title_es", "description_en", "description_es", "domain", "mission_critical", "delivery_mode",
    "hours", "ce_credits", "vetting_required", "min_class_size", "max_class_size", "languages", "status",
]
_DEFAULT_CLASS_SIZE = {"min_class_size": 1, "max_class_size": 24}


def _text(values: dict, name: str, required: bool = False) -> str:
    value = str(values.get(name, "")).strip()
    if required and not value:
        raise RowInvalid(name, _("is required."))
    return value


def _codes(values: dict, name: str) -> list[str]:
    """A list of codes separated by ";" (or ","), upper-cased, without repeats."""
    text = str(values.get(name, "")).replace(",", ";")
    return list(dict.fromkeys(part.strip().upper() for part in text.split(";") if part.strip()))


def _decimal(name: str, raw, default=None) -> Decimal:
    if raw in (None, ""):
        if default is None:
            raise RowInvalid(name, _("is required."))
        return Decimal(default)
    if isinstance(raw, bool):
        raise RowInvalid(name, _("“%(value)s” is not a number.") % {"value": raw})
    if isinstance(raw, (int, float, Decimal)):
        text = str(raw)
    else:
        text = str(raw).strip().replace(" ", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")  # a decimal comma, as Spanish spreadsheets write it
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise RowInvalid(name, _("“%(value)s” is not a number.") % {"value": raw}) from None
    if not value.is_finite():
        raise RowInvalid(name, _("“%(value)s” is not a number.") % {"value": raw})
    return value


def _whole(name: str, raw, default: int) -> int:
    value = _decimal(name, raw, default)
    if value != value.to_integral_value():
        raise RowInvalid(name, _("“%(value)s” is not a whole number.") % {"value": raw})
    return int(value)


def _languages(raw) -> list[str]:
    """Codes (en, es) or language names in English or Spanish, separated by ";"."""
    names = {}
    for code, label in LANGUAGE_CHOICES:
        names[code] = code
        for language in ("en", "es"):
            with override(language):
                names[str(label).lower()] = code
    chosen = []
    for part in str(raw or "").replace(",", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        code = names.get(part.lower())
        if code is None:
            allowed = ", ".join(code for code, _label in LANGUAGE_CHOICES)
            raise RowInvalid("languages", _("“%(value)s” is not a language offered; use: %(allowed)s.") % {"value": part, "allowed": allowed})
        chosen.append(code)
    if not chosen:
        raise RowInvalid("languages", _("is required."))
    return normalize_languages(chosen)


class ProgramImporter(Importer):
    model = Program
    columns = PROGRAM_COLUMNS
    key_column = "code"

    def prepare(self):
        self.domains = {d.code: d for d in Domain.objects.restrict(self.actor, "view")}
        self.threats = {t.code: t for t in ThreatTag.objects.restrict(self.actor, "view")}
        self.existing = {p.code: p for p in Program.objects.all()}
        self.changeable = set(Program.objects.restrict(self.actor, "change").values_list("pk", flat=True))
        code_of = {p.pk: p.code for p in self.existing.values()}
        self.stored_relations = {code: {name: [] for name in RELATIONS} for code in self.existing}
        for program_id, threat_code in Program.threats.through.objects.values_list("program_id", "threattag__code"):
            self.stored_relations[code_of[program_id]]["threats"].append(threat_code)
        for from_id, to_id in Program.prerequisites.through.objects.values_list("from_program_id", "to_program_id"):
            self.stored_relations[code_of[from_id]]["prerequisites"].append(code_of[to_id])
        for relations in self.stored_relations.values():
            for codes in relations.values():
                codes.sort()
        # Requirements by code, as they will be once the good rows so far are written.
        self.graph = {code: set(relations["prerequisites"]) for code, relations in self.stored_relations.items()}
        self.good_codes: set[str] = set()  # programs on good rows of this file so far
        self.bad_codes: set[str] = set()

    def clean_row(self, values):
        code = _text(values, "code", required=True).upper()
        self.bad_codes.add(code)  # until the row is found good
        existing = self.existing.get(code)
        if existing is not None and existing.pk not in self.changeable:
            raise RowInvalid("code", _("program %(code)s exists and you may not change it.") % {"code": code})
        domain_code = _text(values, "domain", required=True).upper()
        domain = self.domains.get(domain_code)
        if domain is None:
            raise RowInvalid("domain", _("unknown domain code “%(code)s”.") % {"code": domain_code})
        unknown = [c for c in _codes(values, "threats") if c not in self.threats]
        if unknown:
            raise RowInvalid("threats", _("unknown threat codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        prerequisites = _codes(values, "prerequisites")
        for required in prerequisites:
            if required in self.existing or required in self.good_codes or required == code:
                continue
            if required in self.bad_codes:
                raise RowInvalid(
                    "prerequisites", _("program %(code)s is on a row of this file that has errors.") % {"code": required}
                )
            raise RowInvalid(
                "prerequisites",
                _("unknown program code “%(code)s” (a program added by this file must come before the rows that require it).")
                % {"code": required},
            )
        chain = cycle_through({**self.graph, code: set(prerequisites)}, code)
        if chain is not None:
            raise RowInvalid(
                "prerequisites",
                _("a program cannot require itself, directly or through other programs: %(chain)s.") % {"chain": describe(chain)},
            )
        status = _text(values, "status")
        fields = {
            "title_en": _text(values, "title_en", required=True),
            "title_es": _text(values, "title_es", required=True),
            "description_en": _text(values, "description_en"),
            "description_es": _text(values, "description_es"),
            "domain": domain,
            "mission_critical": self.boolean("mission_critical", values.get("mission_critical")),
            "delivery_mode": (
                self.choice(_COLUMNS["delivery_mode"], _text(values, "delivery_mode"))
                if _text(values, "delivery_mode") else Program.DeliveryMode.IN_PERSON
            ),
            "hours": _decimal("hours", values.get("hours")),
            "ce_credits": _decimal("ce_credits", values.get("ce_credits"), default=0),
            "vetting_required": self.boolean("vetting_required", values.get("vetting_required")),
            **{name: _whole(name, values.get(name), default) for name, default in _DEFAULT_CLASS_SIZE.items()},
            "languages": _languages(values.get("languages")),
            # Without a status, a stored program keeps its own and a new one is active.
            "status": (
                self.choice(_COLUMNS["status"], status) if status
                else (existing.status if existing is not None else Program.Status.ACTIVE)
            ),
        }
        relations = {"threats": sorted(_codes(values, "threats")), "prerequisites": sorted(prerequisites)}
        fields = normalize_decimals(Program, fields)
        _validated(Program(code=code, **fields))
        self.graph[code] = set(prerequisites)
        self.bad_codes.discard(code)
        self.good_codes.add(code)
        return (code,), (fields, relations)

    def write(self, rows):
        new, changed, unchanged = [], [], 0
        plans = []  # (program, snapshot before or None for a new one, relations as codes)
        now = timezone.now()
        for _number, (code,), (fields, relations) in rows:
            program = self.existing.get(code)
            if program is None:
                program = Program(code=code, **fields)
                new.append(program)
                plans.append((program, None, relations))
                continue
            before = {**audit.snapshot(program), **self.stored_relations[code]}
            for name, value in fields.items():
                setattr(program, name, value)
            if {**audit.snapshot(program), **relations} == before:
                unchanged += 1
                continue
            program.updated = now
            changed.append(program)
            plans.append((program, before, relations))
        created = Program.objects.bulk_create(new, batch_size=1000)
        Program.objects.bulk_update(changed, [*FIELDS, "updated"], batch_size=1000)
        if created:
            require_all(self.actor, "add", Program, [p.pk for p in created])
        if changed:
            require_all(self.actor, "change", Program, [p.pk for p in changed])
        self._write_relations(plans)
        AuditEntry.objects.bulk_create(
            [
                AuditEntry(**audit.entry_fields(
                    self.actor, action_name(Program, "create" if before is None else "update"), program,
                    audit.diff(before or {}, {**audit.snapshot(program), **relations}),
                ))
                for program, before, relations in plans
            ],
            batch_size=1000,
        )
        return len(new), len(changed), unchanged

    def _write_relations(self, plans):
        """Replace the threats and prerequisites of every written program."""
        pk_of = {code: program.pk for code, program in self.existing.items()}
        pk_of.update({program.code: program.pk for program, _before, _relations in plans})
        written = [program.pk for program, _before, _relations in plans]
        threat_link = Program.threats.through
        prerequisite_link = Program.prerequisites.through
        threat_link.objects.filter(program_id__in=written).delete()
        prerequisite_link.objects.filter(from_program_id__in=written).delete()
        threat_link.objects.bulk_create(
            [
                threat_link(program_id=program.pk, threattag_id=self.threats[code].pk)
                for program, _before, relations in plans for code in relations["threats"]
            ],
            batch_size=1000,
        )
        prerequisite_link.objects.bulk_create(
            [
                prerequisite_link(from_program_id=program.pk, to_program_id=pk_of[code])
                for program, _before, relations in plans for code in relations["prerequisites"]
            ],
            batch_size=1000,
        )


def _validated(program: Program) -> None:
    """Run the model's own validation and report the first problem against its column."""
    try:
        program.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise RowInvalid(field if field in _COLUMNS else "code", " ".join(messages)) from None


IMPORTERS = {"programs": ProgramImporter}

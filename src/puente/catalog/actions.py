"""Every write to the catalog: atomic, permission-checked and audited.

Programs carry two many-to-many relations (threats, prerequisites); the shared services write
them with the fields in one transaction and one audit entry, as sorted codes before and after.
"""
from decimal import Decimal, InvalidOperation

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from puente.core.services import create_object, require, update_object

from .models import Domain, Program, ThreatTag, normalize_languages
from .prerequisites import cycle_through, describe

RELATIONS = ("threats", "prerequisites")


def normalize_decimals(model: type[models.Model], fields: dict) -> dict:
    """Decimals at their field's places (40 -> 40.0), as the database returns them, so that
    writing back an unchanged value is not recorded as a change. Values that do not fit are
    left alone for validation to refuse."""
    fields = dict(fields)
    for name, value in fields.items():
        if not isinstance(value, (Decimal, int)) or isinstance(value, bool):
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.DecimalField):
            exponent = Decimal(1).scaleb(-field.decimal_places)
            try:
                quantized = Decimal(value).quantize(exponent)
            except InvalidOperation:
                continue
            if quantized == value:
                fields[name] = quantized
    return fields


def create_domain(actor, **fields) -> Domain:
    return create_object(actor, Domain, fields)


def update_domain(actor, domain: Domain, **fields) -> Domain:
    return update_object(actor, domain, fields)


def create_threat(actor, **fields) -> ThreatTag:
    return create_object(actor, ThreatTag, normalize_decimals(ThreatTag, fields))


def update_threat(actor, threat: ThreatTag, **fields) -> ThreatTag:
    return update_object(actor, threat, normalize_decimals(ThreatTag, fields))


def create_program(actor, **fields) -> Program:
    """A new program; `threats` and `prerequisites` are iterables of objects."""
    fields, relations = _prepare(fields)
    return create_object(actor, Program, fields, many=relations)


def update_program(actor, program: Program, **fields) -> Program:
    """Change a program; relations left out of `fields` stay as they are."""
    fields, relations = _prepare(fields)
    if "prerequisites" in relations:
        require(actor, "change", program)  # refuse before saying anything about the program's chain
        check_prerequisites(program, relations["prerequisites"])
    return update_object(actor, program, fields, many=relations)


def _prepare(fields: dict) -> tuple[dict, dict]:
    """Plain fields as stored (decimal places, language codes) and the relations apart."""
    fields = normalize_decimals(Program, fields)
    relations = {name: list(fields.pop(name)) for name in RELATIONS if name in fields}
    if "languages" in fields:
        fields["languages"] = normalize_languages(fields["languages"])
    return fields, relations


def retire_program(actor, program: Program) -> Program:
    """Programs are never deleted: sessions, records and credentials keep pointing at them."""
    return update_object(actor, program, {"status": Program.Status.RETIRED}, verb="retire", permission="delete")


def reactivate_program(actor, program: Program) -> Program:
    return update_object(actor, program, {"status": Program.Status.ACTIVE}, verb="reactivate", permission="delete")


def prerequisite_graph() -> dict[int, set[int]]:
    """Every stored requirement: program id -> ids of the programs it requires."""
    graph: dict[int, set[int]] = {}
    for program_id, required_id in Program.prerequisites.through.objects.values_list("from_program_id", "to_program_id"):
        graph.setdefault(program_id, set()).add(required_id)
    return graph


def check_prerequisites(program: Program, prerequisites) -> None:
    """Refuse prerequisites that would make the program require itself, directly or in a chain."""
    if program.pk is None:
        return  # nothing requires a program that does not exist yet, so no chain can come back
    graph = prerequisite_graph()
    graph[program.pk] = {p.pk for p in prerequisites}
    chain = cycle_through(graph, program.pk)
    if chain is None:
        return
    codes = dict(Program.objects.filter(pk__in=chain).values_list("pk", "code"))
    raise ValidationError({
        "prerequisites": _("A program cannot require itself, directly or through other programs: %(chain)s.")
        % {"chain": describe([codes[pk] for pk in chain])}
    })

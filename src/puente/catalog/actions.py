"""Every write to the catalog: atomic, permission-checked and audited.

Domains and threats are plain objects and use the shared create/update services. Programs also
carry two many-to-many relations (threats, prerequisites) that those services do not write:
`_write_program` saves the fields and the relations in one transaction and records both in one
audit entry, the relations as sorted lists of codes before and after.
"""
from decimal import Decimal, InvalidOperation

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from puente.core import audit
from puente.core.services import action_name, create_object, may, require, update_object

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
    return _write_program(actor, Program(), fields, verb="create", permission="add")


def update_program(actor, program: Program, **fields) -> Program:
    """Change a program; relations left out of `fields` stay as they are."""
    return _write_program(actor, program, fields, verb="update", permission="change")


def retire_program(actor, program: Program) -> Program:
    """Programs are never deleted: sessions, records and credentials keep pointing at them."""
    return update_object(actor, program, {"status": Program.Status.RETIRED}, verb="retire", permission="delete")


def reactivate_program(actor, program: Program) -> Program:
    return update_object(actor, program, {"status": Program.Status.ACTIVE}, verb="reactivate", permission="delete")


def relation_codes(program: Program) -> dict[str, list[str]]:
    """The program's threats and prerequisites as sorted codes, as the audit log records them."""
    if program.pk is None:
        return {name: [] for name in RELATIONS}
    return {name: sorted(getattr(program, name).values_list("code", flat=True)) for name in RELATIONS}


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


@transaction.atomic
def _write_program(actor, program: Program, fields: dict, *, verb: str, permission: str) -> Program:
    fields = normalize_decimals(Program, fields)
    relations = {name: list(fields.pop(name)) for name in RELATIONS if name in fields}
    if "languages" in fields:
        fields["languages"] = normalize_languages(fields["languages"])
    creating = program.pk is None
    if creating:
        if not may(actor, "add", Program):
            raise PermissionDenied(f"add {Program._meta.verbose_name}")
        before = {}
    else:
        require(actor, permission, program)
        before = {**audit.snapshot(program), **relation_codes(program)}
    for name, value in fields.items():
        setattr(program, name, value)
    after = {
        **audit.snapshot(program),
        **relation_codes(program),
        **{name: sorted(obj.code for obj in objs) for name, objs in relations.items()},
    }
    changes = audit.diff(before, after)
    if not creating and not changes:
        return program
    program.full_clean()
    if "prerequisites" in relations:
        check_prerequisites(program, relations["prerequisites"])
    program.save()
    for name, objs in relations.items():
        getattr(program, name).set(objs)
    require(actor, permission, program)
    audit.record(actor, action_name(Program, verb), program, changes)
    return program

"""Export of programs: the import columns, headed in the reader's language, re-importable as they are."""
from decimal import Decimal

from puente.core.exports import yes_no

from .imports import PROGRAM_COLUMNS


def number(value: Decimal | None):
    """A stored decimal as a plain number: 40 rather than 40.0, so lists, CSV and XLSX read well."""
    if value is None:
        return ""
    return int(value) if value == value.to_integral_value() else float(value)


def program_row(program) -> list:
    return [
        program.code, program.title_en, program.title_es, program.description_en, program.description_es,
        program.domain.code, ";".join(sorted(t.code for t in program.threats.all())),
        yes_no(program.mission_critical), program.get_delivery_mode_display(), number(program.hours),
        number(program.ce_credits), ";".join(sorted(p.code for p in program.prerequisites.all())),
        yes_no(program.vetting_required), program.min_class_size, program.max_class_size,
        ";".join(program.languages), program.get_status_display(),
    ]


PROGRAM_EXPORT = (PROGRAM_COLUMNS, program_row, "programs")


def prerequisites_first(programs) -> list:
    """Programs in code order, except that each comes after the listed programs it requires,
    so an exported file imports into an empty catalog as it is."""
    programs = list(programs)
    by_pk = {program.pk: program for program in programs}
    placed, ordered = set(), []

    def place(program, path=()):
        if program.pk in placed or program.pk in path:  # a stored cycle cannot happen; never loop on one
            return
        for required in sorted(program.prerequisites.all(), key=lambda p: p.code):
            if required.pk in by_pk:
                place(by_pk[required.pk], (*path, program.pk))
        placed.add(program.pk)
        ordered.append(program)

    for program in sorted(programs, key=lambda p: p.code):
        place(program)
    return ordered

"""CSV/XLSX import of evaluations, keyed by person (national identifier), kind and date.

A row naming a person the importer may not record evaluations for, a date in the future or an
unknown kind is refused with its row and column; re-importing a file changes only what differs.
"""
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from puente.accounts.scoping import ALL, AGENCY, all_grants, role_assignments
from puente.core.imports import Column, Importer, RowInvalid
from puente.registry.models import Person

from .models import Evaluation


def _label(name: str):
    return capfirst(Evaluation._meta.get_field(name).verbose_name)


FIELDS = ["result", "score", "evaluator", "notes"]


def addable_agencies(user) -> set[int] | None:
    """Agencies whose people the user may record evaluations for (None: every agency)."""
    if user.is_superuser:
        return None
    grants = all_grants().get(Evaluation._meta.label_lower, {})
    agencies = set()
    for assignment in role_assignments(user):
        scope = grants.get(assignment.role, {}).get("add")
        if scope == ALL or (scope == AGENCY and assignment.agency_id is None):
            return None
        if scope == AGENCY:
            agencies.add(assignment.agency_id)
    return agencies


class EvaluationImporter(Importer):
    model = Evaluation
    key_column = "national_id"
    columns = [
        Column("national_id", _("National identifier"), required=True),
        Column("kind", _label("kind"), required=True, choices=Evaluation.Kind),
        Column("evaluated_on", _label("evaluated_on"), required=True),
        Column("result", _label("result"), required=True, choices=Evaluation.Result),
        Column("score", _label("score")),
        Column("evaluator", _label("evaluator"), required=True),
        Column("notes", _label("notes")),
    ]

    @staticmethod
    def export_row(evaluation: Evaluation) -> list:
        return [evaluation.person.national_id, evaluation.kind, evaluation.evaluated_on, evaluation.result,
                evaluation.score, evaluation.evaluator, evaluation.notes]

    def prepare(self):
        self.columns_by_name = {column.name: column for column in self.columns}
        self.people = Person.objects.restrict(self.actor, "view")
        self.agencies = addable_agencies(self.actor)
        self.today = timezone.localdate()

    def clean_row(self, values):
        national_id = str(values.get("national_id", "")).strip().upper()
        if not national_id:
            raise RowInvalid("national_id", _("is required."))
        matches = list(self.people.filter(national_id=national_id)[:2])
        if len(matches) != 1:
            raise RowInvalid("national_id", _("No person you may see has the identifier %(id)s.") % {"id": national_id}
                             if not matches else _("Several people you may see have the identifier %(id)s.") % {"id": national_id})
        person = matches[0]
        if self.agencies is not None and person.agency_id not in self.agencies:
            raise RowInvalid("national_id", _("You may not record evaluations for people of %(agency)s.") % {"agency": person.agency})
        kind = self.choice(self.columns_by_name["kind"], str(values.get("kind", "")))
        evaluated_on = self.date("evaluated_on", values.get("evaluated_on"))
        if evaluated_on is None:
            raise RowInvalid("evaluated_on", _("is required."))
        if evaluated_on > self.today:
            raise RowInvalid("evaluated_on", _("An evaluation cannot be dated in the future."))
        result = self.choice(self.columns_by_name["result"], str(values.get("result", "")))
        score = values.get("score")
        if score in (None, ""):
            score = None
        else:
            try:
                score = Decimal(str(score).strip().replace(",", "."))
            except InvalidOperation:
                raise RowInvalid("score", _("“%(value)s” is not a number.") % {"value": score}) from None
            if not (score.is_finite() and 0 <= score <= 100):
                raise RowInvalid("score", _("The score must be between 0 and 100."))
            score = score.quantize(Decimal("0.1"))
        evaluator = str(values.get("evaluator", "")).strip()
        if not evaluator:
            raise RowInvalid("evaluator", _("is required."))
        if len(evaluator) > 150:
            raise RowInvalid("evaluator", _("At most 150 characters."))
        cleaned = {"person": person, "kind": kind, "evaluated_on": evaluated_on, "result": result, "score": score,
                   "evaluator": evaluator, "notes": str(values.get("notes", "")).strip()}
        return (person.pk, kind, evaluated_on), cleaned

    def write(self, rows):
        from puente.core import audit
        from puente.core.services import action_name, require_all

        from puente.core.services import snapshot_with_file

        existing = {}
        for row in Evaluation.objects.filter(person_id__in={key[0] for _n, key, _v in rows}):
            existing.setdefault((row.person_id, row.kind, row.evaluated_on), row)
        recorded_by = self.actor if getattr(self.actor, "is_authenticated", False) else None
        new, changed, unchanged = [], [], 0
        for _number, key, values in rows:
            current = existing.get(key)
            if current is None:
                new.append(Evaluation(**values, recorded_by=recorded_by))
                continue
            before = snapshot_with_file(current)
            if any(getattr(current, name) != values[name] for name in FIELDS):
                for name in FIELDS:
                    setattr(current, name, values[name])
                changed.append((current, before))
            else:
                unchanged += 1
        # As core.services.bulk_write, with the evidence file recorded by its name.
        created = Evaluation.objects.bulk_create(new, batch_size=1000)
        Evaluation.objects.bulk_update([evaluation for evaluation, _before in changed], FIELDS, batch_size=1000)
        if created:
            require_all(self.actor, "add", Evaluation, [evaluation.pk for evaluation in created])
        if changed:
            require_all(self.actor, "change", Evaluation, [evaluation.pk for evaluation, _before in changed])
        audit.AuditEntry.objects.bulk_create([
            audit.AuditEntry(**audit.entry_fields(self.actor, action_name(Evaluation, "create"), evaluation,
                                                  audit.diff({}, snapshot_with_file(evaluation))))
            for evaluation in created
        ] + [
            audit.AuditEntry(**audit.entry_fields(self.actor, action_name(Evaluation, "update"), evaluation,
                                                  audit.diff(before, snapshot_with_file(evaluation))))
            for evaluation, before in changed
        ], batch_size=1000)
        return len(created), len(changed), unchanged


IMPORTERS = {"evaluations": EvaluationImporter}

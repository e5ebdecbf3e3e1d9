"""CSV/XLSX import of training logs: one row per exercise, the team found by dog and date."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from puente.core import audit
from puente.core.imports import Column, Importer, RowInvalid
from puente.core.services import bulk_write

from .models import Odor, Team, TrainingEntry

TRAINING_COLUMNS = [
    Column("dog", gettext_lazy("Dog code"), required=True),
    Column("handler", gettext_lazy("Handler national identifier")),
    Column("date", gettext_lazy("Date"), required=True),
    Column("exercise", gettext_lazy("Exercise"), required=True, choices=TrainingEntry.Exercise),
    Column("odor", gettext_lazy("Odor code")),
    Column("result", gettext_lazy("Result"), required=True, choices=TrainingEntry.Result),
    Column("minutes", gettext_lazy("Minutes")),
    Column("notes", gettext_lazy("Notes")),
]
_BY_NAME = {column.name: column for column in TRAINING_COLUMNS}
_FIELD_COLUMNS = {"date": "date", "odor": "odor", "minutes": "minutes", "exercise": "exercise", "team": "dog"}


class TrainingLogImporter(Importer):
    """Entries are keyed by team, date, exercise and odor: re-importing a file changes nothing,
    and a row may correct an entry until a trainer approves it."""

    model = TrainingEntry
    columns = TRAINING_COLUMNS
    key_column = "exercise"
    fields = ["result", "minutes", "notes"]

    def prepare(self):
        self.odors = {odor.code: odor for odor in Odor.objects.all()}
        self.teams: dict[str, list[Team]] = {}
        for team in Team.objects.restrict(self.actor, "view").select_related("dog", "handler").order_by("formed_on"):
            self.teams.setdefault(team.dog.code, []).append(team)
        self.existing = {
            (e.team_id, e.date, e.exercise, e.odor_id): e
            for e in TrainingEntry.objects.filter(team__in=[t for teams in self.teams.values() for t in teams])
        }

    def _team(self, code: str, day) -> Team:
        teams = self.teams.get(code.upper())
        if not teams:
            raise RowInvalid("dog", _("no dog you may log training for has the code “%(code)s”.") % {"code": code})
        for team in teams:
            if team.formed_on <= day and (team.ended_on is None or day <= team.ended_on):
                return team
        raise RowInvalid("date", _("dog %(code)s was in no team on %(date)s.") % {"code": code, "date": day.isoformat()})

    def clean_row(self, values):
        day = self.date("date", values.get("date"))
        if day is None:
            raise RowInvalid("date", _("is required."))
        code = str(values.get("dog") or "").strip()
        if not code:
            raise RowInvalid("dog", _("is required."))
        team = self._team(code, day)
        handler = str(values.get("handler") or "").strip().upper()
        if handler and handler != team.handler.national_id.upper():
            raise RowInvalid("handler", _("%(dog)s worked with %(handler)s on that date.") % {"dog": code, "handler": team.handler})
        odor = None
        odor_code = str(values.get("odor") or "").strip().upper()
        if odor_code:
            odor = self.odors.get(odor_code)
            if odor is None:
                raise RowInvalid("odor", _("unknown odor “%(code)s”.") % {"code": odor_code})
        fields = {
            "team": team, "date": day, "odor": odor,
            "exercise": self.choice(_BY_NAME["exercise"], values.get("exercise", "")),
            "result": self.choice(_BY_NAME["result"], values.get("result", "")),
            "minutes": self._minutes(values.get("minutes")),
            "notes": str(values.get("notes") or ""),
        }
        entry = TrainingEntry(**fields)
        try:
            entry.full_clean(exclude=["recorded_by"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            raise RowInvalid(_FIELD_COLUMNS.get(field, field), " ".join(messages)) from None
        key = (team.pk, day, fields["exercise"], odor.pk if odor else None)
        existing = self.existing.get(key)
        if existing is not None and existing.trainer_approved_by_id is not None and any(
            getattr(existing, name) != fields[name] for name in self.fields
        ):
            raise RowInvalid("result", _("this entry is already approved and cannot be changed."))
        return key, fields

    @staticmethod
    def _minutes(raw):
        if raw in (None, ""):
            return None
        try:
            return int(str(raw).strip())
        except ValueError:
            raise RowInvalid("minutes", _("“%(value)s” is not a whole number.") % {"value": raw}) from None

    def write(self, rows):
        new, changed, unchanged = [], [], 0
        for _number, key, fields in rows:
            entry = self.existing.get(key)
            if entry is None:
                new.append(TrainingEntry(recorded_by=self.actor, **fields))
                continue
            before = audit.snapshot(entry)
            for name in self.fields:
                setattr(entry, name, fields[name])
            if audit.snapshot(entry) == before:
                unchanged += 1
            else:
                changed.append((entry, before))
        bulk_write(self.actor, TrainingEntry, new, changed, self.fields)
        return len(new), len(changed), unchanged


IMPORTERS = {"canine-training": TrainingLogImporter}

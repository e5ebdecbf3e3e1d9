"""Exports of dogs, odor certifications and the training log, headed in the reader's language.

The training log exports the import's columns, so an exported file can be corrected and
imported again.
"""
from django.utils.translation import gettext_lazy as _

from puente.core.imports import Column

from .imports import TRAINING_COLUMNS

DOG_COLUMNS = [
    Column("code", _("Code")), Column("name", _("Name")), Column("breed", _("Breed")),
    Column("birth_date", _("Birth date")), Column("agency", _("Agency code")), Column("status", _("Status")),
    Column("handler", _("Handler")),
]
TEAM_COLUMNS = [
    Column("dog", _("Dog code")), Column("dog_name", _("Dog")), Column("handler", _("Handler national identifier")),
    Column("handler_name", _("Handler")), Column("agency", _("Agency code")), Column("formed_on", _("Formed on")),
    Column("ended_on", _("Ended on")),
]
CERTIFICATION_COLUMNS = [
    Column("dog", _("Dog code")), Column("dog_name", _("Dog")), Column("handler", _("Handler")),
    Column("agency", _("Agency code")), Column("odor", _("Odor code")), Column("certified_on", _("Certified on")),
    Column("expires_on", _("Expires on")), Column("state", _("State")), Column("evaluator", _("Evaluator")),
]


def _day(value) -> str:
    return value.isoformat() if value else ""


def dog_row(dog) -> list:
    # `current_handler` is annotated by the list's queryset: one query for the whole export.
    return [dog.code, dog.name, dog.breed, _day(dog.birth_date), dog.agency.code, dog.get_status_display(),
            dog.current_handler or ""]


def team_row(team) -> list:
    return [team.dog.code, team.dog.name, team.handler.national_id, str(team.handler), team.dog.agency.code,
            _day(team.formed_on), _day(team.ended_on)]


def certification_row(certification) -> list:
    team = certification.team
    return [team.dog.code, team.dog.name, str(team.handler), team.dog.agency.code, certification.odor.code,
            _day(certification.certified_on), _day(certification.expires_on), certification.get_state_display(),
            certification.evaluator]


def training_row(entry) -> list:
    return [entry.team.dog.code, entry.team.handler.national_id, _day(entry.date), entry.get_exercise_display(),
            entry.odor.code if entry.odor else "", entry.get_result_display(), entry.minutes or "", entry.notes]


DOG_EXPORT = (DOG_COLUMNS, dog_row, "dogs")
TEAM_EXPORT = (TEAM_COLUMNS, team_row, "canine-teams")
CERTIFICATION_EXPORT = (CERTIFICATION_COLUMNS, certification_row, "odor-certifications")
TRAINING_EXPORT = (TRAINING_COLUMNS, training_row, "canine-training-log")

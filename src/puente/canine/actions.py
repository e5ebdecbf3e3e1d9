"""Every write about dogs, teams, odor certifications and training logs: atomic and audited."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from puente.core.services import create_object, require, update_object

from .models import Dog, Odor, OdorCertification, Team, TrainingEntry
from .permissions import SUPERVISOR_APPROVE, TRAINER_APPROVE


def create_odor(actor, **fields) -> Odor:
    return create_object(actor, Odor, fields)


def update_odor(actor, odor: Odor, **fields) -> Odor:
    return update_object(actor, odor, fields)


def create_dog(actor, **fields) -> Dog:
    return create_object(actor, Dog, fields)


@transaction.atomic
def update_dog(actor, dog: Dog, **fields) -> Dog:
    """Change a dog; retiring it (or recording its death) ends its active team that day."""
    dog = update_object(actor, dog, fields)
    if dog.status in (Dog.Status.RETIRED, Dog.Status.DECEASED):
        team = dog.active_team
        if team is not None:
            end_team(actor, team)
    return dog


def form_team(actor, **fields) -> Team:
    """Pair a handler with a dog; the dog must not be in another active team."""
    fields.setdefault("formed_on", timezone.localdate())
    return create_object(actor, Team, fields)


def update_team(actor, team: Team, **fields) -> Team:
    return update_object(actor, team, fields)


def end_team(actor, team: Team) -> Team:
    if team.ended_on is not None:
        raise ValidationError(_("This team has already ended."))
    return update_object(actor, team, {"ended_on": max(timezone.localdate(), team.formed_on)}, verb="end", permission="delete")


def certify(actor, **fields) -> OdorCertification:
    """Record an odor certification of a team; without an expiry, the odor's validity applies."""
    team = fields.get("team")
    if team is not None and not team.is_active:
        raise ValidationError({"team": _("This team has ended; certify the dog's current team.")})
    return create_object(actor, OdorCertification, fields)


def update_certification(actor, certification: OdorCertification, **fields) -> OdorCertification:
    return update_object(actor, certification, fields)


def log_training(actor, **fields) -> TrainingEntry:
    recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    return create_object(actor, TrainingEntry, {**fields, "recorded_by": recorded_by})


def update_training(actor, entry: TrainingEntry, **fields) -> TrainingEntry:
    """Change an entry before anyone approved it; an approved record stays as approved."""
    if entry.trainer_approved_by_id is not None:
        raise ValidationError(_("An approved entry cannot be changed."))
    return update_object(actor, entry, fields)


def _not_own_team(actor, entry: TrainingEntry) -> None:
    if entry.team.handler_id and entry.team.handler_id == getattr(actor, "person_id", None):
        raise ValidationError(_("Handlers cannot approve their own team's training."))


@transaction.atomic
def approve_as_trainer(actor, entry: TrainingEntry) -> TrainingEntry:
    """The first approval: a trainer confirms the exercise happened as logged."""
    entry = TrainingEntry.objects.select_for_update().get(pk=entry.pk)
    require(actor, TRAINER_APPROVE, entry)
    if entry.trainer_approved_by_id is not None:
        raise ValidationError(_("A trainer has already approved this entry."))
    _not_own_team(actor, entry)
    return update_object(
        actor, entry, {"trainer_approved_by": actor, "trainer_approved_at": timezone.now()},
        verb="approve_trainer", permission=TRAINER_APPROVE,
    )


@transaction.atomic
def approve_as_supervisor(actor, entry: TrainingEntry) -> TrainingEntry:
    """The second approval, by someone other than the trainer who approved first."""
    entry = TrainingEntry.objects.select_for_update().get(pk=entry.pk)
    require(actor, SUPERVISOR_APPROVE, entry)
    if entry.trainer_approved_by_id is None:
        raise ValidationError(_("A trainer must approve this entry before a supervisor."))
    if entry.supervisor_approved_by_id is not None:
        raise ValidationError(_("A supervisor has already approved this entry."))
    if entry.trainer_approved_by_id == actor.pk:
        raise ValidationError(_("The trainer who approved this entry cannot also approve it as supervisor."))
    _not_own_team(actor, entry)
    return update_object(
        actor, entry, {"supervisor_approved_by": actor, "supervisor_approved_at": timezone.now()},
        verb="approve_supervisor", permission=SUPERVISOR_APPROVE,
    )


def may_approve(actor, entry: TrainingEntry) -> dict[str, bool]:
    """Which approval buttons the actor sees on an entry (the actions check again)."""
    mine = entry.team.handler_id == getattr(actor, "person_id", None)

    def allowed(permission):
        try:
            require(actor, permission, entry)
        except PermissionDenied:
            return False
        return not mine

    return {
        "trainer": entry.trainer_approved_by_id is None and allowed(TRAINER_APPROVE),
        "supervisor": (
            entry.trainer_approved_by_id is not None and entry.supervisor_approved_by_id is None
            and entry.trainer_approved_by_id != actor.pk and allowed(SUPERVISOR_APPROVE)
        ),
    }

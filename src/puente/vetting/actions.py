"""Every write about vetting, and every read of a check's details, is audited here.

Writes with an evidence file go through `puente.core.services.save_with_file`, which records
the file by its stored name and removes it again when a write is refused.
"""
from django.core.exceptions import PermissionDenied
from django.db import transaction

from puente.core import audit
from puente.core.services import may, require, save_with_file, snapshot_with_file

from .models import VIEW_ACTION, VettingCheck

FIELDS = ("person", "kind", "result", "checked_on", "valid_until", "issuing_center", "notes", "evidence")


# The audit log is read by program managers and auditors, who must not learn results: its
# entries name the fields that changed and hide their values.
HIDDEN = "•••"
SHOWN = {"person_id", "recorded_by_id"}


def _redacted(changes: dict) -> dict:
    return {name: pair if name in SHOWN else [HIDDEN if pair[0] is not None else None, HIDDEN] for name, pair in changes.items()}


def record_check(actor, **values) -> VettingCheck:
    """Record a vetting check; bad dates are refused field by field and nothing is saved."""
    if not may(actor, "add", VettingCheck):
        raise PermissionDenied("add vetting check")
    fields = {name: value for name, value in values.items() if name in FIELDS and value is not None}
    fields["evidence"] = fields.get("evidence") or ""
    recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    return save_with_file(actor, VettingCheck(**fields, recorded_by=recorded_by), {}, "create", "add", redact=_redacted)


def update_check(actor, check: VettingCheck, **values) -> VettingCheck:
    """Change a check the actor may change; evidence=None keeps the file, False removes it."""
    require(actor, "change", check)
    before = snapshot_with_file(check)
    for name, value in values.items():
        if name not in FIELDS or (name == "evidence" and value is None):
            continue
        setattr(check, name, "" if value is False else value)
    return save_with_file(actor, check, before, "update", "change", redact=_redacted)


@transaction.atomic
def view_check(actor, check: VettingCheck) -> VettingCheck:
    """Note that `actor` read the check's details (page, API or file); refuse if they may not."""
    require(actor, "view", check)
    audit.record(actor, VIEW_ACTION, check, {"person": [None, check.person_id]})
    return check


def open_evidence(actor, check: VettingCheck):
    """The evidence file, opened for reading, after auditing the read like a detail view."""
    view_check(actor, check)
    if not check.evidence:
        raise FileNotFoundError(check.pk)
    return check.evidence.open("rb")

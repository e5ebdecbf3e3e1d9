"""Audited, atomic, scope-checked writes that every app's actions.py builds on.

As in NetBox, scope is checked again after saving: a write that would leave an object
outside the actor's scope raises PermissionDenied inside the transaction, so nothing lands.
"""
from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from . import audit


def may(user, action: str, model: type[models.Model]) -> bool:
    """Whether `user` holds any grant for `action` on `model` (before looking at rows)."""
    from puente.accounts.scoping import restriction_for

    return restriction_for(user, model, action) is not None


def require(user, action: str, obj: models.Model) -> None:
    """Refuse unless `obj` is inside the rows `user` may `action`."""
    # obj._meta.model, not type(obj): request.user arrives wrapped in a lazy proxy.
    if not obj._meta.model.objects.restrict(user, action).filter(pk=obj.pk).exists():
        raise PermissionDenied(f"{action} {obj._meta.verbose_name} #{obj.pk}")


def action_name(model: type[models.Model], verb: str) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}.{verb}"


def _key(model: type[models.Model]) -> str:
    """How the audit log names related objects: by code where they have one, else by id."""
    return "code" if any(f.name == "code" for f in model._meta.concrete_fields) else "pk"


def _set_related(obj: models.Model, many: dict | None, created: bool = False) -> dict:
    """Replace many-to-many fields ({name: objects}); returns {name: [keys before, keys after]}.

    On a new object "before" is None, as for its plain fields.
    """
    changes = {}
    for name, values in (many or {}).items():
        if values is None:
            continue
        values = list(values)
        manager = getattr(obj, name)
        key = _key(manager.model)
        before = sorted(manager.values_list(key, flat=True))
        after = sorted(getattr(value, key) for value in values)
        if before != after:
            manager.set(values)
            changes[name] = [None if created else before, after]
    return changes


@transaction.atomic
def create_object(actor, model: type[models.Model], fields: dict, many: dict | None = None) -> models.Model:
    """Validate, save and audit a new object that must land inside the actor's scope.

    `many` sets many-to-many fields after saving ({name: objects}), in the same entry.
    """
    if not may(actor, "add", model):
        raise PermissionDenied(f"add {model._meta.verbose_name}")
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    changes = audit.diff({}, audit.snapshot(obj)) | _set_related(obj, many, created=True)
    require(actor, "add", obj)
    audit.record(actor, action_name(model, "create"), obj, changes)
    return obj


@transaction.atomic
def update_object(
    actor, obj: models.Model, fields: dict, verb: str = "update", permission: str = "change", many: dict | None = None
) -> models.Model:
    """Validate, save and audit changes to an object the actor may change, before and after.

    Deactivation passes permission="delete": it is the soft form of deleting.
    """
    require(actor, permission, obj)
    before = audit.snapshot(obj)
    for name, value in fields.items():
        setattr(obj, name, value)
    changes = audit.diff(before, audit.snapshot(obj))
    if changes:
        obj.full_clean()
        obj.save()
    changes |= _set_related(obj, many)
    if not changes:
        return obj
    require(actor, permission, obj)
    audit.record(actor, action_name(obj._meta.model, verb), obj, changes)
    return obj


def require_all(user, action: str, model: type[models.Model], pks) -> None:
    """Refuse a bulk write unless every written row is inside the actor's scope."""
    pks = set(pks)
    allowed = set(model.objects.restrict(user, action).filter(pk__in=pks).values_list("pk", flat=True))
    if allowed != pks:
        raise PermissionDenied(f"{action} {model._meta.verbose_name_plural}")


def bulk_write(actor, model: type[models.Model], new: list, changed: list, fields: list[str]) -> None:
    """Create and update many objects at once, scope-checked and audited row by row.

    Call inside a transaction: a row outside the actor's scope raises and rolls back all.
    """
    befores = {obj.pk: before for obj, before in changed}
    created = model.objects.bulk_create(new, batch_size=1000)
    model.objects.bulk_update([obj for obj, _ in changed], fields, batch_size=1000)
    if created:
        require_all(actor, "add", model, [obj.pk for obj in created])
    if changed:
        require_all(actor, "change", model, befores)
    entries = [
        audit.AuditEntry(**audit.entry_fields(actor, action_name(model, "create"), obj, audit.diff({}, audit.snapshot(obj))))
        for obj in created
    ] + [
        audit.AuditEntry(
            **audit.entry_fields(actor, action_name(model, "update"), obj, audit.diff(befores[obj.pk], audit.snapshot(obj)))
        )
        for obj, _ in changed
    ]
    audit.AuditEntry.objects.bulk_create(entries, batch_size=1000)


def snapshot_with_file(obj: models.Model, file_field: str = "evidence") -> dict:
    """An audit snapshot that records an uploaded file by its stored name (the log holds JSON)."""
    values = audit.snapshot(obj)
    values[file_field] = getattr(obj, file_field).name or ""
    return values


def save_with_file(actor, obj: models.Model, before: dict, verb: str, permission: str, file_field: str = "evidence",
                   redact=None) -> models.Model:
    """Validate, save, re-check scope and audit an object with an uploaded file.

    A refused or failed write leaves no file behind either. `redact(changes)` hides values the
    audit log's readers must not see.
    """
    stored = getattr(obj, file_field)
    new_file = stored and not stored._committed
    try:
        with transaction.atomic():
            obj.full_clean()
            obj.save()
            require(actor, permission, obj)
            changes = audit.diff(before, snapshot_with_file(obj, file_field))
            if changes:
                audit.record(actor, action_name(obj._meta.model, verb), obj, redact(changes) if redact else changes)
    except Exception:
        stored = getattr(obj, file_field)
        if new_file and stored.name:
            stored.storage.delete(stored.name)
        raise
    return obj

"""Writing the audit log. Only service functions call this, inside their transaction."""
import datetime
import decimal
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .context import current_request_id
from .models import AuditEntry


def _plain(value):
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    return value


def snapshot(obj: models.Model) -> dict:
    """The object's stored field values, as JSON-ready data (foreign keys by id).

    Automatic timestamps are left out: the entry has its own time.
    """
    return {
        field.attname: _plain(getattr(obj, field.attname))
        for field in obj._meta.concrete_fields
        if not field.primary_key and not getattr(field, "auto_now", False) and not getattr(field, "auto_now_add", False)
    }


def diff(before: dict, after: dict) -> dict:
    """Changed fields as {field: [before, after]}; a new object has `None` before."""
    return {
        key: [before.get(key), value]
        for key, value in after.items()
        if key not in before or before[key] != value
    }


def record(actor, action: str, obj: models.Model | None = None, changes: dict | None = None) -> AuditEntry:
    """Write one audit entry for `actor` doing `action` to `obj`."""
    return AuditEntry.objects.create(**entry_fields(actor, action, obj, changes))


def entry_fields(actor, action: str, obj=None, changes=None) -> dict:
    """The fields of an audit entry, for callers that write many at once with bulk_create."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return {
        "actor": actor if authenticated else None,
        "actor_name": actor.get_username() if authenticated else "system",
        "action": action,
        "content_type": ContentType.objects.get_for_model(obj) if obj is not None else None,
        "object_id": str(obj.pk) if obj is not None else "",
        "object_repr": str(obj)[:200] if obj is not None else "",
        "changes": changes or {},
        "request_id": current_request_id(),
    }

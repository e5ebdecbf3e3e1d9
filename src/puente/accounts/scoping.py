"""Who may see and do what: role grants turned into queryset filters.

Each app declares its grants in `<app>/permissions.py` as
``GRANTS = {"app_label.model": {Role.X: {"view": ALL | AGENCY | OWN, ...}}}``.
A grant with scope AGENCY covers the rows of the agency the role is held for (every
agency when the role is held globally); OWN covers the user's own rows. Models name the
fields that tie a row to an agency and to a user: `scope_agency_field`, `scope_own_field`.
"""
from functools import cache
from importlib import import_module

from django.apps import apps
from django.db.models import Q

ALL = "all"
AGENCY = "agency"
OWN = "own"
ACTIONS = ("view", "add", "change", "delete")


@cache
def all_grants() -> dict:
    """Every app's GRANTS, merged: {model_label: {role: {action: scope}}}."""
    merged: dict = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("puente."):
            continue
        try:
            module = import_module(f"{config.name}.permissions")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.permissions":
                raise
            continue
        for label, by_role in module.GRANTS.items():
            merged.setdefault(label, {}).update(by_role)
    return merged


def role_assignments(user) -> list:
    """The user's role assignments, read once per user object."""
    cached = getattr(user, "_puente_assignments", None)
    if cached is None:
        cached = list(user.role_assignments.all()) if user.pk else []
        user._puente_assignments = cached
    return cached


def forget_assignments(user) -> None:
    user.__dict__.pop("_puente_assignments", None)


def restriction_for(user, model, action: str):
    """A Q for the rows of `model` that `user` may `action`: Q() for all, None for none."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return Q()
    grants = all_grants().get(model._meta.label_lower, {})
    query = None
    for assignment in role_assignments(user):
        scope = grants.get(assignment.role, {}).get(action)
        if scope is None:
            continue
        if scope == ALL or (scope == AGENCY and assignment.agency_id is None):
            return Q()
        if scope == AGENCY:
            part = Q(**{model.scope_agency_field: assignment.agency_id})
        else:
            part = _own_rows(user, model)
        # A model may narrow what agency-bound and own scopes see (e.g. only published runs).
        condition = getattr(model, "scope_condition", None)
        if condition is not None:
            part &= condition
        query = part if query is None else query | part
    return query


def _own_rows(user, model) -> Q:
    """Rows tied to the user; `scope_own_field` is one path or several (any of them counts)."""
    paths = model.scope_own_field
    if not paths:
        return Q(pk__in=[])
    query = Q()
    for path in (paths,) if isinstance(paths, str) else paths:
        query |= Q(**{path: user.pk})
    return query


def holds(user, *roles) -> bool:
    """Whether the user holds any of `roles` (anywhere)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or any(a.role in roles for a in role_assignments(user))


def navigation_for(user) -> list[dict]:
    """The main menu entries the user may open (only what their roles let them view)."""
    from .navigation import MENU

    if user is None or not getattr(user, "is_authenticated", False):
        return []
    items = []
    for entry in MENU:
        model = apps.get_model(entry["model"])
        if entry.get("needs_person") and getattr(user, "person_id", None) is None:
            continue
        if restriction_for(user, model, entry.get("action", "view")) is not None:
            items.append(entry)
    return items


def navigation_groups(user) -> list[tuple]:
    """The user's menu entries grouped by area, in the order of `navigation.GROUPS`."""
    from .navigation import GROUPS

    by_group: dict = {}
    for item in navigation_for(user):
        by_group.setdefault(item["url_name"].split(":")[0], []).append(item)
    groups = []
    for label, namespaces in GROUPS:
        items = [item for namespace in namespaces for item in by_group.pop(namespace, [])]
        if items:
            groups.append((label, items))
    leftovers = [item for items in by_group.values() for item in items]
    if leftovers:
        groups.append((GROUPS[-1][0], leftovers))
    return groups

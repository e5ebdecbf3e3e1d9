"""Every write to accounts and roles: atomic and audited."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from puente.core import audit
from puente.core.services import create_object, may, require, update_object

from .models import RoleAssignment, User
from .scoping import forget_assignments


@transaction.atomic
def create_user(actor, *, username: str, password: str | None, **fields) -> User:
    """A new account; with no password it cannot sign in until one is set."""
    if actor is not None and not may(actor, "add", User):
        raise PermissionDenied("add user")
    user = User(username=username, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(actor, "accounts.user.create", user, audit.diff({}, _public(audit.snapshot(user))))
    return user


@transaction.atomic
def set_language(actor, user: User, language: str) -> User:
    """Remember the user's language; signed-in pages follow it from now on.

    Everyone may choose their own language, whatever their roles; changing someone
    else's needs the "change" grant on users.
    """
    if language not in ("", "en", "es"):
        raise ValidationError({"language": _("Unknown language.")})
    if actor.pk != user.pk:
        return update_object(actor, user, {"language": language})
    if user.language != language:
        audit.record(actor, "accounts.user.set_language", user, {"language": [user.language, language]})
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language
    return user


@transaction.atomic
def grant_role(actor, user: User, role: str, agency=None) -> RoleAssignment:
    assignment = create_object(actor, RoleAssignment, {"user": user, "role": role, "agency": agency})
    forget_assignments(user)
    return assignment


@transaction.atomic
def revoke_role(actor, assignment: RoleAssignment) -> None:
    require(actor, "delete", assignment)
    audit.record(actor, "accounts.roleassignment.delete", assignment, {k: [v, None] for k, v in audit.snapshot(assignment).items()})
    assignment.delete()
    forget_assignments(assignment.user)


@transaction.atomic
def issue_api_token(actor, user: User) -> Token:
    """A fresh API token for `user` (any previous one stops working)."""
    require(actor, "change", user)
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit.record(actor, "accounts.user.issue_token", user)
    return token


def _public(values: dict) -> dict:
    values.pop("password", None)
    return values

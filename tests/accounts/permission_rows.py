"""Accounts endpoints in the permission matrix."""
from django.urls import reverse

from matrix import ALL, NONE, OWN, Endpoint, everyone, expect
from puente.accounts.models import RoleAssignment, User

SEES_USERS = expect(OWN, program_manager=ALL, auditor=ALL, no_role=NONE)
PM_ONLY = expect(program_manager=ALL)
SIGNED_IN = everyone(ALL)


def _user(w, t):
    """`own`: the signed-in user themself; `other`: someone else."""
    return w.me if t == "own" else w.other_user


def _assignment(w, t):
    return w.own_assignment if t == "own" else w.other_assignment


def _granted(w, t):
    return RoleAssignment.objects.filter(user=_user(w, t), role="officer", agency=w.other).exists()


def _revoked(w, t):
    return not RoleAssignment.objects.filter(pk=_assignment(w, t).pk).exists()


def _new_user(w, t):
    w.new_username = f"new-{t}"
    return {"username": w.new_username, "first_name": "Nuevo", "last_name": "Usuario", "email": "", "language": "es", "password": ""}


ROWS = [
    Endpoint("home", "page", everyone(ALL)),
    Endpoint("accounts:login", "page", everyone(ALL), public=True),
    Endpoint("accounts:logout", "page", everyone(ALL), method="post", public=True, url=lambda w, t: reverse("accounts:logout"), data=lambda w, t: {}, label="POST accounts:logout"),
    Endpoint("accounts:set_language", "page", everyone(ALL), method="post", public=True, data=lambda w, t: {"language": "es", "next": "/"}),
    Endpoint("accounts:profile", "page", SIGNED_IN),
    Endpoint("accounts:user_list", "list", SEES_USERS, marker=lambda w, t: f">{_user(w, t).username}<"),
    Endpoint("accounts:user_detail", "detail", SEES_USERS, obj=_user),
    Endpoint("accounts:user_add", "page", PM_ONLY),
    Endpoint("accounts:user_add", "write", PM_ONLY, method="post", data=_new_user,
             effect=lambda w, t: User.objects.filter(username=getattr(w, "new_username", "-")).exists()),
    Endpoint("accounts:user_grant", "write", PM_ONLY, obj=_user, method="post", data=lambda w, t: {"role": "officer", "agency": w.other.pk}, effect=_granted),
    Endpoint("accounts:role_revoke", "write", PM_ONLY, obj=_assignment, method="post", data=lambda w, t: {}, effect=_revoked),
    Endpoint("api:api-root", "page", SIGNED_IN, api=True),
    Endpoint("api:schema", "page", everyone(ALL), api=True, public=True),
    Endpoint("api:docs", "page", everyone(ALL), api=True, public=True),
    Endpoint("api:user-list", "list", SEES_USERS, api=True, marker=lambda w, t: f'"username":"{_user(w, t).username}"'),
    Endpoint("api:user-detail", "detail", SEES_USERS, api=True, obj=_user),
    Endpoint("api:user-me", "page", expect(ALL, no_role=NONE), api=True),
    Endpoint("api:roleassignment-list", "list", expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN), api=True,
             marker=lambda w, t: f'"id":{_assignment(w, t).pk},'),
    Endpoint("api:roleassignment-detail", "detail", expect(program_manager=ALL, auditor=ALL, agency_coordinator=OWN), api=True, obj=_assignment),
    Endpoint("api:roleassignment-list", "write", PM_ONLY, api=True, method="post",
             data=lambda w, t: {"user": _user(w, t).pk, "role": "officer", "agency": w.other.pk}, effect=_granted),
    Endpoint("api:roleassignment-detail", "write", PM_ONLY, api=True, obj=_assignment, method="delete", effect=_revoked),
]

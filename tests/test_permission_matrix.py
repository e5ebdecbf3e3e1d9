"""Every role × every endpoint (UI and API) × own / other agency, from one table per app."""
import importlib
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from matrix import ROLES, TARGETS, check, check_anonymous
from puente.accounts.models import RoleAssignment
from puente.accounts.roles import Role
from puente.core import audit
from puente.core.models import Job

# URL names that are not endpoints of their own (the Swagger UI's script is served by docs).
NOT_ENDPOINTS = set()


def _rows():
    rows = []
    for folder in sorted(Path(__file__).parent.iterdir()):
        if (folder / "permission_rows.py").exists():
            rows += importlib.import_module(f"{folder.name}.permission_rows").ROWS
    return rows


ROWS = _rows()


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_a_row():
    covered = {row.name for row in ROWS} | NOT_ENDPOINTS
    missing = sorted(_url_names() - covered)
    assert not missing, f"URLs with no row in the permission matrix: {missing}"


@pytest.fixture
def matrix_world(world):
    world.other_user = world.user(Role.REGISTRAR, agency=world.other, username="other-registrar")
    world.own_assignment = RoleAssignment.objects.create(user=world.user(None, username="own-holder"), role=Role.REGISTRAR, agency=world.own)
    world.other_assignment = world.other_user.role_assignments.get()
    world.other_job = Job.objects.create(kind="import", created_by=world.other_user)
    world.own_entry = audit.record(None, "test.own", world.own)
    world.other_entry = audit.record(None, "test.other", world.other)
    return world


def _sign_in(client, world, role):
    me = world.user(None if role == "no_role" else role, username=f"me-{role}")
    client.force_login(me)
    world.me = me
    world.my_job = Job.objects.create(kind="import", created_by=me)
    return me


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ROWS, ids=lambda row: row.label)
def test_role_reach(client, matrix_world, endpoint, role):
    me = _sign_in(client, matrix_world, role)
    for target in TARGETS:
        client.force_login(me)  # again: the previous call may have signed out
        check(client, matrix_world, endpoint, role, target)


@pytest.mark.parametrize("endpoint", ROWS, ids=lambda row: row.label)
def test_anonymous(client, matrix_world, endpoint):
    matrix_world.me = matrix_world.other_user
    matrix_world.my_job = matrix_world.other_job
    check_anonymous(client, matrix_world, endpoint)

"""The certificate rows of the permission matrix, run for every role and anonymously."""
import pytest

from matrix import ROLES, TARGETS, check, check_anonymous
from tests.test_permission_matrix import _sign_in, matrix_world  # noqa: F401 (a fixture)

from .permission_rows import ROWS


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ROWS, ids=lambda row: row.label)
def test_role_reach(client, matrix_world, endpoint, role):  # noqa: F811
    me = _sign_in(client, matrix_world, role)
    for target in TARGETS:
        client.force_login(me)
        check(client, matrix_world, endpoint, role, target)


@pytest.mark.parametrize("endpoint", ROWS, ids=lambda row: row.label)
def test_anonymous(client, matrix_world, endpoint):  # noqa: F811
    matrix_world.me = matrix_world.other_user
    check_anonymous(client, matrix_world, endpoint)

"""The permission-matrix harness every app reuses.

An app declares its endpoints as `Endpoint` rows with the expected reach of each role:
ALL (own and other agency), OWN (own agency only), NONE. `check()` signs in as a user holding
the role, calls the endpoint against the `own` and the `other` agency's object, and asserts
allow or deny. `tests/test_permission_matrix.py` collects every app's rows, runs them for
every role, and fails when a URL exists that no row covers.
"""
from dataclasses import dataclass
from collections.abc import Callable

from django.urls import reverse

from puente.accounts.roles import Role

ALL, OWN, NONE = "all", "own", "none"
NO_ROLE = "no_role"
ANONYMOUS = "anonymous"
ROLES = [*Role.values, NO_ROLE]
TARGETS = ("own", "other")


@dataclass
class Endpoint:
    """One URL and method, with what each role may reach through it.

    kind: "list" (GET; allowed rows show their marker), "detail" (GET one object), "write"
    (POST/PATCH/DELETE; `effect` tells whether it happened), "page" (GET with no object).
    """

    name: str
    kind: str
    expect: dict[str, str]
    url: Callable = None  # (world, target) -> path; default: reverse(name) or reverse(name, args=[obj.pk])
    obj: Callable = None  # (world, target) -> the object a detail/write acts on
    marker: Callable = None  # (world, target) -> text that shows when the target's row is listed
    method: str = "get"
    data: Callable = None  # (world, target) -> request body
    effect: Callable = None  # (world, target) -> bool: did the write happen?
    api: bool = False
    public: bool = False
    label: str = ""

    def __post_init__(self):
        missing = set(ROLES) - set(self.expect)
        assert not missing, f"{self.name}: no expectation for roles {sorted(missing)}"
        self.label = self.label or f"{self.method.upper()} {self.name}"

    def path(self, world, target) -> str:
        if self.url:
            return self.url(world, target)
        if self.obj:
            return reverse(self.name, args=[self.obj(world, target).pk])
        return reverse(self.name)


def everyone(reach: str) -> dict[str, str]:
    return {role: reach for role in ROLES}


def expect(default: str = NONE, **reach: str) -> dict[str, str]:
    """Expectations by role name, e.g. expect(program_manager=ALL, agency_coordinator=OWN)."""
    table = everyone(default)
    table.update(reach)
    return table


DENIED = {403, 404}


def check(client, world, endpoint: Endpoint, role: str, target: str) -> None:
    """Call `endpoint` as a holder of `role` against the `target` agency and assert the outcome."""
    reach = endpoint.expect[role]
    allowed = reach == ALL or (reach == OWN and target == "own")
    path = endpoint.path(world, target)
    # Markers and bodies may build the objects they name: evaluate them before the request.
    marker = endpoint.marker(world, target) if endpoint.marker else None
    body = endpoint.data(world, target) if endpoint.data else None
    kwargs = {"content_type": "application/json"} if endpoint.api and body is not None else {}
    response = getattr(client, endpoint.method)(path, body, **kwargs) if body is not None else getattr(client, endpoint.method)(path)
    where = f"{endpoint.label} as {role} on {target} ({path})"
    if endpoint.kind == "list":
        if reach == NONE:
            assert response.status_code in DENIED, f"{where}: expected 403/404, got {response.status_code}"
            return
        assert response.status_code == 200, f"{where}: expected 200, got {response.status_code}"
        shown = marker in response.content.decode()
        assert shown == allowed, f"{where}: row {'missing' if allowed else 'leaked'}"
    elif endpoint.kind in ("detail", "page"):
        if allowed:
            ok = response.status_code < 400 if endpoint.kind == "page" else response.status_code == 200
            assert ok, f"{where}: expected 200, got {response.status_code}"
        else:
            assert response.status_code in DENIED, f"{where}: expected 403/404, got {response.status_code}"
    elif endpoint.kind == "write":
        happened = endpoint.effect(world, target)
        if allowed:
            assert response.status_code < 400, f"{where}: expected success, got {response.status_code}: {response.content[:300]!r}"
            assert happened, f"{where}: answered {response.status_code} but nothing changed"
        else:
            assert response.status_code in DENIED | {400}, f"{where}: expected refusal, got {response.status_code}"
            assert not happened, f"{where}: refused but the write landed"
    else:
        raise AssertionError(f"unknown endpoint kind {endpoint.kind}")


def check_anonymous(client, world, endpoint: Endpoint) -> None:
    """Without signing in, only public endpoints answer; the UI redirects to sign-in."""
    path = endpoint.path(world, "own")
    body = endpoint.data(world, "own") if endpoint.data else None
    kwargs = {"content_type": "application/json"} if endpoint.api and body is not None else {}
    response = getattr(client, endpoint.method)(path, body, **kwargs) if body is not None else getattr(client, endpoint.method)(path)
    if endpoint.public:
        assert response.status_code < 400, f"{endpoint.label} anonymous: {response.status_code}"
        return
    if endpoint.api:
        assert response.status_code in (401, 403), f"{endpoint.label} anonymous: {response.status_code}"
    else:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], (
            f"{endpoint.label} anonymous: {response.status_code}"
        )
    if endpoint.effect:
        assert not endpoint.effect(world, "own"), f"{endpoint.label} anonymous: the write landed"

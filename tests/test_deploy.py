"""Production settings pass Django's deployment checks with secrets from the environment."""
import os
import secrets
import subprocess
import sys


def run_puente(*args, env_extra=None):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "puente.settings.production", **(env_extra or {})}
    # The browser tests allow sync ORM calls inside Playwright's loop; a deployment never does.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run([sys.executable, "-m", "puente.cli", *args], capture_output=True, text=True, env=env, timeout=120)


def test_check_deploy_prints_no_warnings():
    result = run_puente("check", "--deploy", env_extra={
        "PUENTE_SECRET_KEY": secrets.token_urlsafe(64), "PUENTE_ALLOWED_HOSTS": "puente.example.org",
    })
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
    assert "WARNING" not in (result.stdout + result.stderr).upper()


def test_production_refuses_to_start_without_a_secret():
    result = run_puente("check", env_extra={"PUENTE_SECRET_KEY": ""})
    assert result.returncode != 0
    assert "PUENTE_SECRET_KEY must be set" in result.stderr


def test_security_headers_on_pages(client, world):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Request-ID"]


def test_login_is_throttled_after_repeated_failures(client, world, settings):
    world.user(None, username="target")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "target", "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "target", "password": "pw-Secret-123"})
    assert locked.status_code == 429

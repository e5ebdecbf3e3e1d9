import pytest


@pytest.fixture(autouse=True)
def issuer_key(settings, tmp_path):
    """A fresh issuer key per test, and public addresses on a fixed host."""
    settings.PUENTE_ISSUER_KEY_FILE = str(tmp_path / "issuer.pem")
    settings.PUENTE_PUBLIC_URL = "https://puente.example"
    return tmp_path / "issuer.pem"

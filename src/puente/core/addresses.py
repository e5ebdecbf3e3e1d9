"""The site's public address, for links that leave a request behind (e-mails, QR codes, signed credentials)."""
from django.conf import settings


def public_url(path: str = "/") -> str:
    """`path` under PUENTE_PUBLIC_URL, the address people reach the site at."""
    return settings.PUENTE_PUBLIC_URL.rstrip("/") + path

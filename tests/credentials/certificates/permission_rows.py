"""Certificate endpoints in the permission matrix: verification and the issuer's documents are
public; downloads are for the holder, their agency's coordinators and program managers.

tests/credentials/permission_rows.py adds these rows to its own (the matrix collects one file per app).
"""
from django.urls import reverse

from matrix import ALL, OWN, Endpoint, everyone, expect
from puente.credentials.certificates import issuer
from tests.credentials.fixtures import credential

PUBLIC = everyone(ALL)
DOWNLOAD = expect(program_manager=ALL, agency_coordinator=OWN, officer=OWN)


def _verify_url(w, t):
    return reverse("verify:credential", args=[issuer.verification_token(credential(w, t).serial)])


ROWS = [
    Endpoint("verify:check", "page", PUBLIC, public=True),
    Endpoint("verify:credential", "detail", PUBLIC, url=_verify_url, public=True),
    Endpoint("issuer:profile", "page", PUBLIC, public=True),
    Endpoint("issuer:status_list", "page", PUBLIC, url=lambda w, t: reverse("issuer:status_list", args=["revocation", 0]), public=True),
    Endpoint("issuer:achievement", "detail", PUBLIC, url=lambda w, t: reverse("issuer:achievement", args=[credential(w, t).credential_type.code]),
             public=True),
    Endpoint("certificates:pdf", "detail", DOWNLOAD, obj=credential),
    Endpoint("certificates:open_badge", "detail", DOWNLOAD, obj=credential),
]

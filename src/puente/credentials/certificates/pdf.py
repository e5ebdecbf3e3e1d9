"""The bilingual PDF certificate, with a QR code to the public verification page."""
import base64
import io

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string
from django.utils.translation import override

from . import issuer


def qr_svg(url: str) -> str:
    """The QR code as an SVG data URI (vector, so it prints sharp at any size)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, error_correction=qrcode.constants.ERROR_CORRECT_M)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _side(language: str, credential) -> dict:
    """One half of the certificate, rendered in `language` (labels and the credential's name)."""
    with override(language):
        return {"language": language, "html": render_to_string("credentials/certificates/_certificate_side.html", {"credential": credential})}


def html(credential) -> str:
    """The certificate as HTML: English and Spanish halves, the serial number and the QR code."""
    url = issuer.verification_url(credential)
    context = {
        "credential": credential, "url": url, "qr": qr_svg(url), "sides": [_side("en", credential), _side("es", credential)],
    }
    return render_to_string("credentials/certificates/certificate.html", context)


def render(credential) -> bytes:
    from weasyprint import HTML

    return HTML(string=html(credential)).write_pdf()

"""Public pages and documents for checking certificates, without an account.

The verification page reads one credential by its signed verification id and shows the holder's
name, the credential, the issuer, the validity and the status, and nothing else. These are the
only reads of credentials outside `restrict()`: what they show is what the certificate itself
prints, to whoever holds it. Nothing here writes.
"""
import json

from django import forms
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from .certificates import issuer, verification
from .certificates.openbadge import PURPOSES
from .models import CredentialType, IssuedCredential

MAX_UPLOAD_BYTES = 64 * 1024
STATE_LABELS = {
    verification.CURRENT: _("Current"),
    verification.EXPIRED: _("Expired"),
    verification.NOT_YET_VALID: _("Not yet valid"),
    verification.SUSPENDED: _("Suspended"),
    verification.REVOKED: _("Revoked"),
    verification.INVALID: _("Not genuine"),
}


class VerifyCredentialView(View):
    """What the QR code on a certificate opens."""

    def get(self, request, token):
        serial = issuer.serial_from_token(token)
        credential = (
            IssuedCredential.objects.select_related("person", "credential_type", "issuer_agency").filter(serial=serial).first()
            if serial else None
        )
        if credential is None:
            return render(request, "credentials/certificates/verify_unknown.html", status=404)
        state = credential.state_on(timezone.localdate())
        return render(request, "credentials/certificates/verify_credential.html", {
            "holder": credential.person.full_name,
            "credential_name": credential.credential_type.name,
            "serial": credential.serial,
            "issuer_name": credential.issuer_agency.name,
            "issued_on": credential.issued_on,
            "valid_until": credential.valid_until,
            "state": state,
            "state_label": STATE_LABELS[state],
        })


class CredentialFileForm(forms.Form):
    file = forms.FileField(label=_("Open Badge file (.json)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 64 KB: it is not an Open Badge from this issuer."))
        try:
            return json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise forms.ValidationError(_("The file is not JSON: download the Open Badge again and upload it as it is.")) from None


class VerifyFileView(View):
    """Upload an Open Badge to check its signature, its status and its validity; nothing is kept."""

    template_name = "credentials/certificates/verify_check.html"

    def page(self, request, status=200, **context):
        return render(request, self.template_name, {"issuer_url": issuer.issuer().id, **context}, status=status)

    def get(self, request):
        return self.page(request, form=CredentialFileForm())

    def post(self, request):
        form = CredentialFileForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(request, status=400, form=form)
        verdict = verification.verify(form.cleaned_data["file"], issuer.resolve_key, issuer.resolve_status)
        return self.page(request, form=CredentialFileForm(), verdict=verdict, state_label=STATE_LABELS[verdict.state])


def _json(document: dict) -> JsonResponse:
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"  # verifiers in other origins fetch these
    response["Cache-Control"] = "public, max-age=300"
    return response


class IssuerProfileView(View):
    """The issuer's profile and public key (a controlled identifier document)."""

    def get(self, request):
        return _json(issuer.key_document())


class StatusListView(View):
    """A signed Bitstring Status List credential: a bit set for each revoked (or suspended) credential."""

    def get(self, request, purpose, number):
        if purpose not in PURPOSES:
            raise Http404
        return _json(issuer.status_list(purpose, number))


class AchievementView(View):
    """What a credential type stands for, as an Open Badges achievement."""

    def get(self, request, code):
        credential_type = CredentialType.objects.filter(code=code).first()
        if credential_type is None:
            raise Http404
        return _json({
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "id": request.build_absolute_uri(),
            "type": ["Achievement"],
            "achievementType": "License",
            "name": credential_type.name_en,
            "description": credential_type.description_en or credential_type.name_en,
            "criteria": {"narrative": credential_type.name_en},
        })

"""Downloads of a credential's certificate (PDF) and Open Badge (JSON): for the holder, the
coordinators of their agency and program managers."""
import json

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View

from puente.accounts.roles import Role
from puente.accounts.scoping import holds
from puente.credentials.models import IssuedCredential

from . import issuer, pdf

# Auditors read credential lists, but certificates are the holder's documents.
DOWNLOADERS = (Role.PROGRAM_MANAGER, Role.AGENCY_COORDINATOR, Role.OFFICER)


class CertificateDownloadView(LoginRequiredMixin, View):
    def get_credential(self, pk) -> IssuedCredential:
        if not holds(self.request.user, *DOWNLOADERS):
            raise PermissionDenied
        queryset = IssuedCredential.objects.restrict(self.request.user, "view").select_related(
            "person", "credential_type", "issuer_agency"
        )
        return get_object_or_404(queryset, pk=pk)


class CertificatePdfView(CertificateDownloadView):
    def get(self, request, pk):
        credential = self.get_credential(pk)
        response = HttpResponse(pdf.render(credential), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="certificate-{credential.serial}.pdf"'
        return response


class OpenBadgeView(CertificateDownloadView):
    def get(self, request, pk):
        credential = self.get_credential(pk)
        body = json.dumps(issuer.open_badge(credential), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/ld+json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="open-badge-{credential.serial}.json"'
        return response

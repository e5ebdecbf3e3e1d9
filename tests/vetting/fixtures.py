"""Vetting checks for tests, built lazily on the shared World."""
import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from puente.vetting.models import VettingCheck

EVIDENCE = "vetting/test-evidence.pdf"


def vetting_check(w, t):
    """A passed check for the target agency's person (one each, made once)."""
    if not hasattr(w, "vetting_checks"):
        w.vetting_checks = {
            target: VettingCheck.objects.create(
                person=w.person(target), kind=VettingCheck.Kind.TRUST, result=VettingCheck.Result.PASSED,
                checked_on=datetime.date(2024, 5, 2), valid_until=datetime.date(2027, 5, 2),
                issuing_center=f"CENTER-{target.upper()}", notes=f"SECRET-NOTE-{target}",
            )
            for target in ("own", "other")
        }
    return w.vetting_checks[t]


def with_evidence(w, t):
    """The target's check with a small PDF attached (one shared file in the media folder)."""
    check = vetting_check(w, t)
    if not check.evidence:
        if not default_storage.exists(EVIDENCE):
            default_storage.save(EVIDENCE, ContentFile(b"%PDF-1.4\n%%EOF\n"))
        check.evidence.name = EVIDENCE
        check.save(update_fields=["evidence"])
    return check

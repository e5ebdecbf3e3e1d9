"""The roles a user can hold, globally or for one agency."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROGRAM_MANAGER = "program_manager", _("Program manager")
    AGENCY_COORDINATOR = "agency_coordinator", _("Agency training coordinator")
    REGISTRAR = "registrar", _("Registrar / instructor")
    VETTING_OFFICER = "vetting_officer", _("Vetting officer")
    ASSESSOR = "assessor", _("Accreditation assessor")
    OFFICER = "officer", _("Officer")
    AUDITOR = "auditor", _("Auditor (read-only)")

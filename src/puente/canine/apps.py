from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CanineConfig(AppConfig):
    name = "puente.canine"
    label = "canine"
    verbose_name = _("Canine teams")

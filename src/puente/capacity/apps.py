from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacityConfig(AppConfig):
    name = "puente.capacity"
    label = "capacity"
    verbose_name = _("Demand and capacity")

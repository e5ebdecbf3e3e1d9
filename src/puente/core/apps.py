from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "puente.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each app registers its job kinds in its own jobs.py.
        autodiscover_modules("jobs")
        from . import imports  # noqa: F401  (registers the "import" job kind)

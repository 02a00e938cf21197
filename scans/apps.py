from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScansConfig(AppConfig):
    name = "scans"
    verbose_name = _("Areas and scans")

    def ready(self) -> None:
        from scans.services import index_cache

        index_cache.connect_signals()

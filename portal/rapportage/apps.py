from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapportageConfig(AppConfig):
    name = "portal.rapportage"
    verbose_name = _("Reports and budget")

    def ready(self) -> None:
        from core import links
        from portal.rapportage import selectors
        from portal.rapportage.models import Rapport

        links.register(
            Rapport,
            lambda user, obj: (
                selectors.rapporten_visible_to(user).filter(pk=obj.pk).exists()
            ),
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessiesConfig(AppConfig):
    name = "sessies"
    verbose_name = _("Sessions")

    def ready(self) -> None:
        from core import links
        from sessies import selectors
        from sessies.models import Sessie

        links.register(
            Sessie,
            lambda user, obj: (
                selectors.sessies_visible_to(user).filter(pk=obj.pk).exists()
            ),
        )

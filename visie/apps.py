from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisieConfig(AppConfig):
    name = "visie"
    verbose_name = _("Vision")

    def ready(self) -> None:
        from core import links
        from visie import permissions, selectors
        from visie.models import Bron, Sectie, Versie, VisieDocument

        def drafts(user, _obj) -> bool:
            return permissions.can_read_drafts(user)

        def versie(user, obj) -> bool:
            return permissions.can_read_versions(user) and (
                selectors.versies_visible_to(user).filter(pk=obj.pk).exists()
            )

        links.register(Sectie, drafts)
        links.register(Bron, drafts)
        links.register(Versie, versie)
        links.register(
            VisieDocument, lambda user, _obj: permissions.can_read_versions(user)
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScansConfig(AppConfig):
    name = "scans"
    verbose_name = _("Areas and scans")

    def ready(self) -> None:
        from core import links
        from scans import permissions, selectors
        from scans.models import Actie, Gebied, Gebiedsscan, Signaal, Waarschuwing

        def viewer(user, _obj) -> bool:
            return permissions.can_view_gebieden(user)

        def signaal(user, obj) -> bool:
            return viewer(user, obj) and (
                selectors.signalen_visible_to(user).filter(pk=obj.pk).exists()
            )

        def waarschuwing(user, obj) -> bool:
            return permissions.can_see_warnings(user) and (
                selectors.warnings_for(user, active_only=False)
                .filter(pk=obj.pk)
                .exists()
            )

        for model in (Gebied, Gebiedsscan, Actie):
            links.register(model, viewer)
        links.register(Signaal, signaal)
        links.register(Waarschuwing, waarschuwing)

        from scans.services import index_cache

        index_cache.connect_signals()

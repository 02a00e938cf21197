from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners and accounts")

    def ready(self) -> None:
        # Connects the receiver that burns the TOTP activation code.
        from core import links
        from partners import mfa  # noqa: F401
        from partners.models import Organisation
        from partners.permissions import can_view_organisations

        links.register(Organisation, lambda user, _obj: can_view_organisations(user))

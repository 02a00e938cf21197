from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessiesConfig(AppConfig):
    name = "sessies"
    verbose_name = _("Sessions")

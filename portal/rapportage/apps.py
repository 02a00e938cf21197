from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapportageConfig(AppConfig):
    name = "portal.rapportage"
    verbose_name = _("Reports and budget")

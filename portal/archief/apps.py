from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiefConfig(AppConfig):
    """Export of a self-describing archive for the municipal archive."""

    name = "portal.archief"
    label = "archief"
    verbose_name = _("Archive export")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisieConfig(AppConfig):
    name = "visie"
    verbose_name = _("Vision")

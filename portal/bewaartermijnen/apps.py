from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BewaartermijnenConfig(AppConfig):
    """Retention: anonymise free text once its storage period has passed."""

    name = "portal.bewaartermijnen"
    label = "bewaartermijnen"
    verbose_name = _("Retention periods")

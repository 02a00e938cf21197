from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The append-only audit trail.

    It sits at the bottom of the dependency order (it knows only the user
    model), so every app may record into it.
    """

    name = "core.audit"
    label = "audit"
    verbose_name = _("Audit trail")

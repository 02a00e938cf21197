from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The top layer: start page, navigation, audit trail pages, demo data."""

    name = "portal"
    verbose_name = "Buurtaanpak"

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app uses: it imports none of them."""

    name = "core"
    verbose_name = "Buurtaanpak"

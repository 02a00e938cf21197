from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app uses: it imports none of them."""

    name = "core"
    verbose_name = "Buurtaanpak"

    def ready(self):
        from core import table_versions

        table_versions.connect_signals()

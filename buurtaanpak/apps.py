from django.apps import AppConfig


class BuurtaanpakConfig(AppConfig):
    name = "buurtaanpak"
    verbose_name = "Buurtaanpak"

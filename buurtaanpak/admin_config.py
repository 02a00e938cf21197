from importlib import import_module

from django.apps import apps
from django.contrib.admin.apps import SimpleAdminConfig
from django.utils.module_loading import module_has_submodule

# leaflet.admin imports GeoDjango's GDAL bindings; the portal stores GeoJSON
# and runs without GDAL, so that module is never imported (see ADR 0002).
_SKIP = {"leaflet"}


class BeheerAdminConfig(SimpleAdminConfig):
    """The Django admin as the beheerder's back office, behind the portal login."""

    default_site = "buurtaanpak.admin_site.BeheerAdminSite"

    def ready(self) -> None:
        super().ready()
        for app_config in apps.get_app_configs():
            if app_config.name in _SKIP:
                continue
            if module_has_submodule(app_config.module, "admin"):
                import_module(f"{app_config.name}.admin")

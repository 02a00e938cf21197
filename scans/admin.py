"""The beheerder's back office for gebieden, themes, indicators, rounds and thresholds.

Signalen are not in the admin: an organisatie-signaal is never visible to
another organisation, the beheerder's included.
"""

from django import forms
from django.contrib import admin

from scans import geometry
from scans.models import Drempels, Gebied, Indicator, ScanRonde, Thema
from scans.services import index_cache


class GebiedAdminForm(forms.ModelForm):
    class Meta:
        model = Gebied
        fields = [
            "code",
            "name",
            "level",
            "parent",
            "geometry",
            "description",
            "streets",
            "inhabitants",
            "approximate",
        ]

    def clean_geometry(self):
        value = self.cleaned_data.get("geometry")
        if not value:
            return value
        shape = geometry.parse_geometry(value, within=index_cache.extent())
        return geometry.to_geojson(shape)


@admin.register(Gebied)
class GebiedAdmin(admin.ModelAdmin):
    form = GebiedAdminForm
    list_display = ["code", "name", "level", "parent", "inhabitants", "approximate"]
    list_filter = ["level", "approximate"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["code", "name", "laag", "unit", "polariteit", "active"]
    show_change_link = True


@admin.register(Thema)
class ThemaAdmin(admin.ModelAdmin):
    list_display = ["name", "domein", "order"]
    list_filter = ["domein"]
    inlines = [IndicatorInline]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "thema",
        "laag",
        "unit",
        "polariteit",
        "bron",
        "min_value",
        "max_value",
        "active",
    ]
    list_filter = ["laag", "thema__domein", "thema", "active", "bron"]
    search_fields = ["code", "name"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(ScanRonde)
class ScanRondeAdmin(admin.ModelAdmin):
    list_display = ["name", "peildatum", "is_basis"]


@admin.register(Drempels)
class DrempelsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "index_daling", "signalen_aantal", "signalen_dagen"]

    def has_add_permission(self, request) -> bool:
        return not Drempels.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

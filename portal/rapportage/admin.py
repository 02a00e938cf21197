from django.contrib import admin

from core.fields import ADMIN_DECIMALS
from portal.rapportage.models import Begroting, Rapport, Uitgave


class UitgaveInline(admin.TabularInline):
    model = Uitgave
    extra = 0
    formfield_overrides = ADMIN_DECIMALS
    fields = [
        "soort",
        "date",
        "amount",
        "description",
        "gebied",
        "organisation",
        "actie",
    ]


@admin.register(Begroting)
class BegrotingAdmin(admin.ModelAdmin):
    list_display = ["year", "amount", "note"]
    formfield_overrides = ADMIN_DECIMALS
    inlines = [UitgaveInline]


@admin.register(Uitgave)
class UitgaveAdmin(admin.ModelAdmin):
    list_display = [
        "date",
        "soort",
        "amount",
        "description",
        "actie",
        "gebied",
        "organisation",
    ]
    list_filter = ["begroting", "soort"]
    search_fields = ["description", "actie__title"]
    list_select_related = ["gebied", "organisation", "actie"]
    formfield_overrides = ADMIN_DECIMALS


@admin.register(Rapport)
class RapportAdmin(admin.ModelAdmin):
    """Read-only: reports change only through the pipeline and publication."""

    list_display = [
        "title",
        "kind",
        "audience",
        "status",
        "attempts",
        "requested_at",
        "published_at",
    ]
    list_filter = ["status", "kind", "audience"]
    search_fields = ["title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Published reports are part of the public record.
        return obj is not None and not obj.is_published

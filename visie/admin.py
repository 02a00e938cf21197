from django.contrib import admin

from core.fields import ADMIN_DECIMALS
from partners.admin import ClassifiedAdmin
from visie.models import (
    Afspraak,
    AfspraakRol,
    Bron,
    Citatie,
    Ondertekening,
    Opmerking,
    Revisie,
    Sectie,
    Versie,
    VisieDocument,
)


class SectieInline(admin.TabularInline):
    model = Sectie
    extra = 0
    fields = ["position", "title", "penvoerder"]


@admin.register(VisieDocument)
class VisieDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "created_at"]
    list_filter = ["status"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SectieInline]


@admin.register(Revisie)
class RevisieAdmin(admin.ModelAdmin):
    """Read-only: revisions are the history and are never changed."""

    list_display = [
        "sectie",
        "number",
        "author",
        "organisation",
        "created_at",
        "is_draft",
    ]
    list_filter = ["is_draft"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Opmerking)
class OpmerkingAdmin(ClassifiedAdmin):
    list_display = ["sectie", "author", "organisation", "rubricering", "created_at"]
    list_filter = ["rubricering"]
    search_fields = ["text"]


@admin.register(Versie)
class VersieAdmin(admin.ModelAdmin):
    list_display = ["document", "number", "status", "released_at"]
    readonly_fields = ["content_hash", "afspraken", "released_by", "released_at"]

    def has_add_permission(self, request) -> bool:
        # Versions are released in the portal, which freezes the sections.
        return False


@admin.register(Ondertekening)
class OndertekeningAdmin(admin.ModelAdmin):
    list_display = ["versie", "organisation", "besluit", "signed_by", "signed_at"]
    list_filter = ["besluit"]


class AfspraakRolInline(admin.TabularInline):
    model = AfspraakRol
    extra = 0


@admin.register(Afspraak)
class AfspraakAdmin(admin.ModelAdmin):
    formfield_overrides = ADMIN_DECIMALS
    list_display = ["title", "document", "status", "deadline"]
    inlines = [AfspraakRolInline]


@admin.register(Bron)
class BronAdmin(ClassifiedAdmin):
    list_display = ["title", "soort", "publisher", "published_on", "rubricering"]
    list_filter = ["rubricering"]
    search_fields = ["title"]
    readonly_fields = ["file", "content_type", "size", "sha256"]


@admin.register(Citatie)
class CitatieAdmin(admin.ModelAdmin):
    list_display = ["sectie", "content_type", "object_id", "added_at"]

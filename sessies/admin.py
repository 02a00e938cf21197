from django.contrib import admin

from partners.admin import ClassifiedAdmin
from sessies.models import (
    Agendapunt,
    Amendement,
    KalenderToken,
    Mijlpaal,
    Opbrengst,
    Sessie,
    Uitnodiging,
    Verslag,
    VerzondenMail,
    Zaal,
)


@admin.register(Zaal)
class ZaalAdmin(admin.ModelAdmin):
    """The rooms sessions book; functioneel beheer keeps the list."""

    list_display = ["name", "building", "capacity", "active"]
    list_filter = ["active", "building"]
    search_fields = ["name", "building", "address"]


class AgendapuntInline(admin.TabularInline):
    model = Agendapunt
    extra = 0


@admin.register(Sessie)
class SessieAdmin(admin.ModelAdmin):
    list_display = ["title", "soort", "start", "zaal", "status", "organiser"]
    list_filter = ["soort", "status", "zaal"]
    search_fields = ["title", "location", "zaal__name"]
    date_hierarchy = "start"
    inlines = [AgendapuntInline]
    raw_id_fields = ["organiser"]


@admin.register(Uitnodiging)
class UitnodigingAdmin(admin.ModelAdmin):
    list_display = ["sessie", "email", "antwoord", "wachtlijst_sinds", "aanwezig"]
    list_filter = ["antwoord", "publiek"]
    search_fields = ["email", "name", "sessie__title"]
    raw_id_fields = ["sessie", "user"]


@admin.register(Mijlpaal)
class MijlpaalAdmin(admin.ModelAdmin):
    list_display = ["title", "start_date", "end_date"]


class AmendementInline(admin.TabularInline):
    model = Amendement
    extra = 0


@admin.register(Verslag)
class VerslagAdmin(ClassifiedAdmin):
    list_display = ["sessie", "status", "rubricering", "finalised_at"]
    inlines = [AmendementInline]


@admin.register(Opbrengst)
class OpbrengstAdmin(ClassifiedAdmin):
    list_display = ["title", "sessie", "rubricering"]
    list_select_related = ["sessie"]


@admin.register(KalenderToken)
class KalenderTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "scope", "created_at", "revoked_at"]
    readonly_fields = ["token_hash"]


@admin.register(VerzondenMail)
class VerzondenMailAdmin(admin.ModelAdmin):
    list_display = ["key", "recipient", "claimed_at", "sent_at"]
    search_fields = ["key", "recipient"]

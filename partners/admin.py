from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from core import policy
from partners.models import Invitation, Membership, Organisation, User
from partners.selectors import reader_of


class ClassifiedAdmin(admin.ModelAdmin):
    """The admin of a model with a level: the beheerder sees what the policy
    lets them read, nothing more.

    Lists, searches and change pages all start from `get_queryset`, so a record
    the policy hides is neither listed nor found (Django answers that it does
    not exist). The archive export is the one audited exception.
    """

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.filter(policy.q_for(self.model, reader_of(request.user)))

    def has_view_permission(self, request, obj=None) -> bool:
        if obj is not None and not policy.can_read_object(reader_of(request.user), obj):
            return False
        return super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and not policy.can_read_object(reader_of(request.user), obj):
            return False
        return super().has_change_permission(request, obj)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "date_joined"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "memberships__role"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        ("Status", {"fields": ["is_active", "date_joined", "last_login"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name"]})]
    readonly_fields = ["date_joined", "last_login"]
    filter_horizontal: list[str] = []


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "requires_mfa"]
    list_filter = ["kind", "requires_mfa"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "expires_at", "accepted_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["email"]
    readonly_fields = ["token_hash", "accepted_at", "accepted_by", "invited_by"]

    def has_add_permission(self, request) -> bool:
        # Invitations are made through the portal, which sends the e-mail.
        return False

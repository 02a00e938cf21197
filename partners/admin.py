from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from core import policy
from partners import services
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

    def save_model(self, request, obj, form, change):
        """An address changes only here, through the service that records it."""
        if change and "email" in form.changed_data:
            new = obj.email
            obj.email = form.initial["email"]
            super().save_model(request, obj, form, change)
            services.account_email_set(
                user=obj, email=new, by=request.user, request=request
            )
            return
        super().save_model(request, obj, form, change)
        if not change:
            services.account_email_verified(user=obj)


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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown for reference; changed only through the portal's own paths."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


# allauth's own admin pages let anyone with admin access add a login address
# to an account, show a TOTP secret and recovery seed in an editable field,
# and show the session key of every signed-in device (enough to act as that
# person, past their second factor). Addresses change in the user page above
# (with an audit entry); authenticators and sessions show what they are,
# never what they hold.
for model in (EmailAddress, Authenticator, UserSession):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(EmailAddress)
class EmailAddressAdmin(ReadOnlyAdmin):
    list_display = ["email", "user", "primary", "verified"]
    list_filter = ["primary", "verified"]
    search_fields = ["email", "user__full_name"]
    fields = ["user", "email", "primary", "verified"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Authenticator)
class AuthenticatorAdmin(ReadOnlyAdmin):
    """Type and use only. Deleting one makes its owner set up TOTP again."""

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    search_fields = ["user__email", "user__full_name"]
    # Never "data": it holds the TOTP secret and the recovery codes' seed.
    fields = ["user", "type", "created_at", "last_used_at"]
    list_select_related = ["user"]


@admin.register(UserSession)
class UserSessionAdmin(ReadOnlyAdmin):
    """Signed-in devices. Deleting one signs that device out."""

    list_display = ["user", "created_at", "last_seen_at", "ip", "user_agent"]
    search_fields = ["user__email", "ip"]
    # Never "session_key" or "data".
    fields = ["user", "created_at", "last_seen_at", "ip", "user_agent"]
    list_select_related = ["user"]

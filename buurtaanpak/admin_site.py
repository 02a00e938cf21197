from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners import permissions


class BeheerAdminSite(admin.AdminSite):
    site_header = _("Buurtaanpak — application management")
    site_title = _("Buurtaanpak management")
    index_title = _("Management")

    def has_permission(self, request) -> bool:
        return permissions.is_beheerder(request.user)

    def login(self, request, extra_context=None):
        """The admin uses the portal's login, so MFA and rate limits apply."""
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(
            request.GET.get("next", reverse("admin:index")), reverse("account_login")
        )

    def admin_view(self, view, cacheable=False):
        wrapped = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            # Signed in without the beheerder role: say so instead of
            # sending the user to a login page they have already passed.
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return wrapped(request, *args, **kwargs)

        return update_wrapper(inner, view)

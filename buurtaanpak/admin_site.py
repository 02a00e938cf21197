from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.privacy import guarded_admin_form
from partners import permissions


class BeheerAdminSite(admin.AdminSite):
    site_header = _("Buurtaanpak — application management")
    site_title = _("Buurtaanpak management")
    index_title = _("Management")

    def has_permission(self, request) -> bool:
        return permissions.is_beheerder(request.user)

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model admin, and its inlines, refuse a BSN in a text field."""
        super().register(model_or_iterable, admin_class, **options)
        models = (
            [model_or_iterable]
            if isinstance(model_or_iterable, type)
            else list(model_or_iterable)
        )
        for model in models:
            model_admin = self._registry.get(model)
            if model_admin is None:  # a swapped model (auth.User) is skipped
                continue
            model_admin.form = guarded_admin_form(model_admin.form)
            for inline in model_admin.inlines:
                inline.form = guarded_admin_form(inline.form)

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

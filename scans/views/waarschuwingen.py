"""Early warnings in the portal: the list, one warning, acknowledging it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from core.views import RequiresMixin, add_form_errors
from scans import permissions, selectors
from scans.forms import KennisnameForm
from scans.models import Waarschuwing
from scans.services import vroegsignalering


class WarningsMixin(RequiresMixin):
    permission = permissions.can_see_warnings


class WaarschuwingListView(WarningsMixin, TemplateView):
    template_name = "scans/waarschuwing_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show_all = self.request.GET.get("alle") == "1"
        items = list(
            selectors.warnings_for(self.request.user, active_only=not show_all)[:200]
        )
        for w in items:
            w.text = vroegsignalering.warning_text(w)
        context.update(warnings=items, show_all=show_all)
        return context


class WaarschuwingDetailView(WarningsMixin, FormView):
    template_name = "scans/waarschuwing_detail.html"
    form_class = KennisnameForm

    def get_warning(self) -> Waarschuwing:
        if not hasattr(self, "_w"):
            try:
                self._w = selectors.warnings_for(
                    self.request.user, active_only=False
                ).get(pk=self.kwargs["pk"])
            except Waarschuwing.DoesNotExist as exc:
                raise Http404 from exc
        return self._w

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        w = self.get_warning()
        context.update(
            warning=w,
            text=vroegsignalering.warning_text(w),
            # Evidence is filtered again for the reader, not only the organisation.
            signalen=selectors.signalen_visible_to(self.request.user).filter(
                pk__in=w.signalen.values("pk")
            ),
        )
        return context

    def form_valid(self, form):
        w = self.get_warning()
        try:
            vroegsignalering.acknowledge(
                user=self.request.user,
                waarschuwing=w,
                note=form.cleaned_data["note"],
                personal_data_confirmed=form.cleaned_data["personal_data_confirmed"],
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The warning has been acknowledged."))
        return redirect("scans:waarschuwing_list")

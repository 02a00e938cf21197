"""The budget page, and recording commitments and payments outside the admin."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from core.views import RequiresMixin, add_form_errors
from portal.rapportage import permissions, raad, selectors
from portal.rapportage.forms import BetalingForm, VerplichtingForm
from portal.rapportage.services import begroting as budget


class BegrotingView(TemplateView):
    """The budget per year, and for the partner side its commitments and payments."""

    template_name = "rapportage/begroting_overview.html"

    def get(self, request, *args, **kwargs):
        # The structural years of the ingroeimodel exist before anyone reads
        # them: next year is on the page without a beheerder adding it.
        budget.begroting_ensure_years()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        show_lines = permissions.can_view_budget_lines(user)
        context.update(
            jaren=raad.budget_per_year(),
            show_lines=show_lines,
            uitgaven=selectors.uitgaven_for_partners() if show_lines else [],
            can_keep=permissions.can_keep_budget(user),
        )
        return context


class _UitgaveCreateView(RequiresMixin, FormView):
    template_name = "rapportage/uitgave_form.html"
    permission = permissions.can_keep_budget
    heading = ""
    record = None

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "heading": self.heading}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            uitgave = type(self).record(user=self.request.user, **data)
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.saved_message(uitgave))
        return redirect(reverse("rapportage:begroting"))

    def saved_message(self, uitgave) -> str:
        raise NotImplementedError


class VerplichtingCreateView(_UitgaveCreateView):
    form_class = VerplichtingForm
    heading = gettext_lazy("Record a commitment")
    record = staticmethod(budget.verplichting_record)

    def saved_message(self, uitgave) -> str:
        return _("The commitment has been recorded in the budget of %(year)s.") % {
            "year": uitgave.begroting.year
        }


class BetalingCreateView(_UitgaveCreateView):
    form_class = BetalingForm
    heading = gettext_lazy("Record a payment")
    record = staticmethod(budget.betaling_record)

    def saved_message(self, uitgave) -> str:
        if uitgave.verplichting_id:
            return _(
                "The payment has been recorded; it settles the commitment "
                "“%(description)s”."
            ) % {"description": uitgave.verplichting.description}
        return _("The payment has been recorded in the budget of %(year)s.") % {
            "year": uitgave.begroting.year
        }

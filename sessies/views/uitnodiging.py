from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from django_ratelimit.decorators import ratelimit

from core.ratelimits import RATES
from core.views import RequiresMixin, add_form_errors
from sessies import permissions, selectors, services
from sessies.forms import RsvpForm, UitnodigenForm
from sessies.models import Uitnodiging
from sessies.views.common import visible_sessie
from sessies.views.sessie import rsvp_message


class UitnodigenView(RequiresMixin, FormView):
    template_name = "sessies/uitnodiging_form.html"
    form_class = UitnodigenForm

    def dispatch(self, request, *args, **kwargs):
        self.sessie = visible_sessie(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self, user) -> bool:
        return permissions.can_edit(user, self.sessie)

    def get_context_data(self, **kwargs):
        return super().get_context_data(sessie=self.sessie, **kwargs)

    def form_valid(self, form):
        try:
            created = services.uitnodigingen_create(
                sessie=self.sessie, by=self.request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        if created:
            messages.success(
                self.request,
                _("%(n)d invitation(s) sent.") % {"n": len(created)},
            )
        else:
            messages.info(self.request, _("Everyone chosen was already invited."))
        if selectors.conflicts_for(self.sessie):
            messages.warning(
                self.request,
                _(
                    "Watch out: some invitees are also invited to another session "
                    "at the same time. See the session page."
                ),
            )
        return redirect(self.sessie)


@login_not_required
@ratelimit(key="ip", rate=RATES["token_page"])
def gast_rsvp(request, token: str):
    """Public: a guest's own answer page, reached by the signed link only."""
    uitnodiging = services.uitnodiging_for_token(token)
    sessie = uitnodiging.sessie
    form = RsvpForm(
        request.POST or None,
        initial={"antwoord": uitnodiging.antwoord, "note": uitnodiging.note},
    )
    if request.method == "POST" and form.is_valid():
        try:
            uitnodiging = services.rsvp(uitnodiging=uitnodiging, **form.cleaned_data)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, rsvp_message(uitnodiging))
            return redirect(request.path)
    return render(
        request,
        "sessies/gast_rsvp.html",
        {
            "uitnodiging": uitnodiging,
            "sessie": sessie,
            "form": form,
            "open_for_answers": not sessie.is_cancelled and sessie.end > timezone.now(),
        },
    )


@require_POST
def gast_link_renew(request, pk: int):
    uitnodiging = get_object_or_404(
        Uitnodiging.objects.select_related("sessie").filter(
            sessie__in=selectors.sessies_visible_to(request.user), user__isnull=True
        ),
        pk=pk,
    )
    services.gast_link_renew(uitnodiging=uitnodiging, by=request.user)
    messages.success(
        request,
        _("A new link has been sent to %(email)s; the old link no longer works.")
        % {"email": uitnodiging.email},
    )
    return redirect(uitnodiging.sessie)

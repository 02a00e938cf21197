from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from django_ratelimit.decorators import ratelimit

from core.ratelimits import RATES
from core.views import add_form_errors
from sessies import permissions, selectors, services
from sessies.forms import (
    AntwoordBevestigenForm,
    PubliekAanmeldForm,
    RsvpForm,
    UitnodigenForm,
)
from sessies.mail import REPLIES
from sessies.models import Antwoord, Uitnodiging
from sessies.services import publiek
from sessies.views.common import SessieEditMixin, refuse_change, visible_sessie
from sessies.views.sessie import rsvp_message


class UitnodigenView(SessieEditMixin, FormView):
    template_name = "sessies/uitnodiging_form.html"
    form_class = UitnodigenForm

    def dispatch(self, request, *args, **kwargs):
        self.sessie = visible_sessie(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

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
        if selectors.conflicts_for(self.sessie, self.request.user):
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
    if not permissions.can_edit(request.user, uitnodiging.sessie):
        return refuse_change(request, uitnodiging.sessie)
    services.gast_link_renew(uitnodiging=uitnodiging, by=request.user)
    messages.success(
        request,
        _("A new link has been sent to %(email)s; the old link no longer works.")
        % {"email": uitnodiging.email},
    )
    return redirect(uitnodiging.sessie)


@login_not_required
@ratelimit(key="ip", rate=RATES["token_page"])
def antwoord_link(request, token: str, antwoord: str):
    """Public: the one-click answer from an invitation mail.

    GET only shows the answer and a button, because mail scanners open every
    link in a mail; the answer is saved on POST. Works for every invitee,
    with or without an account: the signed link is the proof.
    """
    if antwoord not in REPLIES:
        raise Http404
    uitnodiging = services.uitnodiging_for_token(token, guest_only=False)
    sessie = uitnodiging.sessie
    form = AntwoordBevestigenForm(
        request.POST if request.method == "POST" else None,
        initial={"note": uitnodiging.note},
    )
    open_for_answers = not sessie.is_cancelled and not sessie.is_over
    status = 200 if open_for_answers else 410
    if request.method == "POST" and open_for_answers and form.is_valid():
        try:
            uitnodiging = services.rsvp(
                uitnodiging=uitnodiging, antwoord=antwoord, **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
            status = 410
        else:
            messages.success(request, rsvp_message(uitnodiging))
            return redirect(request.path)
    return render(
        request,
        "sessies/antwoord_link.html",
        {
            "uitnodiging": uitnodiging,
            "sessie": sessie,
            "antwoord": antwoord,
            "antwoord_label": Antwoord(antwoord).label,
            "answered": uitnodiging.antwoord == antwoord
            and uitnodiging.answered_at is not None,
            "form": form,
            "open_for_answers": open_for_answers,
        },
        status=status,
    )


@login_not_required
@ratelimit(key="ip", rate=RATES["token_page"])
@ratelimit(key="ip", rate=RATES["public_signup"], method="POST")
def publiek_aanmelden(request, code: str):
    """Public: residents sign up for a participation session, no account.

    The sign-up takes a place only after the resident confirms through the
    link in the mail, so a typo or someone else's address holds no place.
    """
    sessie = publiek.sessie_for_code(code)
    if sessie is None:
        raise Http404
    open_ = publiek.open_for_signup(sessie)
    form = PubliekAanmeldForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and open_ and form.is_valid():
        try:
            services.publiek_aanmelden(
                sessie=sessie,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            return render(
                request,
                "sessies/publiek_aanmelden_done.html",
                {"sessie": sessie, "email": form.cleaned_data["email"]},
            )
    counts = selectors.answer_counts(sessie)
    return render(
        request,
        "sessies/publiek_aanmelden.html",
        {
            "sessie": sessie,
            "form": form,
            "open": open_,
            "places_left": max(sessie.capacity - counts[Antwoord.AANMELDEN], 0)
            if sessie.capacity
            else None,
            "bewaartermijn_days": publiek.BEWAARTERMIJN.days,
        },
        status=200 if open_ else 410,
    )

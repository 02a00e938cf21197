from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, ListView, TemplateView

from core.views import RequiresMixin, add_form_errors
from sessies import ical, permissions, selectors, services
from sessies.forms import AgendapuntForm, MijlpaalForm, RsvpForm, SessieForm
from sessies.models import Agendapunt, Mijlpaal
from sessies.views.common import (
    error_text,
    shown_opbrengsten,
    visible_sessie,
)


class SessieListView(ListView):
    template_name = "sessies/sessie_list.html"
    context_object_name = "sessies"
    paginate_by = 25

    def past(self) -> bool:
        return self.request.GET.get("periode") == "verleden"

    def get_queryset(self):
        return selectors.sessie_list(self.request.user, past=self.past())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["past"] = self.past()
        context["can_plan"] = permissions.can_plan(self.request.user)
        context["query_string"] = "periode=verleden" if self.past() else ""
        return context


class TijdlijnView(TemplateView):
    template_name = "sessies/tijdlijn_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = selectors.tijdlijn(self.request.user)
        context["today"] = timezone.localdate()
        context["can_manage_traject"] = permissions.can_manage_traject(
            self.request.user
        )
        return context


class MijlpaalFormView(RequiresMixin, FormView):
    """Add a milestone, or change one when a pk is given."""

    template_name = "sessies/mijlpaal_form.html"
    form_class = MijlpaalForm
    permission = permissions.can_manage_traject

    def dispatch(self, request, *args, **kwargs):
        self.mijlpaal = (
            get_object_or_404(Mijlpaal, pk=kwargs["pk"]) if "pk" in kwargs else None
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.mijlpaal}

    def get_context_data(self, **kwargs):
        return super().get_context_data(mijlpaal=self.mijlpaal, **kwargs)

    def form_valid(self, form):
        try:
            services.mijlpaal_save(
                by=self.request.user, mijlpaal=self.mijlpaal, **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The milestone has been saved."))
        return redirect("sessies:tijdlijn")


def _conflict_warning(request, sessie) -> None:
    conflicts = selectors.conflicts_for(sessie)
    if conflicts:
        messages.warning(
            request,
            _(
                "Watch out: this session overlaps with %(n)d other booking(s) of "
                "the same room or council member. See the session page."
            )
            % {"n": len(conflicts)},
        )


class SessieCreateView(RequiresMixin, FormView):
    template_name = "sessies/sessie_form.html"
    form_class = SessieForm

    permission = permissions.can_plan

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            sessie = services.sessie_create(by=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The session has been planned."))
        _conflict_warning(self.request, sessie)
        return redirect(sessie)


class SessieUpdateView(RequiresMixin, FormView):
    template_name = "sessies/sessie_form.html"
    form_class = SessieForm

    def dispatch(self, request, *args, **kwargs):
        self.sessie = visible_sessie(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self, user) -> bool:
        return permissions.can_edit(user, self.sessie)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "instance": self.sessie,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(sessie=self.sessie, **kwargs)

    def form_valid(self, form):
        try:
            sessie = services.sessie_update(
                sessie=self.sessie, by=self.request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The session has been saved. Invitees receive the update."),
        )
        _conflict_warning(self.request, sessie)
        return redirect(sessie)


class SessieDetailView(TemplateView):
    template_name = "sessies/sessie_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        sessie = visible_sessie(self.request, kwargs["pk"])
        sessie = selectors.sessie_detail(user, sessie.pk)
        can_manage = permissions.can_manage(user, sessie)
        agenda = list(sessie.agendapunten.all())
        minutes = sum(item.duration_minutes for item in agenda)
        mine = selectors.uitnodiging_of(user, sessie)
        context.update(
            sessie=sessie,
            agenda=agenda,
            agenda_minutes=minutes,
            agenda_too_long=minutes > sessie.duration_minutes,
            can_manage=can_manage,
            can_edit=permissions.can_edit(user, sessie),
            mine=mine,
            rsvp_form=RsvpForm(
                initial={"antwoord": mine.antwoord, "note": mine.note} if mine else None
            ),
            counts=selectors.answer_counts(sessie),
            verslag=selectors.verslag_of(sessie),
            opbrengsten=shown_opbrengsten(self.request, sessie),
            open_for_answers=not sessie.is_cancelled and sessie.end > timezone.now(),
        )
        if can_manage:
            context["uitnodigingen"] = selectors.uitnodigingen_of(sessie)
            context["conflicts"] = selectors.conflicts_for(sessie)
        return context


@require_POST
def sessie_cancel(request, pk: int):
    sessie = visible_sessie(request, pk)
    try:
        services.sessie_cancel(sessie=sessie, by=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("The session has been cancelled. Every invitee receives a cancellation."),
        )
    return redirect(sessie)


def sessie_ics(request, pk: int):
    sessie = visible_sessie(request, pk)
    response = HttpResponse(
        ical.sessie_ics(sessie), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="sessie-{sessie.pk}.ics"'
    return response


@require_POST
def rsvp(request, pk: int):
    sessie = visible_sessie(request, pk)
    mine = selectors.uitnodiging_of(request.user, sessie)
    if mine is None:
        raise PermissionDenied
    form = RsvpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether you will attend."))
        return redirect(sessie)
    try:
        mine = services.rsvp(uitnodiging=mine, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, rsvp_message(mine))
    return redirect(sessie)


def rsvp_message(uitnodiging) -> str:
    if uitnodiging.on_waiting_list:
        return _(
            "The session is full: you are on the waiting list. You get an e-mail "
            "when a place becomes free."
        )
    return _("Your answer has been saved: %(answer)s.") % {
        "answer": uitnodiging.get_antwoord_display()
    }


# Agenda --------------------------------------------------------------------


class AgendapuntCreateView(RequiresMixin, FormView):
    template_name = "sessies/agendapunt_form.html"
    form_class = AgendapuntForm

    def dispatch(self, request, *args, **kwargs):
        self.sessie = visible_sessie(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self, user) -> bool:
        return permissions.can_edit(user, self.sessie)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sessie=self.sessie,
            agenda_minutes=selectors.agenda_minutes(self.sessie),
            **kwargs,
        )

    def save(self, form):
        return services.agendapunt_create(
            sessie=self.sessie, by=self.request.user, **form.cleaned_data
        )

    def form_valid(self, form):
        try:
            self.save(form)
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The agenda has been saved."))
        return redirect(self.sessie)


class AgendapuntUpdateView(AgendapuntCreateView):
    def dispatch(self, request, *args, **kwargs):
        self.item = get_object_or_404(
            Agendapunt.objects.filter(
                sessie__in=selectors.sessies_visible_to(request.user)
            ),
            pk=kwargs["pk"],
        )
        kwargs["pk"] = self.item.sessie_id
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.item}

    def save(self, form):
        return services.agendapunt_update(
            item=self.item, by=self.request.user, **form.cleaned_data
        )


def _agendapunt(request, pk: int) -> Agendapunt:
    return get_object_or_404(
        Agendapunt.objects.select_related("sessie").filter(
            sessie__in=selectors.sessies_visible_to(request.user)
        ),
        pk=pk,
    )


@require_POST
def agendapunt_delete(request, pk: int):
    item = _agendapunt(request, pk)
    services.agendapunt_delete(item=item, by=request.user)
    messages.success(request, _("The agenda item has been removed."))
    return redirect(item.sessie)


@require_POST
def agendapunt_move(request, pk: int):
    item = _agendapunt(request, pk)
    services.agendapunt_move(
        item=item, by=request.user, up=request.POST.get("richting") == "omhoog"
    )
    return redirect(reverse("sessies:sessie_detail", args=[item.sessie_id]) + "#agenda")

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, ListView, TemplateView

from core.views import KeptPageMixin, RequiresMixin, add_form_errors, requires
from partners.selectors import access_signature
from sessies import ical, permissions, selectors, services
from sessies.forms import (
    AgendapuntForm,
    MijlpaalForm,
    RsvpForm,
    SessieCancelForm,
    SessieForm,
)
from sessies.models import Agendapunt, Antwoord, Mijlpaal
from sessies.templatetags.sessies_tags import sessie_rows
from sessies.views.common import (
    SessieEditMixin,
    error_text,
    refuse_change,
    shown_opbrengsten,
    visible_sessie,
)


class SessieListView(KeptPageMixin, ListView):
    template_name = "sessies/sessie_list.html"
    context_object_name = "sessies"
    paginate_by = 25

    def kept_page_parts(self) -> tuple:
        # The rows are kept rendered: their dates and labels are in the
        # language of the page.
        return (access_signature(self.request.user), get_language())

    def kept_page_expires(self) -> float | None:
        return selectors.seconds_until_next_end(self.request.user)

    def kept_page_extra(self, rows: list):
        return sessie_rows(rows)

    def kept_page_rows(self, rows: list) -> list:
        return []  # the page shows them rendered only

    def past(self) -> bool:
        return self.request.GET.get("periode") == "verleden"

    def get_queryset(self):
        return selectors.sessie_list(self.request.user, past=self.past())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = self.kept_extra
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
    conflicts = selectors.conflicts_for(sessie, request.user)
    if conflicts:
        messages.warning(
            request,
            _(
                "Watch out: this session overlaps with %(n)d other booking(s) of "
                "the same room or person. See the session page."
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


class SessieUpdateView(SessieEditMixin, FormView):
    template_name = "sessies/sessie_form.html"
    form_class = SessieForm

    def dispatch(self, request, *args, **kwargs):
        self.sessie = visible_sessie(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

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
        agenda = selectors.agenda(sessie, sessie.agendapunten.all())
        minutes = sum(
            row.item.duration_minutes for row in agenda if not row.is_sub_item
        )
        mine = selectors.uitnodiging_of(user, sessie)
        context.update(
            sessie=sessie,
            agenda=agenda,
            agenda_minutes=minutes,
            agenda_too_long=minutes > sessie.duration_minutes,
            can_manage=can_manage,
            can_edit=permissions.can_edit(user, sessie),
            can_restore=can_manage
            and sessie.is_cancelled
            and sessie.start > timezone.now(),
            can_open_signup=permissions.can_open_public_signup(user, sessie),
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
            context["conflicts"] = selectors.conflicts_for(sessie, user)
            if sessie.aanmeldcode:
                context["public_url"] = settings.SITE_URL + reverse(
                    "sessies:publiek_aanmelden", args=[sessie.aanmeldcode]
                )
        return context


class SessieCancelView(RequiresMixin, FormView):
    """Cancelling asks to confirm, with a reason that goes to every invitee."""

    template_name = "sessies/sessie_cancel.html"
    form_class = SessieCancelForm

    def dispatch(self, request, *args, **kwargs):
        self.sessie = visible_sessie(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self, user) -> bool:
        return permissions.can_manage(user, self.sessie)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sessie=self.sessie,
            invited=self.sessie.uitnodigingen.count(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.sessie_cancel(
                sessie=self.sessie, by=self.request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc, field="reason")
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "The session has been cancelled. Every invitee receives the "
                "cancellation with your reason."
            ),
        )
        return redirect(self.sessie)


class SessieRestoreView(RequiresMixin, TemplateView):
    """Undo a cancellation, after confirming; invitees get it back."""

    template_name = "sessies/sessie_restore.html"

    def dispatch(self, request, *args, **kwargs):
        self.sessie = visible_sessie(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self, user) -> bool:
        return permissions.can_manage(user, self.sessie)

    def get(self, request, *args, **kwargs):
        if not self.sessie.is_cancelled:
            messages.info(request, _("This session has not been cancelled."))
            return redirect(self.sessie)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sessie=self.sessie,
            invited=self.sessie.uitnodigingen.exclude(
                antwoord=Antwoord.AFMELDEN
            ).count(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            services.sessie_restore(sessie=self.sessie, by=request.user)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(
                request,
                _(
                    "The session goes ahead after all. The invitees receive it "
                    "again in their calendar."
                ),
            )
        return redirect(self.sessie)


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
        if "antwoord" in form.errors:
            messages.error(request, _("Choose whether you will attend."))
        # The page again with the form as sent: its messages, and the
        # personal-data confirmation when the note asks for it.
        view = SessieDetailView()
        view.setup(request, pk=pk)
        context = view.get_context_data(pk=pk)
        context["rsvp_form"] = form
        return render(request, view.template_name, context)
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


class AgendapuntCreateView(SessieEditMixin, FormView):
    template_name = "sessies/agendapunt_form.html"
    form_class = AgendapuntForm

    def dispatch(self, request, *args, **kwargs):
        self.sessie = visible_sessie(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sessie": self.sessie}

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
    if not permissions.can_edit(request.user, item.sessie):
        return refuse_change(request, item.sessie)
    services.agendapunt_delete(item=item, by=request.user)
    messages.success(request, _("The agenda item has been removed."))
    return redirect(item.sessie)


@require_POST
def agendapunt_move(request, pk: int):
    item = _agendapunt(request, pk)
    if not permissions.can_edit(request.user, item.sessie):
        return refuse_change(request, item.sessie)
    services.agendapunt_move(
        item=item, by=request.user, up=request.POST.get("richting") == "omhoog"
    )
    return redirect(reverse("sessies:sessie_detail", args=[item.sessie_id]) + "#agenda")


@require_POST
def publieke_aanmelding(request, pk: int):
    """Open or close the public sign-up page of a participation session."""
    sessie = visible_sessie(request, pk)
    if not permissions.can_open_public_signup(request.user, sessie):
        return refuse_change(request, sessie)
    open_ = request.POST.get("actie") == "openen"
    try:
        services.publieke_aanmelding_zetten(sessie=sessie, by=request.user, open=open_)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("Residents can now sign up through the public page.")
            if open_
            else _("The public sign-up page is closed."),
        )
    return redirect(reverse("sessies:sessie_detail", args=[sessie.pk]) + "#publiek")


@requires(permissions.can_view_raad_calendar)
def raadskalender(request):
    """The council's sessions by month, as a table with links."""
    today = timezone.localdate()
    first = _month(request.GET.get("maand", ""), today)
    maand = selectors.raad_maand(request.user, first)
    return render(
        request,
        "sessies/raadskalender.html",
        {
            "maand": maand,
            "today": today,
            "can_subscribe": permissions.can_use_raad_feed(request.user),
        },
    )


def _month(value: str, default: date) -> date:
    """`2026-06` as the first of that month; anything else is this month."""
    try:
        year, month = (int(part) for part in value.split("-"))
        first = date(year, month, 1)
    except (TypeError, ValueError):
        return default.replace(day=1)
    if not 2000 <= first.year <= 2100:
        return default.replace(day=1)
    return first

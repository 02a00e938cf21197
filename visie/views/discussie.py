"""Comments and citations on a section."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from core.views import RequiresMixin, add_form_errors
from visie import permissions, selectors, services
from visie.forms import CitatieForm, OpmerkingForm
from visie.models import Citatie, Opmerking, Sectie, Versie
from visie.views.documents import render_sectie_with_forms, sectie_url


@require_POST
def opmerking_create(request: HttpRequest, pk: int) -> HttpResponse:
    sectie = get_object_or_404(Sectie.objects.select_related("document"), pk=pk)
    if not permissions.can_comment_on_sectie(request.user, sectie):
        raise PermissionDenied
    form = OpmerkingForm(request.POST)
    if form.is_valid():
        try:
            opmerking = services.opmerking_create(
                sectie=sectie,
                user=request.user,
                text=form.cleaned_data["text"],
                quote=form.cleaned_data.get("quote", ""),
                rubricering=form.cleaned_data["rubricering"],
                confirmed=form.cleaned_data.get("confirmed", False),
            )
        except ValidationError as exc:
            add_form_errors(form, exc, field="text")
        else:
            messages.success(request, _("Your comment has been placed."))
            return redirect(sectie_url(sectie, f"opmerking-{opmerking.pk}"))
    return render_sectie_with_forms(request, sectie, comment_form=form)


def _visible_opmerking(request: HttpRequest, pk: int) -> Opmerking:
    return get_object_or_404(
        selectors.opmerkingen_visible_to(request.user).select_related(
            "sectie__document"
        ),
        pk=pk,
    )


@require_POST
def opmerking_reply(request: HttpRequest, pk: int) -> HttpResponse:
    parent = _visible_opmerking(request, pk)
    sectie = parent.sectie
    if not permissions.can_comment_on_sectie(request.user, sectie):
        raise PermissionDenied
    form = OpmerkingForm(request.POST, reply=True, prefix=f"reply{parent.pk}")
    if form.is_valid():
        try:
            opmerking = services.opmerking_create(
                sectie=sectie,
                user=request.user,
                text=form.cleaned_data["text"],
                rubricering=parent.rubricering,
                parent=parent,
                confirmed=form.cleaned_data.get("confirmed", False),
            )
        except ValidationError as exc:
            add_form_errors(form, exc, field="text")
        else:
            messages.success(request, _("Your reply has been placed."))
            return redirect(sectie_url(sectie, f"opmerking-{opmerking.pk}"))
    return render_sectie_with_forms(
        request, sectie, reply_form=form, reply_to=parent.pk
    )


@require_POST
def opmerking_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    opmerking = _visible_opmerking(request, pk)
    services.opmerking_resolve(opmerking=opmerking, user=request.user)
    messages.success(request, _("The thread has been marked as resolved."))
    return redirect(sectie_url(opmerking.sectie, f"opmerking-{opmerking.pk}"))


@require_POST
def opmerking_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    opmerking = _visible_opmerking(request, pk)
    services.opmerking_reopen(opmerking=opmerking, user=request.user)
    messages.success(request, _("The thread has been reopened."))
    return redirect(sectie_url(opmerking.sectie, f"opmerking-{opmerking.pk}"))


@require_POST
def versie_opmerking(request: HttpRequest, pk: int, sectie_pk: int) -> HttpResponse:
    """A comment on a released version during consultatie (the raad's way in)."""
    versie = get_object_or_404(Versie.objects.select_related("document"), pk=pk)
    sectie = get_object_or_404(Sectie, pk=sectie_pk, document=versie.document)
    if not permissions.can_comment_on_versie(request.user, versie):
        raise PermissionDenied
    raad = not permissions.can_read_drafts(request.user)
    form = OpmerkingForm(request.POST, raad=raad, prefix=f"s{sectie.pk}")
    if form.is_valid():
        try:
            services.opmerking_create(
                sectie=sectie,
                versie=versie,
                user=request.user,
                text=form.cleaned_data["text"],
                quote=form.cleaned_data.get("quote", ""),
                rubricering=form.cleaned_data.get("rubricering", "openbaar"),
                confirmed=form.cleaned_data.get("confirmed", False),
            )
        except ValidationError as exc:
            add_form_errors(form, exc, field="text")
        else:
            messages.success(request, _("Your comment has been placed."))
            return redirect(f"{versie.get_absolute_url()}#sectie-{sectie.pk}")
    from visie.views.versies import render_versie

    return render_versie(request, versie, forms={sectie.pk: form})


class CitatieCreateView(RequiresMixin, FormView):
    template_name = "visie/citatie_form.html"
    form_class = CitatieForm

    def dispatch(self, request, *args, **kwargs):
        self.sectie = get_object_or_404(
            Sectie.objects.select_related("document"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self, user) -> bool:
        return permissions.can_edit_sectie(user, self.sectie)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sectie=self.sectie, document=self.sectie.document, **kwargs
        )

    def form_valid(self, form):
        try:
            services.citatie_create(
                sectie=self.sectie,
                user=self.request.user,
                target=form.cleaned_data["target"],
                toelichting=form.cleaned_data["toelichting"],
                personal_data_confirmed=form.cleaned_data["personal_data_confirmed"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The evidence has been linked."))
        return redirect(sectie_url(self.sectie, "onderbouwing"))


@require_POST
def citatie_delete(request: HttpRequest, pk: int) -> HttpResponse:
    citatie = get_object_or_404(
        Citatie.objects.select_related("sectie__document"), pk=pk
    )
    services.citatie_delete(citatie=citatie, user=request.user)
    messages.success(request, _("The citation has been removed."))
    return redirect(sectie_url(citatie.sectie, "onderbouwing"))

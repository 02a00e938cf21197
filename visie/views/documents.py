"""The document, its sections, their history and comparisons."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView, TemplateView

from core.audit.services import record_shown
from core.views import RequiresMixin, add_form_errors
from visie import permissions, selectors, services
from visie.forms import (
    DocumentForm,
    OpmerkingForm,
    SectieCreateForm,
    SectieSettingsForm,
)
from visie.models import Revisie, Sectie, VisieDocument
from visie.text import word_diff
from visie.views.common import flash_errors, local_copies_to_forget


class IndexView(TemplateView):
    template_name = "visie/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["documents"] = selectors.documents_visible_to(user)
        context["can_read_drafts"] = permissions.can_read_drafts(user)
        context["can_read_versions"] = permissions.can_read_versions(user)
        context["can_manage"] = permissions.can_manage(user)
        return context


class DocumentCreateView(RequiresMixin, FormView):
    template_name = "visie/document_form.html"
    form_class = DocumentForm

    permission = permissions.can_manage

    def form_valid(self, form):
        try:
            document = services.document_create(
                user=self.request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The vision document has been created."))
        return redirect(document)


class DocumentDetailView(RequiresMixin, DetailView):
    template_name = "visie/document_detail.html"
    context_object_name = "document"
    slug_field = "slug"

    permission = permissions.can_read_versions

    def get_queryset(self):
        return VisieDocument.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, document = self.request.user, self.object
        drafts = permissions.can_read_drafts(user)
        context["can_read_drafts"] = drafts
        context["secties"] = selectors.secties_of(document) if drafts else []
        context["versies"] = document.versies.select_related("released_by")
        context["can_manage"] = permissions.can_manage_document(user, document)
        context["can_edit"] = permissions.can_edit_document(user, document)
        return context


class SectieCreateView(RequiresMixin, FormView):
    template_name = "visie/sectie_form.html"
    form_class = SectieCreateForm

    def dispatch(self, request, *args, **kwargs):
        self.document = get_object_or_404(VisieDocument, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self, user) -> bool:
        return permissions.can_manage_document(user, self.document)

    def get_context_data(self, **kwargs):
        return super().get_context_data(document=self.document, **kwargs)

    def form_valid(self, form):
        try:
            sectie = services.sectie_create(
                user=self.request.user, document=self.document, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The section has been added."))
        return redirect(sectie)


def sectie_or_404(pk: int) -> Sectie:
    return get_object_or_404(
        Sectie.objects.select_related("document", "penvoerder", "current_revisie"),
        pk=pk,
    )


class SectieDetailView(RequiresMixin, DetailView):
    template_name = "visie/sectie_detail.html"
    context_object_name = "sectie"

    permission = permissions.can_read_drafts

    def get_queryset(self):
        return Sectie.objects.select_related(
            "document",
            "penvoerder",
            "current_revisie__author",
            "current_revisie__organisation",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, **sectie_context(self.request, self.object)}


def sectie_context(request: HttpRequest, sectie: Sectie) -> dict:
    user = request.user
    threads = selectors.threads_of(sectie, user)
    record_shown(
        actor=user,
        objects=[o for t in threads for o in [t, *getattr(t, "visible_replies", [])]],
        request=request,
        what=f"opmerkingen bij {sectie}"[:255],
    )
    return {
        "sectie": sectie,
        "document": sectie.document,
        "threads": threads,
        "citaties": selectors.citaties_of(sectie, user),
        "opbrengsten": selectors.opbrengsten_of(sectie, user),
        "open_drafts": selectors.open_drafts_of(sectie, user),
        "can_edit": permissions.can_edit_sectie(user, sectie),
        "can_comment": permissions.can_comment_on_sectie(user, sectie),
        "can_manage": permissions.can_manage_document(user, sectie.document),
        "comment_form": OpmerkingForm(),
        "forget_local_copies": local_copies_to_forget(request),
    }


class SectieHistoryView(RequiresMixin, ListView):
    template_name = "visie/sectie_history.html"
    context_object_name = "revisies"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        self.sectie = sectie_or_404(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    permission = permissions.can_read_drafts

    def get_queryset(self):
        return selectors.revisies_of(self.sectie)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sectie=self.sectie,
            document=self.sectie.document,
            can_edit=permissions.can_edit_sectie(self.request.user, self.sectie),
            **kwargs,
        )


@require_POST
def revisie_restore(request: HttpRequest, pk: int) -> HttpResponse:
    revisie = get_object_or_404(
        Revisie.objects.select_related("sectie__document"), pk=pk
    )
    if not permissions.can_edit_sectie(request.user, revisie.sectie):
        raise PermissionDenied
    try:
        result = services.revisie_restore(revisie=revisie, user=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("visie:sectie_history", pk=revisie.sectie_id)
    messages.success(
        request,
        _("Revision %(number)s is the current text again (as revision %(new)s).")
        % {"number": revisie.number, "new": result.revisie.number},
    )
    return redirect(revisie.sectie)


class SectieCompareView(RequiresMixin, TemplateView):
    """A word-level diff between two revisions of one section."""

    template_name = "visie/sectie_compare.html"

    def dispatch(self, request, *args, **kwargs):
        self.sectie = sectie_or_404(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    permission = permissions.can_read_drafts

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        revisies = list(
            self.sectie.revisies.select_related("author").order_by("-number")
        )
        by_number = {r.number: r for r in revisies}
        newest = revisies[0] if revisies else None
        a = by_number.get(_int(self.request.GET.get("a")))
        b = by_number.get(_int(self.request.GET.get("b")))
        if b is None:
            b = newest
        if a is None and b is not None:
            a = next((r for r in revisies if r.number < b.number), b)
        context.update(
            sectie=self.sectie,
            document=self.sectie.document,
            revisies=revisies,
            a=a,
            b=b,
            diff=word_diff(a.text, b.text) if a and b else "",
        )
        return context


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def render_sectie_with_forms(
    request: HttpRequest, sectie: Sectie, **forms
) -> HttpResponse:
    context = sectie_context(request, sectie)
    context.update(forms)
    return render(request, "visie/sectie_detail.html", context)


def sectie_url(sectie: Sectie, anchor: str = "") -> str:
    url = reverse("visie:sectie_detail", kwargs={"pk": sectie.pk})
    return f"{url}#{anchor}" if anchor else url


@require_POST
def sectie_move(request: HttpRequest, pk: int) -> HttpResponse:
    sectie = sectie_or_404(pk)
    services.sectie_move(
        sectie=sectie, user=request.user, up=request.POST.get("richting") == "omhoog"
    )
    return redirect(sectie.document)


class SectieSettingsView(RequiresMixin, FormView):
    template_name = "visie/sectie_settings.html"
    form_class = SectieSettingsForm

    def dispatch(self, request, *args, **kwargs):
        self.sectie = sectie_or_404(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self, user) -> bool:
        return permissions.can_manage_document(user, self.sectie.document)

    def get_initial(self):
        return {"title": self.sectie.title, "penvoerder": self.sectie.penvoerder}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sectie=self.sectie, document=self.sectie.document, **kwargs
        )

    def form_valid(self, form):
        try:
            services.sectie_update(
                sectie=self.sectie, user=self.request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The section has been saved."))
        return redirect(self.sectie)

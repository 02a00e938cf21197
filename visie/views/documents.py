"""The document, its sections, revisions and comparisons."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView, TemplateView

from core.audit.services import record_shown
from core.views import RequiresMixin
from visie import permissions, selectors, services
from visie.forms import (
    DocumentForm,
    OpmerkingForm,
    SectieCreateForm,
    SectieEditForm,
    SectieSettingsForm,
)
from visie.models import Revisie, Sectie, VisieDocument
from visie.text import word_diff
from visie.views.common import flash_errors


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
        document = services.document_create(user=self.request.user, **form.cleaned_data)
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


def _sectie_or_404(pk: int) -> Sectie:
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
    }


class SectieEditView(RequiresMixin, FormView):
    template_name = "visie/sectie_edit.html"
    form_class = SectieEditForm

    def dispatch(self, request, *args, **kwargs):
        self.sectie = _sectie_or_404(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    permission = permissions.can_draft

    def get(self, request, *args, **kwargs):
        if self.sectie.document.is_read_only:
            messages.error(request, _read_only_message())
            return redirect(self.sectie)
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"text": self.sectie.text, "base": self.sectie.current_revisie_id}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sectie=self.sectie, document=self.sectie.document, **kwargs
        )

    def form_valid(self, form):
        # A draft already settled (a double submit) is simply not settled again.
        draft = (
            _own_open_drafts(self.request.user, self.sectie)
            .filter(pk=form.cleaned_data.get("draft") or 0)
            .first()
        )
        try:
            result = services.sectie_save(
                sectie=self.sectie,
                user=self.request.user,
                text=form.cleaned_data["text"],
                message=form.cleaned_data["message"],
                base_revisie_id=form.cleaned_data["base"],
                settles=draft,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        if not result.applied:
            messages.warning(
                self.request,
                _(
                    "Someone else saved this section while you were editing. Your "
                    "text has not been lost: it is kept as a draft. Merge it below "
                    "and save again."
                ),
            )
            return redirect(
                "visie:sectie_merge", pk=self.sectie.pk, draft_pk=result.revisie.pk
            )
        messages.success(self.request, _("The section has been saved."))
        return redirect(self.sectie)


def _read_only_message() -> str:
    return _("This vision has been adopted and can no longer be changed.")


def _own_open_drafts(user, sectie: Sectie):
    return selectors.open_drafts_of(sectie, user)


def _own_open_draft(user, sectie: Sectie, pk: int) -> Revisie:
    draft = _own_open_drafts(user, sectie).filter(pk=pk).first()
    if draft is None:
        raise Http404
    return draft


class SectieMergeView(RequiresMixin, TemplateView):
    """Their text, the current text and the difference, and a form to merge."""

    template_name = "visie/sectie_merge.html"

    def dispatch(self, request, *args, **kwargs):
        self.sectie = _sectie_or_404(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    permission = permissions.can_draft

    def get(self, request, *args, **kwargs):
        if self.sectie.document.is_read_only:
            messages.error(request, _read_only_message())
            return redirect(self.sectie)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        draft = _own_open_draft(self.request.user, self.sectie, self.kwargs["draft_pk"])
        current = self.sectie.current_revisie
        current_text = current.text if current else ""
        form = SectieEditForm(
            initial={
                "text": draft.text,
                "base": self.sectie.current_revisie_id,
                "draft": draft.pk,
                "message": draft.message,
            }
        )
        current_author = current.author if current else None
        context.update(
            sectie=self.sectie,
            document=self.sectie.document,
            draft=draft,
            current=current,
            current_author=current_author,
            current_text=current_text,
            diff=word_diff(current_text, draft.text),
            form=form,
        )
        return context


class SectieHistoryView(RequiresMixin, ListView):
    template_name = "visie/sectie_history.html"
    context_object_name = "revisies"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        self.sectie = _sectie_or_404(kwargs["pk"])
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
        self.sectie = _sectie_or_404(kwargs["pk"])
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
    sectie = _sectie_or_404(pk)
    services.sectie_move(
        sectie=sectie, user=request.user, up=request.POST.get("richting") == "omhoog"
    )
    return redirect(sectie.document)


class SectieSettingsView(RequiresMixin, FormView):
    template_name = "visie/sectie_settings.html"
    form_class = SectieSettingsForm

    def dispatch(self, request, *args, **kwargs):
        self.sectie = _sectie_or_404(kwargs["pk"])
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
        services.sectie_update(
            sectie=self.sectie, user=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, _("The section has been saved."))
        return redirect(self.sectie)

"""The document, its sections, revisions and comparisons."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateformat import time_format
from django.utils.functional import cached_property
from django.utils.text import get_text_list
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView, TemplateView

from core.audit.services import record_shown
from core.views import RequiresMixin, add_form_errors, requires
from visie import permissions, selectors, services
from visie.forms import (
    DocumentForm,
    OpmerkingForm,
    SectieCreateForm,
    SectieEditForm,
    SectieSettingsForm,
)
from visie.models import Revisie, Sectie, VisieDocument
from visie.text import MergeResult, excerpt, three_way_merge, word_diff
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
        "citaties": selectors.citaties_of(sectie),
        "opbrengsten": selectors.opbrengsten_of(sectie),
        "open_drafts": selectors.open_drafts_of(sectie, user),
        "can_edit": permissions.can_edit_sectie(user, sectie),
        "can_comment": permissions.can_comment_on_sectie(user, sectie),
        "can_manage": permissions.can_manage_document(user, sectie.document),
        "comment_form": OpmerkingForm(),
        "forget_local_copies": _local_copies_to_forget(request),
    }


def _presence_context(request: HttpRequest, sectie: Sectie) -> dict:
    """Who else has this section open (and this user noted as having it open)."""
    others = []
    if permissions.can_edit_sectie(request.user, sectie):
        others = services.presence_beat(sectie=sectie, user=request.user)
    return {
        "others": [presence_label(p) for p in others],
        "heartbeat_seconds": services.presence.HEARTBEAT_SECONDS,
    }


_FORGET = "visie_forget_local_copies"


def _forget_local_copy(request: HttpRequest, sectie: Sectie, base: int | None) -> None:
    """Tell the next page that the browser's unsaved copy of this edit is saved."""
    keys = request.session.get(_FORGET, [])
    request.session[_FORGET] = [*keys, f"{sectie.pk}:{base or 0}"][-10:]


def _local_copies_to_forget(request: HttpRequest) -> list[str]:
    return request.session.pop(_FORGET, [])


def merged_message(merged: services.AutoMerge) -> str:
    """Tell the author whose changes were merged in, and which."""
    names = get_text_list(list(merged.colleagues) or [_("someone else")], _("and"))
    message = ngettext(
        "%(names)s saved this section while you were editing. Your changes and "
        "theirs did not overlap, so both have been saved.",
        "%(names)s saved this section while you were editing. Your changes and "
        "theirs did not overlap, so all have been saved.",
        max(len(merged.colleagues), 1),
    ) % {"names": names}
    shown = merged.their_changes[:_CHANGES_SHOWN]
    if not shown:
        return message
    items = [
        (_("added “%(passage)s”") if c.op == "insert" else _("removed “%(passage)s”"))
        % {"passage": excerpt(c.text)}
        for c in shown
    ]
    rest = len(merged.their_changes) - len(shown)
    if rest:
        items.append(
            ngettext("and %(count)s more change", "and %(count)s more changes", rest)
            % {"count": rest}
        )
    return (
        message
        + " "
        + _("Now in the text from %(names)s: %(changes)s.")
        % {"names": names, "changes": "; ".join(items)}
    )


_CHANGES_SHOWN = 3


class SectieSaveMixin:
    """Saving the section form: applied, merged automatically, or to the merge page."""

    sectie: Sectie

    def save(self, form) -> HttpResponse | None:
        """A redirect after the save, or None with the errors on the form."""
        request, sectie = self.request, self.sectie
        # A draft already settled (a double submit) is simply not settled again.
        draft = (
            _own_open_drafts(request.user, sectie)
            .filter(pk=form.cleaned_data.get("draft") or 0)
            .first()
        )
        try:
            result = services.sectie_save(
                sectie=sectie,
                user=request.user,
                text=form.cleaned_data["text"],
                message=form.cleaned_data["message"],
                base_revisie_id=form.cleaned_data["base"],
                settles=draft,
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
            return None
        services.presence_leave(sectie=sectie, user=request.user)
        _forget_local_copy(request, sectie, form.cleaned_data["base"])
        if not result.applied:
            messages.warning(
                request,
                _(
                    "Someone else saved this section while you were editing, and "
                    "you both changed the same passages. Your text has not been "
                    "lost: it is kept as a draft. Merge it below and save again."
                ),
            )
            return redirect(
                "visie:sectie_merge", pk=sectie.pk, draft_pk=result.revisie.pk
            )
        if result.merged is not None:
            messages.success(request, merged_message(result.merged))
        else:
            messages.success(request, _("The section has been saved."))
        return redirect(sectie)


class SectieEditView(SectieSaveMixin, RequiresMixin, FormView):
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
            sectie=self.sectie,
            document=self.sectie.document,
            **_presence_context(self.request, self.sectie),
            **kwargs,
        )

    def form_valid(self, form):
        return self.save(form) or self.form_invalid(form)


def _read_only_message() -> str:
    return _("This vision has been adopted and can no longer be changed.")


def _own_open_drafts(user, sectie: Sectie):
    return selectors.open_drafts_of(sectie, user)


def _own_open_draft(user, sectie: Sectie, pk: int) -> Revisie:
    draft = _own_open_drafts(user, sectie).filter(pk=pk).first()
    if draft is None:
        raise Http404
    return draft


@dataclass(frozen=True)
class Segment:
    text: str
    conflict: int | None = None  # the number of the difference it belongs to


def _segments(merge: MergeResult, side: str) -> list[Segment]:
    """One side's whole text, with the stretches that conflict numbered."""
    segments: list[Segment] = []
    number = 0
    for chunk in merge.chunks:
        text = getattr(chunk, side)
        if chunk.is_conflict:
            number += 1
            segments.append(Segment(text.strip("\n"), number))
        elif segments and segments[-1].conflict is None:
            segments[-1] = Segment(segments[-1].text + text)
        else:
            segments.append(Segment(text))
    return segments


class SectieMergeView(SectieSaveMixin, RequiresMixin, FormView):
    """The base, their text and yours side by side, and a form to merge them.

    The form starts from the three-way merge: every change that does not
    overlap is in it, and every overlapping passage is there twice, theirs
    and yours, between marker lines the author has to resolve.
    """

    template_name = "visie/sectie_merge.html"
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

    @cached_property
    def draft(self) -> Revisie:
        return _own_open_draft(self.request.user, self.sectie, self.kwargs["draft_pk"])

    @cached_property
    def base(self) -> Revisie | None:
        return selectors.merge_base_of(self.sectie, self.draft.base_id)

    @cached_property
    def colleagues(self) -> list[str]:
        since = selectors.saved_since(
            self.sectie, self.base, self.sectie.current_revisie
        )
        return selectors.author_names(since)

    @cached_property
    def merge(self) -> MergeResult:
        return three_way_merge(
            self.base.text if self.base else "", self.sectie.text, self.draft.text
        )

    def get_initial(self):
        names = get_text_list(self.colleagues or [_("someone else")], _("and"))
        text = self.merge.with_markers(
            theirs=_("Version of %(names)s") % {"names": names},
            yours=_("Your version"),
            end=_("End of difference"),
        )
        return {
            "text": text,
            "base": self.sectie.current_revisie_id,
            "draft": self.draft.pk,
            "message": self.draft.message,
        }

    def get_context_data(self, **kwargs):
        current = self.sectie.current_revisie
        return super().get_context_data(
            sectie=self.sectie,
            document=self.sectie.document,
            draft=self.draft,
            base=self.base,
            current=current,
            current_author=current.author if current else None,
            colleagues=get_text_list(self.colleagues, _("and")),
            colleague_count=max(len(self.colleagues), 1),
            conflicts=len(self.merge.conflicts),
            columns=[
                (_("Where you both started"), "base", _segments(self.merge, "base")),
                (
                    _("Version of %(names)s")
                    % {"names": get_text_list(self.colleagues, _("and"))},
                    "theirs",
                    _segments(self.merge, "theirs"),
                ),
                (_("Your version"), "yours", _segments(self.merge, "yours")),
            ],
            forget_local_copies=_local_copies_to_forget(self.request),
            **_presence_context(self.request, self.sectie),
            **kwargs,
        )

    def form_valid(self, form):
        return self.save(form) or self.form_invalid(form)


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


@require_POST
@requires(permissions.can_draft)
def sectie_presence(request: HttpRequest, pk: int) -> HttpResponse:
    """The edit page's heartbeat: note this user, answer who else is editing.

    With "leaving" in the form (sent when the page is closed) the user's
    entry is removed instead.
    """
    sectie = _sectie_or_404(pk)
    if not permissions.can_edit_sectie(request.user, sectie):
        raise PermissionDenied
    if request.POST.get("leaving"):
        services.presence_leave(sectie=sectie, user=request.user)
        return JsonResponse({"others": []})
    others = services.presence_beat(sectie=sectie, user=request.user)
    return JsonResponse({"others": [{"label": presence_label(p)} for p in others]})


def presence_label(presence: services.Presence) -> str:
    since = time_format(localtime(presence.since), "H:i")
    if presence.organisation:
        return _("%(name)s (%(organisation)s), since %(time)s") % {
            "name": presence.name,
            "organisation": presence.organisation,
            "time": since,
        }
    return _("%(name)s, since %(time)s") % {"name": presence.name, "time": since}

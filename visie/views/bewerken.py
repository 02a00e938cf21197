"""Editing a section: the edit form, the merge page and the presence heartbeat."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.dateformat import time_format
from django.utils.functional import cached_property
from django.utils.text import get_text_list
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from core.views import RequiresMixin, add_form_errors, requires
from visie import permissions, selectors, services
from visie.forms import SectieEditForm
from visie.models import Revisie, Sectie
from visie.text import MergeResult, excerpt, three_way_merge
from visie.views.common import forget_local_copy, local_copies_to_forget
from visie.views.documents import sectie_or_404


def _presence_context(request: HttpRequest, sectie: Sectie) -> dict:
    """Who else has this section open (and this user noted as having it open)."""
    others = []
    if permissions.can_edit_sectie(request.user, sectie):
        others = services.presence_beat(sectie=sectie, user=request.user)
    return {
        "others": [presence_label(p) for p in others],
        "heartbeat_seconds": services.presence.HEARTBEAT_SECONDS,
    }


_CHANGES_SHOWN = 3


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
                personal_data_confirmed=form.cleaned_data.get(
                    "personal_data_confirmed", False
                ),
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
            return None
        services.presence_leave(sectie=sectie, user=request.user)
        forget_local_copy(request, sectie, form.cleaned_data["base"])
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
        self.sectie = sectie_or_404(kwargs["pk"])
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
        self.sectie = sectie_or_404(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    permission = permissions.can_draft

    def get(self, request, *args, **kwargs):
        if self.sectie.document.is_read_only:
            messages.error(request, _read_only_message())
            return redirect(self.sectie)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        # Only one's own draft; a settled one still saves (a double submit).
        own = self.sectie.revisies.filter(
            pk=self.kwargs["draft_pk"], author=request.user, is_draft=True
        )
        if not own.exists():
            raise Http404
        return super().post(request, *args, **kwargs)

    @cached_property
    def draft(self) -> Revisie:
        return _own_open_draft(self.request.user, self.sectie, self.kwargs["draft_pk"])

    @cached_property
    def base(self) -> Revisie | None:
        return selectors.merge_base_of(self.sectie, self.draft.base_id)

    @cached_property
    def colleagues(self) -> list[str]:
        """Who saved the section since the draft's base."""
        since = selectors.saved_since(
            self.sectie, self.base, self.sectie.current_revisie
        )
        return selectors.author_names(since)

    @cached_property
    def their_names(self) -> str:
        return get_text_list(self.colleagues or [_("someone else")], _("and"))

    @cached_property
    def merge(self) -> MergeResult:
        return three_way_merge(
            self.base.text if self.base else "", self.sectie.text, self.draft.text
        )

    def get_initial(self):
        text = self.merge.with_markers(
            theirs=_("Version of %(names)s") % {"names": self.their_names},
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
            colleagues=self.their_names,
            colleague_count=max(len(self.colleagues), 1),
            conflicts=len(self.merge.conflicts),
            columns=[
                (_("Where you both started"), "base", _segments(self.merge, "base")),
                (
                    _("Version of %(names)s") % {"names": self.their_names},
                    "theirs",
                    _segments(self.merge, "theirs"),
                ),
                (_("Your version"), "yours", _segments(self.merge, "yours")),
            ],
            forget_local_copies=local_copies_to_forget(self.request),
            **_presence_context(self.request, self.sectie),
            **kwargs,
        )

    def form_valid(self, form):
        return self.save(form) or self.form_invalid(form)


@require_POST
@requires(permissions.can_draft)
def sectie_presence(request: HttpRequest, pk: int) -> HttpResponse:
    """The edit page's heartbeat: note this user, answer who else is editing.

    With "leaving" in the form (sent when the page is closed) the user's
    entry is removed instead.
    """
    sectie = sectie_or_404(pk)
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

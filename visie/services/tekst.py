"""Documents, sections and their revisions, with optimistic concurrency."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.privacy import check_fields
from partners.models import Organisation, User
from visie import permissions, selectors
from visie.models import Revisie, Sectie, VisieDocument
from visie.models.document import validate_text_size
from visie.text import (
    Change,
    diff,
    has_conflict_markers,
    normalize_newlines,
    three_way_merge,
)


@dataclass(frozen=True)
class AutoMerge:
    """A save that raced others' saves and was merged with them automatically.

    colleagues: who saved in the meantime; their_changes: the passages they
    added or removed, all of which are in the merged text.
    """

    colleagues: tuple[str, ...]
    their_changes: tuple[Change, ...]


@dataclass(frozen=True)
class SaveResult:
    """applied is False when someone else saved first and the edits overlap:
    revisie is then a draft to merge by hand. merged says what was merged in
    when the edits did not overlap."""

    revisie: Revisie
    applied: bool
    merged: AutoMerge | None = None


def conflict_markers_error() -> ValidationError:
    return ValidationError(
        {
            "text": ValidationError(
                _(
                    "The text still contains merge markers (lines starting with "
                    "<<<<<<<, ======= or >>>>>>>). For each difference, keep what "
                    "should stay, remove the rest and the marker lines, and save "
                    "again. Nothing has been saved yet."
                ),
                code="conflict_markers",
            )
        }
    )


def _read_only_error() -> ValidationError:
    return ValidationError(
        _("This vision has been adopted and can no longer be changed."),
        code="read_only",
    )


def _organisation_of(user: User) -> Organisation:
    organisation = permissions.acting_organisation(user)
    if organisation is None:
        raise PermissionDenied
    return organisation


def document_create(
    *,
    user: User,
    title: str,
    summary: str = "",
    personal_data_confirmed: bool = False,
) -> VisieDocument:
    if not permissions.can_manage(user):
        raise PermissionDenied
    check_fields(
        {"title": title, "summary": summary}, confirmed=personal_data_confirmed
    )
    base = slugify(title)[:70] or "visie"
    slug, n = base, 1
    while VisieDocument.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    document = VisieDocument(title=title.strip(), slug=slug, summary=summary)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def sectie_create(
    *,
    user: User,
    document: VisieDocument,
    title: str,
    penvoerder: Organisation,
    text: str = "",
    personal_data_confirmed: bool = False,
) -> Sectie:
    if not permissions.can_manage(user):
        raise PermissionDenied
    check_fields({"title": title, "text": text}, confirmed=personal_data_confirmed)
    document = VisieDocument.objects.select_for_update().get(pk=document.pk)
    if document.is_read_only:
        raise _read_only_error()
    position = (document.secties.aggregate(m=Max("position"))["m"] or 0) + 1
    sectie = Sectie(
        document=document, position=position, title=title, penvoerder=penvoerder
    )
    sectie.full_clean()
    sectie.save()
    if text:
        sectie_save(
            sectie=sectie,
            user=user,
            text=text,
            message=_("First text"),
            base_revisie_id=None,
            personal_data_confirmed=personal_data_confirmed,
        )
        sectie.refresh_from_db()
    return sectie


def _next_number(sectie: Sectie) -> int:
    return (sectie.revisies.aggregate(m=Max("number"))["m"] or 0) + 1


def sectie_save(
    *,
    sectie: Sectie,
    user: User,
    text: str,
    message: str,
    base_revisie_id: int | None,
    settles: Revisie | None = None,
    restored_from: Revisie | None = None,
    personal_data_confirmed: bool = False,
) -> SaveResult:
    """Save a new text for a section, merging it with saves made since it was read.

    The form carries the revision the editor started from. If that is still
    the current one, the text becomes current. Otherwise the editor's changes
    and the ones saved meanwhile are merged against that revision (ADR 0204):
    if they do not overlap, the merged text becomes current, and the text as
    typed is kept in the history as a merged draft; if they overlap, the text
    is kept as a draft revision and nothing is applied: the editor merges on
    the merge page and saves again.
    """
    if not permissions.can_edit_sectie(user, sectie):
        if sectie.document.is_read_only:
            raise _read_only_error()
        raise PermissionDenied
    text = normalize_newlines(text)
    validate_text_size(text)
    check_fields({"text": text, "message": message}, confirmed=personal_data_confirmed)
    if has_conflict_markers(text):
        raise conflict_markers_error()
    organisation = _organisation_of(user)
    with transaction.atomic():
        # The row lock serialises saves of one section: whoever gets it first
        # wins, the other sees a changed current revision. The current
        # revision is read after the lock, not joined into it: a waiting
        # PostgreSQL transaction re-reads the locked row but keeps the joined
        # rows of its first snapshot, where the winner's revision is missing.
        locked = (
            Sectie.objects.select_for_update(of=("self",))
            .select_related("document")
            .get(pk=sectie.pk)
        )
        if locked.document.is_read_only:
            raise _read_only_error()
        current = locked.current_revisie
        applied = locked.current_revisie_id == base_revisie_id
        if current and current.text == text:
            # Nothing new (a form sent back unchanged, or sent twice).
            _settle(settles)
            return SaveResult(current, applied=True)
        revision = {
            "sectie": locked,
            "author": user,
            "organisation": organisation,
            "message": message.strip()[:200],
        }
        if not applied and restored_from is None:
            merged = _merge_with_current(locked, text, base_revisie_id)
            if merged is not None:
                result = _save_merged(locked, revision, text, base_revisie_id, *merged)
                _settle(settles)
                return result
        revisie = Revisie(
            number=_next_number(locked),
            text=text,
            base_id=base_revisie_id,
            restored_from=restored_from,
            is_draft=not applied,
            **revision,
        )
        revisie.full_clean()
        revisie.save()
        if applied:
            locked.current_revisie = revisie
            locked.save(update_fields=["current_revisie"])
        # A merge that loses another race carries the earlier draft's text
        # forward into the new draft, so the earlier one is settled either way.
        _settle(settles)
        return SaveResult(revisie, applied=applied)


def _merge_with_current(
    locked: Sectie, text: str, base_revisie_id: int | None
) -> tuple[str, AutoMerge] | None:
    """The merged text and what was merged in, or None if the edits overlap."""
    current = locked.current_revisie
    base = selectors.merge_base_of(locked, base_revisie_id)
    if current is None or (base_revisie_id and base is None):
        return None
    base_text = base.text if base else ""
    merge = three_way_merge(base_text, current.text, text)
    if not merge.clean:
        return None
    report = AutoMerge(
        colleagues=tuple(
            selectors.author_names(selectors.saved_since(locked, base, current))
        ),
        their_changes=tuple(
            c for c in diff(base_text, current.text) if c.op != "equal"
        ),
    )
    return merge.text, report


def _save_merged(
    locked: Sectie,
    revision: dict,
    typed: str,
    base_revisie_id: int | None,
    merged_text: str,
    report: AutoMerge,
) -> SaveResult:
    current = locked.current_revisie
    if merged_text == current.text:
        # Everything typed was already in the current text.
        return SaveResult(current, applied=True, merged=report)
    number = _next_number(locked)
    # The text as typed stays in the history, next to what it became.
    kept = Revisie(
        number=number,
        text=typed,
        base_id=base_revisie_id,
        is_draft=True,
        draft_settled_at=timezone.now(),
        **revision,
    )
    kept.full_clean()
    kept.save()
    note = _("merged with revision %(number)s") % {"number": current.number}
    message = revision["message"]
    message = f"{message[: 197 - len(note)]} ({note})" if message else note
    revisie = Revisie(
        number=number + 1,
        text=merged_text,
        base=current,
        is_draft=False,
        **{**revision, "message": message[:200]},
    )
    revisie.full_clean()
    revisie.save()
    locked.current_revisie = revisie
    locked.save(update_fields=["current_revisie"])
    return SaveResult(revisie, applied=True, merged=report)


def _settle(draft: Revisie | None) -> None:
    if draft is not None and draft.is_open_draft:
        draft.draft_settled_at = timezone.now()
        draft.save(update_fields=["draft_settled_at"])


def revisie_restore(*, revisie: Revisie, user: User) -> SaveResult:
    """Make an old text current again, as a new revision; history stays intact."""
    if revisie.is_draft:
        raise ValidationError(_("A draft cannot be restored; merge it instead."))
    sectie = revisie.sectie
    current_id = Sectie.objects.values_list("current_revisie_id", flat=True).get(
        pk=sectie.pk
    )
    return sectie_save(
        sectie=sectie,
        user=user,
        text=revisie.text,
        message=_("Restored revision %(number)s") % {"number": revisie.number},
        base_revisie_id=current_id,
        restored_from=revisie,
        # Confirmed when it was first saved; a BSN is refused all the same.
        personal_data_confirmed=True,
    )


@transaction.atomic
def sectie_move(*, sectie: Sectie, user: User, up: bool) -> Sectie:
    """Swap a section with its neighbour, keeping positions unique."""
    if not permissions.can_manage_document(user, sectie.document):
        raise PermissionDenied
    document = VisieDocument.objects.select_for_update().get(pk=sectie.document_id)
    secties = list(document.secties.order_by("position"))
    index = next(i for i, s in enumerate(secties) if s.pk == sectie.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(secties):
        return sectie
    this, other = secties[index], secties[other_index]
    this_position, other_position = this.position, other.position
    # Park one row outside the range so the unique constraint holds mid-swap.
    this.position = 0
    this.save(update_fields=["position"])
    other.position = this_position
    other.save(update_fields=["position"])
    this.position = other_position
    this.save(update_fields=["position"])
    return this


def sectie_update(
    *,
    sectie: Sectie,
    user: User,
    title: str,
    penvoerder: Organisation,
    personal_data_confirmed: bool = False,
) -> Sectie:
    """Rename a section or hand it to another penvoerder (the text is a revision)."""
    if not permissions.can_manage_document(user, sectie.document):
        if sectie.document.is_read_only:
            raise _read_only_error()
        raise PermissionDenied
    check_fields({"title": title}, confirmed=personal_data_confirmed)
    sectie.title = title.strip()
    sectie.penvoerder = penvoerder
    sectie.full_clean()
    sectie.save(update_fields=["title", "penvoerder"])
    return sectie

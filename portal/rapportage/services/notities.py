"""A raadslid's notes on a published report: private unless shared with raadsleden.

Nothing here writes to the audit trail: the trail is read by beheer, and a
note is nobody's business but its author's (and, once shared, the raad's).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.privacy import check_personal_data
from portal.rapportage import permissions
from portal.rapportage.models import Notitie, Rapport


@transaction.atomic
def notitie_create(
    *,
    rapport: Rapport,
    author,
    text: str,
    page: int | None = None,
    passage: str = "",
    shared: bool = False,
    personal_data_confirmed: bool = False,
) -> Notitie:
    if not permissions.can_keep_notes(author, rapport):
        raise PermissionDenied
    try:
        check_personal_data(text, confirmed=personal_data_confirmed)
    except ValidationError as exc:
        raise ValidationError({"text": exc.messages}, code=exc.code) from exc
    notitie = Notitie(
        rapport=rapport,
        author=author,
        page=page,
        passage=(passage or "").strip(),
        text=(text or "").strip(),
        shared=bool(shared),
    )
    notitie.full_clean(exclude=["rapport", "author"])
    notitie.save()
    return notitie


def notitie_share(*, notitie: Notitie, by, shared: bool) -> Notitie:
    """Share a note with the other raadsleden, or take it back."""
    if notitie.author_id != by.pk or not permissions.reads_notes(by):
        raise PermissionDenied
    Notitie.objects.filter(pk=notitie.pk).update(shared=bool(shared))
    notitie.refresh_from_db()
    return notitie


def notitie_delete(*, notitie: Notitie, by) -> None:
    if notitie.author_id != by.pk or not permissions.reads_notes(by):
        raise PermissionDenied
    notitie.delete()

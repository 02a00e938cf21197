"""The college's letter in a raadsinformatiebrief: written, then rendered again."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit.services import Action, record
from core.privacy import check_personal_data
from portal.rapportage import permissions
from portal.rapportage.models import Raadsinformatiebrief, Rapport
from portal.rapportage.services.rapporten import rapport_rerender


@transaction.atomic
def brief_save(
    *,
    rapport: Rapport,
    by,
    kenmerk: str,
    date: date,
    text: str,
    burgemeester: str,
    secretaris: str,
    burgemeester_functie: str = "burgemeester",
    secretaris_functie: str = "secretaris",
    personal_data_confirmed: bool = False,
) -> Raadsinformatiebrief:
    """Write or revise the letter of an unpublished report and render it again.

    The report row is locked, so a publication at the same moment either
    comes first (then the letter is refused) or waits for the new render.
    """
    locked = Rapport.objects.select_for_update().get(pk=rapport.pk)
    if locked.is_published:
        raise ValidationError(
            _(
                "A published letter cannot be changed. Correct the report "
                "instead; the correction carries a copy of the letter."
            )
        )
    if not permissions.can_edit_brief(by, locked):
        raise PermissionDenied
    try:
        check_personal_data(text, confirmed=personal_data_confirmed)
    except ValidationError as exc:
        raise ValidationError({"text": exc.messages}, code=exc.code) from exc
    brief = Raadsinformatiebrief.objects.filter(rapport=locked).first()
    created = brief is None
    if created:
        brief = Raadsinformatiebrief(rapport=locked)
    before = None if created else _letter_fields(brief)
    brief.kenmerk = " ".join((kenmerk or "").split())
    brief.date = date
    brief.text = (text or "").strip()
    brief.burgemeester = " ".join((burgemeester or "").split())
    brief.burgemeester_functie = (
        " ".join((burgemeester_functie or "").split()) or "burgemeester"
    )
    brief.secretaris = " ".join((secretaris or "").split())
    brief.secretaris_functie = (
        " ".join((secretaris_functie or "").split()) or "secretaris"
    )
    if before is not None and _letter_fields(brief) == before:
        # Saved unchanged: nothing to write, render or record.
        return brief
    brief.written_by = by
    brief.full_clean(exclude=["rapport", "written_by"])
    brief.save()
    rapport_rerender(rapport=locked)
    record(
        actor=by,
        action=Action.CREATE if created else Action.CHANGE,
        obj=brief,
        details={"rapport": str(locked.uid), "kenmerk": brief.kenmerk},
    )
    return brief


_LETTER_FIELDS = (
    "kenmerk",
    "date",
    "text",
    "burgemeester",
    "burgemeester_functie",
    "secretaris",
    "secretaris_functie",
)


def _letter_fields(brief: Raadsinformatiebrief) -> tuple:
    return tuple(getattr(brief, name) for name in _LETTER_FIELDS)

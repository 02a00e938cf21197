"""Report rows in a given state, without rendering (for access and list tests)."""

import hashlib
from datetime import date

from django.core.files.base import ContentFile
from django.utils import timezone

from portal.rapportage.models import Audience, Raadsinformatiebrief, Rapport

TINY_PDF = b"%PDF-1.7\n% test\n"


def make_rapport(
    *,
    requested_by,
    kind: str = "voortgang",
    audience: str = Audience.RAAD,
    status: str = Rapport.Status.KLAAR,
    title: str = "Voortgangsrapportage Buurtaanpak",
    gebied=None,
    published_by=None,
    published_at=None,
    brief: bool | None = None,
) -> Rapport:
    """A report row; a raadsinformatiebrief (kind voortgang) gets the college's
    letter unless `brief=False`, as every published one has."""
    rapport = Rapport(
        kind=kind,
        audience=audience,
        status=status,
        title=title,
        gebied=gebied,
        requested_by=requested_by,
        attempts=1,
    )
    if status == Rapport.Status.KLAAR:
        rapport.file.save(f"{rapport.uid}.pdf", ContentFile(TINY_PDF), save=False)
        rapport.sha256 = hashlib.sha256(TINY_PDF).hexdigest()
        rapport.page_count = 1
        rapport.finished_at = timezone.now()
    if status == Rapport.Status.MISLUKT:
        rapport.error = "Het rapport kon niet worden gemaakt."
    if published_by is not None:
        rapport.published_by = published_by
        rapport.published_at = published_at or timezone.now()
    rapport.save()
    if brief if brief is not None else kind == "voortgang":
        make_brief(rapport)
    return rapport


def make_brief(rapport: Rapport, **fields) -> Raadsinformatiebrief:
    values = {
        "kenmerk": "Z-2026-00412",
        "date": date(2026, 11, 24),
        "text": "Met deze brief informeren wij u over de Buurtaanpak.",
        "burgemeester": "J. van der Linden",
        "secretaris": "A.M. Verhoef",
        **fields,
    }
    return Raadsinformatiebrief.objects.create(rapport=rapport, **values)

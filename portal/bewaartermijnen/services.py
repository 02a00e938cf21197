"""Anonymise signalen and comments past their retention period.

Legal basis (see docs/security.md): AVG art. 5(1)(e) (storage limitation)
and the Archiefwet selection list. Only free text and author links go; the
gebied, thema, soort, date, classification and organisation stay, so counts
and trends in scans and reports keep adding up. The names and e-mail
addresses of residents who signed up on a public session page go a week after
the session, through the sessies service that owns them.
"""

from dataclasses import dataclass
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.audit.services import Action, record
from scans.models import Signaal
from sessies.services import gegevens_wissen
from visie.models import Opmerking

MARKER = "[Geanonimiseerd na afloop van de bewaartermijn]"


@dataclass(frozen=True)
class RetentionReport:
    cutoff: datetime
    signalen: int
    opmerkingen: int
    dry_run: bool
    # Residents who signed up on a public session page: name and e-mail go a
    # week after the session (sessies.services.publiek.BEWAARTERMIJN).
    aanmeldingen: int = 0


def cutoff(now: datetime | None = None, months: int | None = None) -> datetime:
    months = settings.RETENTION_MONTHS if months is None else months
    return (now or timezone.now()) - relativedelta(months=months)


def signalen_due(before: datetime):
    # Already anonymised rows carry the marker and no author: never touched twice.
    return Signaal.objects.filter(created_at__lt=before).exclude(
        text=MARKER, author__isnull=True
    )


def opmerkingen_due(before: datetime):
    return Opmerking.objects.filter(created_at__lt=before).exclude(
        text=MARKER, quote=""
    )


def anonymise(
    *, dry_run: bool, now: datetime | None = None, months: int | None = None
) -> RetentionReport:
    """Anonymise what is due, or with dry_run only count it."""
    before = cutoff(now, months)
    signalen = signalen_due(before)
    opmerkingen = opmerkingen_due(before)
    if dry_run:
        return RetentionReport(
            before,
            signalen.count(),
            opmerkingen.count(),
            True,
            gegevens_wissen(now=now, dry_run=True),
        )
    with transaction.atomic():
        # Queryset updates on purpose: history rows and save() signals would
        # only copy the text that has to disappear.
        n_signalen = signalen.update(text=MARKER, author=None, point=None)
        n_opmerkingen = opmerkingen.update(text=MARKER, quote="")
        n_aanmeldingen = gegevens_wissen(now=now)
        if n_signalen or n_opmerkingen or n_aanmeldingen:
            record(
                actor=None,
                action=Action.CHANGE,
                object_type="bewaartermijnen.anonimisering",
                label=f"bewaartermijn verstreken vóór {before:%Y-%m-%d}",
                details={
                    "cutoff": before.isoformat(),
                    "signalen": n_signalen,
                    "opmerkingen": n_opmerkingen,
                    "aanmeldingen": n_aanmeldingen,
                },
            )
    return RetentionReport(before, n_signalen, n_opmerkingen, False, n_aanmeldingen)

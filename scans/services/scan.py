"""Writes about scans: the status workflow, corrections, measurements, judgements."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.policy import Rubricering
from core.privacy import check_fields
from scans import permissions
from scans.models import (
    Gebied,
    Gebiedsscan,
    Indicator,
    Meting,
    Oordeel,
    ScanRonde,
    Thema,
)


def _read_only_error() -> ValidationError:
    return ValidationError(
        _(
            "This scan has been adopted and can no longer be changed. "
            "Make a correction to change it."
        ),
        code="read_only",
    )


def scan_create(*, user, gebied: Gebied, ronde: ScanRonde) -> Gebiedsscan:
    if not permissions.can_record(user):
        raise PermissionDenied
    if not gebied.is_scan_area:
        raise ValidationError(
            _("Scans are made for buurten and straatclusters only."), code="level"
        )
    if Gebiedsscan.objects.filter(gebied=gebied, ronde=ronde).exists():
        raise ValidationError(
            _("%(gebied)s already has a scan in %(ronde)s.")
            % {"gebied": gebied.name, "ronde": ronde.name},
            code="exists",
        )
    scan = Gebiedsscan(gebied=gebied, ronde=ronde, created_by=user)
    scan.full_clean()
    scan.save()
    return scan


def scan_submit(*, user, scan: Gebiedsscan) -> Gebiedsscan:
    """concept -> in review."""
    if scan.is_read_only:
        raise _read_only_error()
    if not permissions.can_edit_scan(user, scan):
        raise PermissionDenied
    if scan.status != Gebiedsscan.Status.CONCEPT:
        raise ValidationError(_("Only a draft can be sent for review."), code="status")
    if not scan.metingen.exists():
        raise ValidationError(
            _("Add at least one measurement before sending the scan for review."),
            code="empty",
        )
    scan.status = Gebiedsscan.Status.REVIEW
    scan.save(update_fields=["status"])
    return scan


def scan_reopen(*, user, scan: Gebiedsscan) -> Gebiedsscan:
    """in review -> concept, when the review finds something to change."""
    if scan.is_read_only:
        raise _read_only_error()
    if not permissions.can_edit_scan(user, scan):
        raise PermissionDenied
    if scan.status != Gebiedsscan.Status.REVIEW:
        raise ValidationError(_("Only a scan in review can go back to draft."))
    scan.status = Gebiedsscan.Status.CONCEPT
    scan.save(update_fields=["status"])
    return scan


def scan_adopt(*, user, scan: Gebiedsscan) -> Gebiedsscan:
    """in review -> vastgesteld. From then on the scan is read-only."""
    if scan.is_read_only:
        raise _read_only_error()
    if not permissions.can_adopt_scan(user, scan):
        raise PermissionDenied
    if scan.status != Gebiedsscan.Status.REVIEW:
        raise ValidationError(
            _("A scan must be in review before it can be adopted."), code="status"
        )
    scan.status = Gebiedsscan.Status.VASTGESTELD
    scan.vastgesteld_at = timezone.now()
    scan.vastgesteld_by = user
    scan.save(update_fields=["status", "vastgesteld_at", "vastgesteld_by"])
    return scan


@transaction.atomic
def scan_correct(
    *, user, scan: Gebiedsscan, reden: str, personal_data_confirmed: bool = False
) -> Gebiedsscan:
    """A correction of an adopted scan: a new draft version with copied values.

    The adopted version stays as it was; the history shows both.
    """
    scan = Gebiedsscan.objects.select_for_update().get(pk=scan.pk)
    if not permissions.can_correct_scan(user, scan):
        raise PermissionDenied
    if not reden.strip():
        raise ValidationError({"reden": _("Say why the scan needs a correction.")})
    check_fields({"reden": reden}, confirmed=personal_data_confirmed)
    scan.is_actueel = False
    scan.save(update_fields=["is_actueel"])
    new = Gebiedsscan(
        gebied=scan.gebied,
        ronde=scan.ronde,
        versie=scan.versie + 1,
        vorige=scan,
        samenvatting=scan.samenvatting,
        correctie_reden=reden.strip(),
        created_by=user,
    )
    new.full_clean()
    new.save()
    for m in scan.metingen.all():
        m.pk = None
        m.scan = new
        m.save()
    for o in scan.oordelen.all():
        o.pk = None
        o.scan = new
        o.save()
    return new


def meting_save(
    *,
    user,
    scan: Gebiedsscan,
    indicator: Indicator,
    value: Decimal,
    gemeten_op: date,
    bron: str = "",
    respondenten: int | None = None,
    note: str = "",
    rubricering: str = Rubricering.ORGANISATIE,
    meting: Meting | None = None,
    personal_data_confirmed: bool = False,
) -> Meting:
    """Add a measurement, or change one (pass meting)."""
    if scan.is_read_only:
        raise _read_only_error()
    if not permissions.can_edit_scan(user, scan):
        raise PermissionDenied
    check_fields({"bron": bron, "note": note}, confirmed=personal_data_confirmed)
    organisation = permissions.acting_organisation(user)
    duplicate = scan.metingen.filter(indicator=indicator)
    if meting is not None:
        duplicate = duplicate.exclude(pk=meting.pk)
    if duplicate.exists():
        raise ValidationError(
            {
                "indicator": _(
                    "This scan already has a measurement for %(indicator)s; "
                    "change that one instead."
                )
                % {"indicator": indicator.name}
            },
            code="duplicate",
        )
    meting = meting or Meting(scan=scan, created_by=user, organisation=organisation)
    meting.indicator = indicator
    meting.value = value
    meting.gemeten_op = gemeten_op
    meting.bron = bron.strip()
    meting.respondenten = respondenten
    meting.note = note.strip()
    meting.rubricering = rubricering
    meting.full_clean()
    try:
        with transaction.atomic():
            meting.save()
    except IntegrityError as exc:  # a simultaneous duplicate
        raise ValidationError(
            {"indicator": _("This scan already has a measurement for this indicator.")}
        ) from exc
    return meting


def oordeel_save(
    *,
    user,
    scan: Gebiedsscan,
    thema: Thema,
    score: int,
    toelichting: str,
    rubricering: str,
    personal_data_confirmed: bool = False,
) -> Oordeel:
    """A partner's judgement of a theme; a second one replaces the first."""
    if scan.is_read_only:
        raise _read_only_error()
    if not permissions.can_edit_scan(user, scan):
        raise PermissionDenied
    check_fields({"toelichting": toelichting}, confirmed=personal_data_confirmed)
    organisation = permissions.acting_organisation(user)
    oordeel = Oordeel.objects.filter(
        scan=scan, thema=thema, organisation=organisation
    ).first() or Oordeel(scan=scan, thema=thema, organisation=organisation)
    oordeel.score = score
    oordeel.toelichting = toelichting.strip()
    oordeel.rubricering = rubricering
    oordeel.author = user
    oordeel.full_clean()
    oordeel.save()
    return oordeel

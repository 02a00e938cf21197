"""Writes about the budget: the years of the ingroeimodel, commitments, payments.

The raad set the frame: a start budget in 2023, growing to a structural
€ 100,000 a year from 2025. The structural years exist by themselves (no
beheerder has to remember to add next year); the earlier years and any other
amount the raad sets are entered by beheer. A payment may settle a
commitment: it is then charged to the commitment's year and lowers what is
still open on it, so every euro counts once (ADR 0422).
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit.services import Action, record
from core.privacy import check_fields
from portal.rapportage import permissions
from portal.rapportage.models import Begroting, Uitgave

#: the first year of the structural budget, and its amount
STRUCTURAL_FROM = 2025
STRUCTURAL_AMOUNT = Decimal("100000.00")
STRUCTURAL_NOTE = "Structureel budget (ingroeimodel)"


def begroting_ensure_years(*, today: date | None = None) -> list[int]:
    """Create the structural years up to next year that do not exist yet.

    From STRUCTURAL_FROM to the current year + 1 every year has a row, with
    the structural amount; a year that exists keeps whatever the raad set.
    Idempotent and safe when two requests run it at once. Returns the years
    it created.
    """
    last = (today or timezone.localdate()).year + 1
    wanted = set(range(STRUCTURAL_FROM, last + 1))
    present = set(
        Begroting.objects.filter(year__in=wanted).values_list("year", flat=True)
    )
    missing = sorted(wanted - present)
    created = []
    for year in missing:
        try:
            with transaction.atomic():
                Begroting.objects.create(
                    year=year, amount=STRUCTURAL_AMOUNT, note=STRUCTURAL_NOTE
                )
        except IntegrityError:
            continue  # another request created it a moment ago
        created.append(year)
    return created


def _year(on: date | None) -> Begroting:
    if on is None:
        raise ValidationError({"date": _("Enter the date.")})
    begroting_ensure_years()
    begroting = Begroting.objects.filter(year=on.year).first()
    if begroting is None:
        raise ValidationError(
            {
                "date": _(
                    "There is no budget for %(year)s. Functioneel beheer enters "
                    "the budgets before %(structural)s."
                )
                % {"year": on.year, "structural": STRUCTURAL_FROM}
            }
        )
    return begroting


@transaction.atomic
def verplichting_record(
    *,
    user,
    amount: Decimal,
    date: date,
    description: str,
    gebied=None,
    organisation=None,
    actie=None,
    personal_data_confirmed: bool = False,
) -> Uitgave:
    """Record a commitment in the budget year of its date."""
    if not permissions.can_keep_budget(user):
        raise PermissionDenied
    check_fields({"description": description}, confirmed=personal_data_confirmed)
    uitgave = Uitgave(
        begroting=_year(date),
        soort=Uitgave.Soort.VERPLICHTING,
        amount=amount,
        date=date,
        description=" ".join((description or "").split()),
        gebied=gebied or (actie.gebied if actie else None),
        organisation=organisation,
        actie=actie,
        recorded_by=user,
    )
    uitgave.full_clean(exclude=["recorded_by"])
    uitgave.save()
    _audit(user, uitgave)
    return uitgave


@transaction.atomic
def betaling_record(
    *,
    user,
    amount: Decimal,
    date: date,
    description: str,
    verplichting: Uitgave | None = None,
    gebied=None,
    organisation=None,
    actie=None,
    personal_data_confirmed: bool = False,
) -> Uitgave:
    """Record a payment; one that settles a commitment lowers its open amount.

    The commitment row is locked while the payment is checked and saved, so
    two payments at the same moment cannot together pay more than it holds.
    """
    if not permissions.can_keep_budget(user):
        raise PermissionDenied
    check_fields({"description": description}, confirmed=personal_data_confirmed)
    if verplichting is not None:
        verplichting = (
            Uitgave.objects.select_for_update()
            .select_related("begroting")
            .filter(pk=verplichting.pk)
            .first()
        )
        if verplichting is None:
            raise ValidationError({"verplichting": _("Choose a commitment.")})
        begroting = verplichting.begroting
        # What the commitment says about area, partner and actie holds for
        # its payment unless the payment says otherwise.
        gebied = gebied or verplichting.gebied
        organisation = organisation or verplichting.organisation
        actie = actie or verplichting.actie
    else:
        begroting = _year(date)
    uitgave = Uitgave(
        begroting=begroting,
        soort=Uitgave.Soort.BETALING,
        verplichting=verplichting,
        amount=amount,
        date=date,
        description=" ".join((description or "").split()),
        gebied=gebied or (actie.gebied if actie else None),
        organisation=organisation,
        actie=actie,
        recorded_by=user,
    )
    uitgave.full_clean(exclude=["recorded_by"])
    uitgave.save()
    _audit(user, uitgave)
    return uitgave


def _audit(user, uitgave: Uitgave) -> None:
    record(
        actor=user,
        action=Action.CREATE,
        obj=uitgave,
        details={
            "soort": uitgave.soort,
            "amount": str(uitgave.amount),
            "year": uitgave.begroting.year,
            "verplichting": uitgave.verplichting_id,
        },
    )

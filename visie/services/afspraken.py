"""The samenwerkingsafspraken: rows of a RACI matrix."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.privacy import check_fields
from partners.models import Organisation, User
from visie import permissions
from visie.models import Afspraak, AfspraakRol, Raci, VisieDocument


def check_rollen(rollen: dict[Organisation, str]) -> None:
    accountable = [o for o, letter in rollen.items() if letter == Raci.A]
    if len(accountable) > 1:
        raise ValidationError(
            _(
                "Exactly one organisation can be accountable (A) for an "
                "agreement; now %(names)s are."
            )
            % {"names": ", ".join(o.name for o in accountable)},
            code="two_accountable",
        )
    if not accountable:
        raise ValidationError(
            _("Choose the one organisation that is accountable (A)."),
            code="no_accountable",
        )


@transaction.atomic
def afspraak_save(
    *,
    document: VisieDocument,
    user: User,
    title: str,
    rollen: dict[Organisation, str],
    afspraak: Afspraak | None = None,
    contactpersoon: User | None = None,
    uren: Decimal | None = None,
    budget: Decimal | None = None,
    deadline: date | None = None,
    status: str = Afspraak.Status.GEPLAND,
    personal_data_confirmed: bool = False,
) -> Afspraak:
    """Create or change an afspraak and its RACI letters in one go."""
    if not permissions.can_edit_document(user, document):
        if document.is_read_only:
            raise ValidationError(
                _("This vision has been adopted and can no longer be changed.")
            )
        raise PermissionDenied
    check_fields({"title": title}, confirmed=personal_data_confirmed)
    rollen = {o: letter for o, letter in rollen.items() if letter}
    check_rollen(rollen)
    if afspraak is None:
        position = (document.afspraken.aggregate(m=Max("position"))["m"] or 0) + 1
        afspraak = Afspraak(document=document, position=position)
    afspraak.title = title.strip()
    afspraak.contactpersoon = contactpersoon
    afspraak.uren = uren
    afspraak.budget = budget
    afspraak.deadline = deadline
    afspraak.status = status
    afspraak.full_clean()
    afspraak.save()
    afspraak.rollen.all().delete()
    try:
        with transaction.atomic():
            AfspraakRol.objects.bulk_create(
                AfspraakRol(afspraak=afspraak, organisation=o, rol=letter)
                for o, letter in rollen.items()
            )
    except IntegrityError:
        raise ValidationError(
            _("Exactly one organisation can be accountable (A) for an agreement."),
            code="two_accountable",
        ) from None
    return afspraak

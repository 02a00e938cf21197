"""Writes about acties."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.privacy import check_personal_data
from scans import permissions
from scans.models import Actie, Gebied


def _check(actie: Actie, signalen, personal_data_confirmed: bool) -> None:
    try:
        check_personal_data(
            f"{actie.title}\n{actie.description}", confirmed=personal_data_confirmed
        )
    except ValidationError as exc:
        raise ValidationError({"description": exc.messages}, code=exc.code) from exc
    foreign = [s for s in signalen if s.gebied_id != actie.gebied_id]
    if foreign:
        raise ValidationError(
            {"signalen": _("Only signals of this area can be linked.")}
        )


@transaction.atomic
def actie_save(
    *,
    user,
    gebied: Gebied,
    title: str,
    description: str,
    eigenaar,
    partners,
    signalen,
    themas,
    status: str,
    deadline: date | None,
    voortgang: int,
    budget: Decimal,
    actie: Actie | None = None,
    personal_data_confirmed: bool = False,
) -> Actie:
    if actie is None:
        if not permissions.can_record(user):
            raise PermissionDenied
        actie = Actie(gebied=gebied, created_by=user)
    elif not permissions.can_edit_actie(user, actie):
        raise PermissionDenied
    actie.title = title.strip()
    actie.description = description.strip()
    actie.eigenaar = eigenaar
    actie.status = status
    actie.deadline = deadline
    actie.voortgang = 100 if status == Actie.Status.AFGEROND else voortgang
    actie.budget = budget
    _check(actie, list(signalen), personal_data_confirmed)
    # The creator is gone once that account is deleted (SET_NULL); the actie
    # must stay editable all the same.
    actie.full_clean(exclude=["created_by"])
    actie.save()
    actie.partners.set(partners)
    actie.signalen.set(signalen)
    actie.themas.set(themas)
    return actie

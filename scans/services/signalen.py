"""Writes about signalen."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.privacy import check_personal_data
from scans import geometry, permissions
from scans.models import Gebied, Signaal, Thema
from scans.services import index_cache


@transaction.atomic
def signaal_create(
    *,
    user,
    gebied: Gebied,
    thema: Thema,
    soort: str,
    text: str,
    waargenomen_op: date,
    rubricering: str,
    point: str | dict | None = None,
    personal_data_confirmed: bool = False,
) -> Signaal:
    if not permissions.can_record(user):
        raise PermissionDenied
    try:
        check_personal_data(text, confirmed=personal_data_confirmed)
    except ValidationError as exc:
        raise ValidationError({"text": exc.messages}, code=exc.code) from exc
    if waargenomen_op and waargenomen_op > timezone.localdate():
        raise ValidationError({"waargenomen_op": _("The date lies in the future.")})
    point_json = None
    if point:
        try:
            shape = geometry.parse_point(point, within=index_cache.extent())
        except ValidationError as exc:
            raise ValidationError({"point": exc.messages}) from exc
        if gebied.shape is not None and not gebied.shape.buffer(0.0002).contains(shape):
            raise ValidationError(
                {
                    "point": _("The point lies outside %(gebied)s.")
                    % {"gebied": gebied.name}
                }
            )
        point_json = geometry.to_geojson(shape)
        point_json = {"type": "Point", "coordinates": list(point_json["coordinates"])}
    signaal = Signaal(
        gebied=gebied,
        thema=thema,
        soort=soort,
        text=text.strip(),
        waargenomen_op=waargenomen_op,
        rubricering=rubricering,
        point=point_json,
        organisation=permissions.acting_organisation(user),
        author=user,
    )
    signaal.full_clean()
    signaal.save()

    from scans.tasks import evaluate_warnings

    transaction.on_commit(lambda: evaluate_warnings.delay())
    return signaal

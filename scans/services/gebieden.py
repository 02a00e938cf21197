"""Writes about gebieden: straatclusters drawn on the map."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.privacy import check_fields
from scans import geometry, permissions
from scans.models import Gebied
from scans.services import index_cache


def _next_straatcluster_code() -> str:
    codes = Gebied.objects.straatclusters().values_list("code", flat=True)
    numbers = [int(c[3:]) for c in codes if c.startswith("SC-") and c[3:].isdigit()]
    return f"SC-{max(numbers, default=0) + 1:03d}"


def buurten_overlapping(shape) -> list[Gebied]:
    """The buurten that a shape covers a noticeable part of."""
    found = []
    for buurt in Gebied.objects.buurten().exclude(geometry=None):
        if buurt.shape is not None and (
            geometry.overlaps(shape, buurt.shape)
            or geometry.overlaps(buurt.shape, shape)
        ):
            found.append(buurt)
    return found


@transaction.atomic
def straatcluster_create(
    *,
    user,
    name: str,
    description: str,
    streets: str,
    geometry_json,
    personal_data_confirmed: bool = False,
) -> Gebied:
    if not permissions.can_draw_straatcluster(user):
        raise PermissionDenied
    check_fields(
        {"name": name, "description": description, "streets": streets},
        confirmed=personal_data_confirmed,
    )
    shape = geometry.parse_geometry(geometry_json, within=index_cache.extent())
    buurten = buurten_overlapping(shape)
    if not buurten:
        message = _("The cluster does not overlap any buurt of %(gemeente)s.") % {
            "gemeente": settings.GEMEENTE_NAAM
        }
        raise ValidationError({"geometry": message})
    parents = {b.parent_id for b in buurten}
    gebied = Gebied(
        code=_next_straatcluster_code(),
        name=name.strip(),
        level=Gebied.Level.STRAATCLUSTER,
        parent_id=parents.pop() if len(parents) == 1 else buurten[0].parent_id,
        geometry=geometry.to_geojson(shape),
        description=description.strip(),
        streets="\n".join(s.strip() for s in streets.splitlines() if s.strip()),
        created_by=user,
    )
    gebied.full_clean()
    gebied.save()
    gebied.overlapping_buurten.set(buurten)
    return gebied

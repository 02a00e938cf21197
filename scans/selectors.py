"""Reads about gebieden, scans, signalen, acties and warnings.

The data-classification rule for signalen lives in ``signalen_visible_to``;
everything the raad may see comes through ``signalen_for_raad`` and
``raad_safe_gebied_summary``.
"""

from collections import defaultdict
from decimal import Decimal

import shapely
from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from shapely.geometry import box, shape

from partners.permissions import can_read_partner_data
from partners.selectors import organisation_ids_of
from scans.geometry import NETHERLANDS, Extent, extent_around
from scans.models import (
    Actie,
    Gebied,
    Gebiedsscan,
    Meting,
    Oordeel,
    Rubricering,
    ScanRonde,
    Signaal,
    Thema,
    Waarschuwing,
)

# --- gebieden ---------------------------------------------------------------


def gebieden_for_map() -> QuerySet[Gebied]:
    return Gebied.objects.select_related("parent").order_by("level", "code")


def gemeente_extent() -> Extent:
    """Where the gemeente's maps open and where its areas may be drawn.

    The gemeente's stored outline with a margin. Before its outline is
    imported: the outline of its stored wijken and buurten; before any of
    them: the Netherlands. Cached per generation by index_cache.extent().
    """
    areas = Gebied.objects.cbs_areas_of(settings.GEMEENTE_CODE).filter(
        geometry__isnull=False
    )
    outline = (
        areas.filter(level=Gebied.Level.GEMEENTE)
        .values_list("geometry", flat=True)
        .first()
    )
    if outline:
        return extent_around(shape(outline))
    shapes = [shape(g) for g in areas.values_list("geometry", flat=True)]
    if shapes:
        return extent_around(box(*shapely.total_bounds(shapes)))
    return NETHERLANDS


def gebied_by_code(code: str) -> Gebied:
    return (
        Gebied.objects.select_related("parent").defer("parent__geometry").get(code=code)
    )


def buurten_for_straatcluster(gebied: Gebied) -> list[Gebied]:
    return list(gebied.overlapping_buurten.order_by("code"))


def rondes() -> list[ScanRonde]:
    return list(ScanRonde.objects.order_by("peildatum"))


def latest_ronde() -> ScanRonde | None:
    return ScanRonde.objects.filter(scans__isnull=False).order_by("-peildatum").first()


def themas() -> list[Thema]:
    """The themes in their order: name and domain only, as their tables show."""
    return list(Thema.objects.only("name", "domein"))


# --- classification ---------------------------------------------------------


def visible_levels_filter(user, *, prefix: str = "") -> Q:
    """The one classification rule, as a Q object on a model with a level field.

    openbaar: everyone signed in; partners: partner staff, the procesbegeleider
    and the beheerder; organisatie: members of the author's organisation only.
    """
    field = f"{prefix}rubricering"
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    q = Q(**{field: Rubricering.OPENBAAR})
    if can_read_partner_data(user):
        q |= Q(**{field: Rubricering.PARTNERS})
    org_ids = organisation_ids_of(user)
    if org_ids:
        q |= Q(
            **{field: Rubricering.ORGANISATIE, f"{prefix}organisation_id__in": org_ids}
        )
    return q


def signalen_visible_to(user) -> QuerySet[Signaal]:
    return (
        Signaal.objects.filter(visible_levels_filter(user))
        .select_related("gebied", "thema", "organisation")
        .defer("gebied__geometry")
        .order_by("-waargenomen_op", "-pk")
    )


def signalen_visible_to_organisation(organisation_id: int) -> QuerySet[Signaal]:
    """What every member of a partner organisation may see (for warnings)."""
    return Signaal.objects.filter(
        Q(rubricering__in=[Rubricering.OPENBAAR, Rubricering.PARTNERS])
        | Q(rubricering=Rubricering.ORGANISATIE, organisation_id=organisation_id)
    )


def signalen_for_raad(*, gebied: Gebied | None = None) -> QuerySet[Signaal]:
    """Raad-safe: openbaar signalen only, for reports to the council."""
    qs = (
        Signaal.objects.filter(rubricering=Rubricering.OPENBAAR)
        .select_related("gebied", "thema", "organisation")
        .defer("gebied__geometry")
    )
    if gebied is not None:
        qs = qs.filter(gebied=gebied)
    return qs.order_by("-waargenomen_op", "-pk")


def raad_safe_gebied_summary(gebied: Gebied, ronde: ScanRonde | None = None) -> dict:
    """Everything about a gebied the raad may see: indices, aggregates, openbaar text.

    Counts of signalen include openbaar signalen only, so the summary never
    reveals that a partners- or organisatie-signaal exists.
    """
    from scans.services.index import IndexCalculator

    ronde = ronde or latest_ronde()
    calc = IndexCalculator()
    index = calc.for_gebied(gebied, ronde) if ronde else None
    acties = Actie.objects.filter(gebied=gebied)
    per_status = dict(
        acties.values_list("status").annotate(n=Count("pk")).order_by("status")
    )
    return {
        "gebied": gebied,
        "ronde": ronde,
        "index": index,
        "signalen": list(signalen_for_raad(gebied=gebied)),
        "acties_per_status": per_status,
        "acties_budget": acties.aggregate(s=Sum("budget"))["s"] or Decimal("0"),
        "acties_voortgang": actie_progress(acties),
    }


# --- scans ------------------------------------------------------------------


def scans_of_gebied(gebied: Gebied) -> QuerySet[Gebiedsscan]:
    return (
        Gebiedsscan.objects.filter(gebied=gebied)
        .select_related("ronde")
        .order_by("-ronde__peildatum", "-versie")
    )


def scan_with_details(pk: int) -> Gebiedsscan:
    return Gebiedsscan.objects.select_related(
        "gebied", "ronde", "created_by", "vastgesteld_by", "vorige"
    ).get(pk=pk)


def metingen_of(scan: Gebiedsscan) -> QuerySet[Meting]:
    return scan.metingen.select_related("indicator__thema", "organisation").order_by(
        "indicator__thema__domein", "indicator__thema__order", "indicator__code"
    )


def oordelen_of(scan: Gebiedsscan) -> QuerySet[Oordeel]:
    return scan.oordelen.select_related("thema", "organisation", "author")


def measurements_for_export(ronde: ScanRonde | None = None) -> QuerySet[Meting]:
    qs = Meting.objects.filter(scan__is_actueel=True).select_related(
        "scan__gebied", "scan__ronde", "indicator__thema", "organisation"
    )
    if ronde is not None:
        qs = qs.filter(scan__ronde=ronde)
    return qs.order_by(
        "scan__ronde__peildatum", "scan__gebied__code", "indicator__code"
    )


# --- acties -----------------------------------------------------------------


def acties_of_gebied(gebied: Gebied) -> QuerySet[Actie]:
    """The gebied page's table of acties and their roll-up per theme."""
    return (
        Actie.objects.filter(gebied=gebied)
        .select_related("eigenaar")
        .only(
            "title",
            "status",
            "deadline",
            "voortgang",
            "budget",
            "gebied_id",
            "eigenaar__name",
        )
        .prefetch_related(Prefetch("themas", queryset=Thema.objects.only("name")))
    )


def actie_with_details(pk: int, user) -> Actie:
    return (
        Actie.objects.select_related("gebied", "eigenaar")
        .prefetch_related(
            "partners",
            "themas",
            Prefetch("signalen", queryset=signalen_visible_to(user)),
        )
        .get(pk=pk)
    )


def actie_progress(acties) -> int | None:
    """Mean progress of the acties that were not stopped, in whole percent."""
    values = [a.voortgang for a in acties if a.status != Actie.Status.GESTOPT]
    return round(sum(values) / len(values)) if values else None


def progress_per_thema(acties) -> list[dict]:
    """Roll-up of acties per theme: count, mean progress and budget."""
    grouped: dict[Thema, list[Actie]] = defaultdict(list)
    for actie in acties:
        for thema in actie.themas.all():
            grouped[thema].append(actie)
    return [
        {
            "thema": thema,
            "count": len(items),
            "progress": actie_progress(items),
            "budget": sum((a.budget for a in items), Decimal("0")),
        }
        for thema, items in sorted(grouped.items(), key=lambda kv: kv[0].name)
    ]


# --- warnings ---------------------------------------------------------------


def warnings_for(user, *, active_only: bool = True) -> QuerySet[Waarschuwing]:
    qs = Waarschuwing.objects.filter(
        organisation_id__in=organisation_ids_of(user)
    ).select_related("gebied", "thema", "organisation", "acknowledged_by", "actie")
    qs = qs.defer("gebied__geometry")
    if active_only:
        qs = qs.filter(resolved_at__isnull=True, acknowledged_at__isnull=True)
    return qs.order_by("gebied__code", "-created_at")

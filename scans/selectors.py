"""Reads about gebieden, scans, signalen, acties and warnings.

Who reads which classified record is core.policy's table: every query here
that returns free text filters with it (``signalen_visible_to``,
``oordelen_visible_to``, ``metingen_visible_to``). Everything the raad may
see comes through ``signalen_for_raad`` and ``raad_safe_gebied_summary``.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import shapely
from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet, Sum
from shapely.geometry import box, shape

from core import policy
from partners.selectors import organisation_ids_of, reader_of
from scans.geometry import NETHERLANDS, Extent, extent_around
from scans.models import (
    Actie,
    Gebied,
    Gebiedsscan,
    Indicator,
    Meting,
    Oordeel,
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
# The rule itself is core.policy's table; these are its queries for signalen.


def signalen_visible_to(user) -> QuerySet[Signaal]:
    return (
        Signaal.objects.filter(policy.q_for(Signaal, reader_of(user)))
        .select_related("gebied", "thema", "organisation")
        .defer("gebied__geometry")
        .order_by("-waargenomen_op", "-pk")
    )


#: What a table of signalen shows (templates/scans/includes/signaal_table.html)
#: and the gebied page's map of them.
SIGNAAL_TABLE_FIELDS = (
    "waargenomen_op",
    "soort",
    "text",
    "point",
    "rubricering",
    "gebied__code",
    "gebied__name",
    "thema__name",
    "organisation__name",
)


def signalen_for_table(user) -> QuerySet[Signaal]:
    """`signalen_visible_to` with the columns of a table of signalen only."""
    return signalen_visible_to(user).only(*SIGNAAL_TABLE_FIELDS)


def signalen_in_gebied(user, gebied: Gebied) -> QuerySet[Signaal]:
    """The gebied page's signalen: the table's columns, not the area again."""
    return (
        signalen_visible_to(user)
        .filter(gebied=gebied)
        .select_related(None)
        .select_related("thema", "organisation")
        .only(*(f for f in SIGNAAL_TABLE_FIELDS if not f.startswith("gebied__")))
    )


def signalen_visible_to_organisation(organisation_id: int) -> QuerySet[Signaal]:
    """What every member of a partner organisation may see (for warnings)."""
    member = policy.Reader.of_role(policy.MEDEWERKER, organisation_id)
    return Signaal.objects.filter(policy.q_for(Signaal, member))


def signalen_for_raad(*, gebied: Gebied | None = None) -> QuerySet[Signaal]:
    """Raad-safe: what the raad's row of the policy shows (openbaar only)."""
    qs = (
        Signaal.objects.filter(policy.q_for(Signaal, policy.RAAD))
        .select_related("gebied", "thema", "organisation")
        .defer("gebied__geometry")
    )
    if gebied is not None:
        qs = qs.filter(gebied=gebied)
    return qs.order_by("-waargenomen_op", "-pk")


def oordelen_for_raad(gebied: Gebied, ronde: ScanRonde | None) -> list[Oordeel]:
    """Judgements of the gebied's current scan in the round, as the raad reads them."""
    if ronde is None:
        return []
    return list(
        Oordeel.objects.filter(
            policy.q_for(Oordeel, policy.RAAD),
            scan__gebied=gebied,
            scan__ronde=ronde,
            scan__is_actueel=True,
        )
        .select_related("thema", "organisation")
        .order_by("thema__domein", "thema__order", "organisation__name")
    )


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
        "oordelen": oordelen_for_raad(gebied, ronde),
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


@dataclass
class ShownMeting:
    """A measurement as one reader sees it: what the policy hides is empty."""

    indicator: Indicator
    indicator_id: int
    gemeten_op: date
    value: Decimal | None
    bron: str
    respondenten: int | None
    organisation_name: str
    note: str
    rubricering: str
    score: float | None = None


def metingen_visible_to(user, scan: Gebiedsscan) -> list[ShownMeting]:
    """The scan's measurements: figures only for partner-level readers, each
    note only where the policy lets this reader read it."""
    reader = reader_of(user)
    figures = policy.can_read_kind(reader, policy.Kind.METING)
    rows = scan.metingen.select_related("indicator__thema", "organisation").order_by(
        "indicator__thema__domein", "indicator__thema__order", "indicator__code"
    )
    return [
        ShownMeting(
            indicator=m.indicator,
            indicator_id=m.indicator_id,
            gemeten_op=m.gemeten_op,
            value=m.value if figures else None,
            bron=m.bron if figures else "",
            respondenten=m.respondenten if figures else None,
            organisation_name=m.organisation.name if figures else "",
            note=m.note if policy.can_read_object(reader, m) else "",
            rubricering=m.rubricering,
        )
        for m in rows
    ]


def oordelen_visible_to(user, scan: Gebiedsscan) -> QuerySet[Oordeel]:
    return scan.oordelen.filter(policy.q_for(Oordeel, reader_of(user))).select_related(
        "thema", "organisation", "author"
    )


def oordelen_for_table(user, scan: Gebiedsscan) -> QuerySet[Oordeel]:
    """`oordelen_visible_to` with what the gebied page's table shows."""
    return (
        oordelen_visible_to(user, scan)
        .select_related(None)
        .select_related("thema", "organisation")
        .only(
            "score",
            "toelichting",
            "rubricering",
            "scan_id",
            "thema__name",
            "organisation__name",
        )
    )


def measurements_for_export(ronde: ScanRonde | None = None) -> QuerySet[Meting]:
    """The CSV's rows, for readers of figures (permissions.can_read_figures)."""
    qs = Meting.objects.filter(scan__is_actueel=True).select_related(
        "scan__gebied", "scan__ronde", "indicator__thema", "organisation"
    )
    if ronde is not None:
        qs = qs.filter(scan__ronde=ronde)
    return qs.order_by(
        "scan__ronde__peildatum", "scan__gebied__code", "indicator__code"
    )


# --- acties -----------------------------------------------------------------


#: What a table of acties shows (templates/scans/includes/actie_table.html).
ACTIE_TABLE_FIELDS = (
    "title",
    "status",
    "deadline",
    "voortgang",
    "budget",
    "gebied_id",
    "eigenaar__name",
)


def acties_of_gebied(gebied: Gebied) -> QuerySet[Actie]:
    """The gebied page's table of acties and their roll-up per theme."""
    return (
        Actie.objects.filter(gebied=gebied)
        .select_related("eigenaar")
        .only(*ACTIE_TABLE_FIELDS)
        .prefetch_related(Prefetch("themas", queryset=Thema.objects.only("name")))
    )


def acties_for_list() -> QuerySet[Actie]:
    """Every actie with the columns of the list and its area's name.

    Not the area's outline, a GeoJSON document per row that the list does
    not show.
    """
    return (
        Actie.objects.select_related("gebied", "eigenaar")
        .only(*ACTIE_TABLE_FIELDS, "gebied__name", "gebied__code")
        .order_by("deadline", "title")
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

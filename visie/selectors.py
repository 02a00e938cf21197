"""Reads about the visie, each scoped to what the user may see.

Who reads which comment, bron or session outcome is core.policy's table;
the raad reads released versions through versie_for_raad(), which asks the
policy as the raad (openbaar only).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from core import policy
from partners.models import Organisation
from partners.selectors import partner_organisations, reader_of
from visie import citations
from visie.models import (
    Afspraak,
    Bron,
    Citatie,
    Ondertekening,
    Opmerking,
    Revisie,
    Sectie,
    Versie,
    VersieSectie,
    VisieDocument,
)
from visie.permissions import can_read_drafts


def opmerkingen_visible_to(user) -> QuerySet[Opmerking]:
    return Opmerking.objects.select_related(
        "author", "organisation", "resolved_by"
    ).filter(policy.q_for(Opmerking, reader_of(user)))


def can_see_opmerking(user, opmerking: Opmerking) -> bool:
    return policy.can_read_object(reader_of(user), opmerking)


def documents_visible_to(user) -> QuerySet[VisieDocument]:
    qs = VisieDocument.objects.annotate(
        sectie_count=Count("secties", distinct=True),
        versie_count=Count("versies", distinct=True),
    )
    if can_read_drafts(user):
        return qs
    return qs.filter(versie_count__gt=0)


def versies_visible_to(user) -> QuerySet[Versie]:
    from visie.permissions import can_read_versions

    if not can_read_versions(user):
        return Versie.objects.none()
    return Versie.objects.select_related("document", "released_by")


def secties_of(document: VisieDocument) -> QuerySet[Sectie]:
    return document.secties.select_related(
        "penvoerder",
        "current_revisie",
        "current_revisie__author",
        "current_revisie__organisation",
    ).annotate(
        open_drafts=Count(
            "revisies",
            filter=Q(revisies__is_draft=True, revisies__draft_settled_at__isnull=True),
        )
    )


def revisies_of(sectie: Sectie) -> QuerySet[Revisie]:
    return sectie.revisies.select_related("author", "organisation", "restored_from")


def open_drafts_of(sectie: Sectie, user) -> QuerySet[Revisie]:
    return sectie.revisies.filter(
        is_draft=True, draft_settled_at__isnull=True, author=user
    )


def saved_since(
    sectie: Sectie, base: Revisie | None, current: Revisie | None
) -> list[Revisie]:
    """The applied revisions after base up to current: what others saved meanwhile."""
    if current is None:
        return []
    revisies = sectie.revisies.filter(is_draft=False, number__lte=current.number)
    if base is not None:
        revisies = revisies.filter(number__gt=base.number)
    return list(revisies.select_related("author", "organisation").order_by("number"))


def merge_base_of(sectie: Sectie, revisie_id: int | None) -> Revisie | None:
    """The revision an edit started from, if it is one of this section."""
    if not revisie_id:
        return None
    return sectie.revisies.filter(pk=revisie_id).first()


def author_names(revisies: list[Revisie]) -> list[str]:
    """Who wrote these revisions, each name once, in order."""
    return list(dict.fromkeys(r.author.get_full_name() for r in revisies))


def threads_of(sectie: Sectie, user) -> list[Opmerking]:
    """Top-level comments with their visible replies, oldest first."""
    visible = opmerkingen_visible_to(user).filter(sectie=sectie)
    threads = list(
        visible.filter(parent__isnull=True)
        .select_related("versie")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=opmerkingen_visible_to(user),
                to_attr="visible_replies",
            )
        )
    )
    return threads


@dataclass
class CitedItem:
    kind_label: str
    title: str
    url: str
    toelichting: str
    citatie: Citatie


def citaties_of(sectie: Sectie, user) -> list[CitedItem]:
    """The evidence a section cites that this reader may read.

    Cited items are what every partner may read (citations.citable); each
    reader sees those the policy lets them read, and nothing no longer citable.
    """
    rows = list(sectie.citaties.select_related("content_type"))
    by_type: dict[int, list[Citatie]] = defaultdict(list)
    for row in rows:
        by_type[row.content_type_id].append(row)
    reader = reader_of(user)
    items = []
    for rows_of_type in by_type.values():
        kind = citations.kind_for_content_type(rows_of_type[0].content_type)
        if kind is None:
            continue
        objects = kind.readable(reader).in_bulk([r.object_id for r in rows_of_type])
        for row in rows_of_type:
            obj = objects.get(row.object_id)
            if obj is None:
                continue
            url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
            items.append(
                CitedItem(str(kind.label), str(obj), url, row.toelichting, row)
            )
    items.sort(key=lambda i: i.citatie.added_at)
    return items


def opbrengsten_of(sectie: Sectie, user) -> list:
    """Session outcomes that feed this section, as far as this reader may read them.

    sessies holds the foreign key (related_name "opbrengsten"); visie cannot
    import that app, so the reverse relation is looked up by name and its
    model's own policy declaration filters it.
    """
    manager = getattr(sectie, "opbrengsten", None)
    if manager is None or not hasattr(manager, "all"):
        return []
    qs = manager.all()
    if policy.kind_of(qs.model) is not None:
        qs = qs.filter(policy.q_for(qs.model, reader_of(user)))
    return list(qs[:100])


def latest_versie(document: VisieDocument) -> Versie | None:
    return document.versies.order_by("-number").first()


@dataclass
class SignOffRow:
    organisation: Organisation
    cells: list[Ondertekening | None] = field(default_factory=list)
    current: Ondertekening | None = None


def ondertekening_overview(
    document: VisieDocument,
) -> tuple[list[Versie], list[SignOffRow]]:
    """Which partner signed which version; rows per partner, columns per version."""
    versies = list(document.versies.order_by("-number"))
    signed = Ondertekening.objects.filter(versie__document=document).select_related(
        "signed_by"
    )
    by_key = {(o.organisation_id, o.versie_id): o for o in signed}
    latest = versies[0] if versies else None
    rows = []
    for organisation in partner_organisations().order_by("name"):
        row = SignOffRow(organisation=organisation)
        row.cells = [by_key.get((organisation.pk, v.pk)) for v in versies]
        if latest:
            row.current = by_key.get((organisation.pk, latest.pk))
        rows.append(row)
    return versies, rows


def afspraken_of(document: VisieDocument) -> QuerySet[Afspraak]:
    return document.afspraken.select_related("contactpersoon").prefetch_related(
        "rollen"
    )


def matrix_organisations(afspraken) -> list[Organisation]:
    """Partner organisations, plus any other organisation that holds a role."""
    ids = {r.organisation_id for a in afspraken for r in a.rollen.all()}
    return list(
        Organisation.objects.filter(
            Q(pk__in=ids)
            | Q(kind__in=[Organisation.Kind.PARTNER, Organisation.Kind.GEMEENTETEAM])
        ).order_by("name")
    )


def bronnen_visible_to(user) -> QuerySet[Bron]:
    """The library as this reader may read it: title, description and file."""
    return Bron.objects.select_related("added_by", "organisation").filter(
        policy.q_for(Bron, reader_of(user))
    )


def versie_secties(versie: Versie) -> QuerySet[VersieSectie]:
    return versie.secties.select_related("penvoerder", "sectie")


@dataclass
class RaadVersie:
    versie: Versie
    secties: list[VersieSectie]
    opmerkingen: dict[int, list[Opmerking]]
    ondertekeningen: list[Ondertekening]
    afspraken: list[dict]
    is_latest: bool


def versie_for_raad(versie: Versie) -> RaadVersie:
    """Everything of a released version that the raad may read.

    Sections as frozen, the sign-offs, the afspraken as released and only the
    openbaar comments, keyed by section id. The report app builds on this.
    """
    secties = list(versie_secties(versie))
    openbaar = (
        Opmerking.objects.filter(
            policy.q_for(Opmerking, policy.RAAD),
            sectie__in=[s.sectie_id for s in secties],
        )
        .select_related("author", "organisation")
        .order_by("created_at", "pk")
    )
    by_sectie: dict[int, list[Opmerking]] = defaultdict(list)
    for opmerking in openbaar:
        by_sectie[opmerking.sectie_id].append(opmerking)
    latest = latest_versie(versie.document)
    return RaadVersie(
        versie=versie,
        secties=secties,
        opmerkingen=dict(by_sectie),
        ondertekeningen=list(
            versie.ondertekeningen.select_related("organisation", "signed_by")
        ),
        afspraken=list(versie.afspraken),
        is_latest=latest is not None and latest.pk == versie.pk,
    )

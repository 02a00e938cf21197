"""Reads: which reports a user finds, and the budget lines."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from core import policy
from core.policy import Rubricering
from partners.permissions import is_beheerder, is_griffier
from partners.selectors import reader_of
from portal.rapportage import permissions
from portal.rapportage.models import (
    Audience,
    Notitie,
    Publicatiebericht,
    Rapport,
    Uitgave,
)

ZERO = Value(
    Decimal("0.00"), output_field=DecimalField(max_digits=12, decimal_places=2)
)

#: The level of a report is its audience's: a raad report holds openbaar text
#: and aggregates only (ADR 0401), a partner report is for the partners.
AUDIENCE_LEVEL = {
    Audience.RAAD: Rubricering.OPENBAAR,
    Audience.PARTNERS: Rubricering.PARTNERS,
}


def rapporten_visible_to(user) -> QuerySet[Rapport]:
    """Reports a user may open and download; anything else answers 404.

    Which audiences a reader reads is core.policy's row for reports: published
    raad reports for everyone signed in, partner reports for partners, the
    procesbegeleider and the beheerder (who keeps the budget they list).
    Before publication the griffier (who publishes) and the beheerder (who
    retries a failed rendering) see raad reports too, and the gemeente's
    authors the college's letters; a requester always sees their own request.
    """
    qs = Rapport.objects.select_related("gebied", "superseded_by", "supersedes").defer(
        "gebied__geometry"
    )
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    reader = reader_of(user)
    readable = [
        audience
        for audience, level in AUDIENCE_LEVEL.items()
        if policy.can_read(reader, policy.Kind.RAPPORT, level)
    ]
    visible = Q(requested_by=user)
    visible |= Q(audience__in=readable, published_at__isnull=False)
    visible |= Q(audience__in=readable) & ~Q(audience=Audience.RAAD)
    if is_griffier(user) or is_beheerder(user):
        visible |= Q(audience=Audience.RAAD)
    elif permissions.can_write_brief(user):
        # The gemeente's authors work on the college's letters before
        # publication; other raad reports they see once published.
        visible |= Q(audience=Audience.RAAD, kind=permissions.BRIEF_KIND)
    return qs.filter(visible)


LIST_FIELDS = (
    "uid",
    "kind",
    "title",
    "audience",
    "status",
    "requested_at",
    "published_at",
    "gebied__name",
    "superseded_by__published_at",
)


def rapporten_search(
    user,
    *,
    q: str = "",
    kind: str = "",
    gebied_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Rapport]:
    qs = rapporten_visible_to(user)
    if q:
        qs = qs.filter(title__icontains=q)
    if kind:
        qs = qs.filter(kind=kind)
    if gebied_id:
        qs = qs.filter(gebied_id=gebied_id)
    if date_from:
        qs = qs.filter(requested_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(requested_at__date__lte=date_to)
    # The reading room's columns only: not the requester, the predecessor or
    # the area's outline.
    return (
        qs.select_related(None)
        .select_related("gebied", "superseded_by")
        .only(*LIST_FIELDS)
        .order_by("-requested_at", "-pk")
    )


def uitgaven_for_partners() -> QuerySet[Uitgave]:
    """Every commitment and payment; a commitment carries what is paid on it."""
    return (
        Uitgave.objects.select_related(
            "begroting", "gebied", "organisation", "actie", "verplichting"
        )
        .annotate(paid=Coalesce(Sum("betalingen__amount"), ZERO))
        .annotate(open_amount=F("amount") - F("paid"))
        .order_by("begroting__year", "date", "pk")
    )


def open_verplichtingen() -> QuerySet[Uitgave]:
    """Commitments with money still open on them, for the payment form."""
    return (
        Uitgave.objects.filter(soort=Uitgave.Soort.VERPLICHTING)
        .select_related("begroting")
        .annotate(paid=Coalesce(Sum("betalingen__amount"), ZERO))
        .filter(paid__lt=F("amount"))
        .order_by("-begroting__year", "date", "pk")
    )


def stuck_rapporten(*, now, lease) -> QuerySet[Rapport]:
    """Queued rows never (or long ago) sent, and claims whose lease ran out."""
    return Rapport.objects.filter(
        Q(
            status=Rapport.Status.WACHTRIJ,
        )
        & (Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - lease))
        | Q(status=Rapport.Status.BEZIG, lease_until__lt=now)
    )


def berichten_summary(rapport: Rapport) -> dict[str, int]:
    """How many notices of a report are queued, sent and failed (for the griffie)."""
    S = Publicatiebericht.Status
    counts = Publicatiebericht.objects.filter(rapport=rapport).aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(status=S.VERZONDEN)),
        failed=Count("pk", filter=Q(status=S.MISLUKT)),
    )
    counts["waiting"] = counts["total"] - counts["sent"] - counts["failed"]
    return counts


def notities_for(user, rapport: Rapport) -> QuerySet[Notitie]:
    """The notes a user reads on a report: their own, and those other
    raadsleden shared. Nobody but a raadslid reads any note, shared or not."""
    if not permissions.reads_notes(user):
        return Notitie.objects.none()
    return (
        Notitie.objects.filter(rapport=rapport)
        .filter(Q(author=user) | Q(shared=True))
        .select_related("author")
        .only(
            "pk",
            "page",
            "passage",
            "text",
            "shared",
            "created_at",
            "author_id",
            "author__full_name",
            "author__email",
        )
        .order_by("page", "created_at", "pk")
    )


def own_notitie(user, pk) -> Notitie | None:
    """A note its author may change: never someone else's, shared or not."""
    if not permissions.reads_notes(user):
        return None
    return Notitie.objects.filter(pk=pk, author=user).select_related("rapport").first()

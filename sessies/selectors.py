"""Reads about sessions, scoped to the person asking.

`sessies_visible_to` is the one place that decides who sees which session;
which minutes and outcomes of a visible session a reader may read is
core.policy's table (`verslag_visible_to`, `opbrengsten_visible_to`).
`sessies_for_raad` and `verslag_for_raad` are what the council's reports may
use: they ask the policy as the raad.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from core import policy
from partners import permissions as p
from partners.models import Role, User, hash_token
from partners.selectors import organisation_ids_of, reader_of
from sessies.models import (
    Agendapunt,
    Antwoord,
    KalenderToken,
    Mijlpaal,
    Opbrengst,
    Sessie,
    Uitnodiging,
    Verslag,
)

Soort = Sessie.Soort


def _base() -> QuerySet[Sessie]:
    return Sessie.objects.select_related("organisation", "organiser")


def sessies_visible_to(user) -> QuerySet[Sessie]:
    """Raadsleden: invited and public raad sessions; partners: their own;
    griffier and procesbegeleider: the sessions they run; beheer: all."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Sessie.objects.none()
    qs = _base()
    if p.is_beheerder(user):
        return qs
    org_ids = organisation_ids_of(user)
    # Subqueries, not a join on the invitations: no duplicate rows to remove,
    # and each part can use its index.
    invitations = Uitnodiging.objects.values("sessie_id")
    condition = (
        Q(organiser=user)
        | Q(pk__in=invitations.filter(user=user))
        | Q(soort=Soort.RAADSWERKSESSIE, openbaar=True)
    )
    if p.is_partner_staff(user) or p.is_procesbegeleider(user):
        condition |= Q(organisation_id__in=org_ids) | Q(
            pk__in=invitations.filter(organisation_id__in=org_ids)
        )
    if p.is_griffier(user):
        condition |= Q(soort=Soort.RAADSWERKSESSIE)
    if p.is_procesbegeleider(user):
        condition |= Q(soort=Soort.PARTICIPATIESESSIE)
    return qs.filter(condition)


def sessie_list(user, *, past: bool = False) -> QuerySet[Sessie]:
    now = timezone.now()
    signed_up = (
        Uitnodiging.objects.filter(
            sessie=OuterRef("pk"),
            antwoord=Antwoord.AANMELDEN,
            wachtlijst_sinds__isnull=True,
        )
        .order_by()
        .values("sessie")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = sessies_visible_to(user).annotate(aangemeld=Coalesce(Subquery(signed_up), 0))
    if past:
        return qs.filter(end__lt=now).order_by("-start")
    return qs.filter(end__gte=now).order_by("start")


def upcoming_sessies(user) -> QuerySet[Sessie]:
    """Sessions still to come, soonest first: for short lists and panels."""
    return (
        sessies_visible_to(user)
        .select_related(None)
        .filter(end__gte=timezone.now())
        .only("title", "start")
        .order_by("start", "pk")
    )


def sessie_detail(user, pk: int) -> Sessie:
    return (
        sessies_visible_to(user)
        .prefetch_related(
            "buurten",
            Prefetch(
                "agendapunten",
                queryset=Agendapunt.objects.select_related(
                    "visie_versie__document",
                    "visie_sectie",
                    "gebiedsscan__gebied",
                    "gebiedsscan__ronde",
                ).order_by("order"),
            ),
        )
        .get(pk=pk)
    )


def uitnodigingen_of(sessie: Sessie) -> QuerySet[Uitnodiging]:
    return sessie.uitnodigingen.select_related("user", "organisation").order_by(
        "wachtlijst_sinds", "name", "email"
    )


def uitnodiging_of(user, sessie: Sessie) -> Uitnodiging | None:
    if not user.is_authenticated:
        return None
    return sessie.uitnodigingen.filter(user=user).first()


def answer_counts(sessie: Sessie) -> dict[str, int]:
    rows = sessie.uitnodigingen.values("antwoord").annotate(n=Count("pk"))
    counts = {a: 0 for a in Antwoord.values}
    counts.update({row["antwoord"]: row["n"] for row in rows})
    # A sign-up on the waiting list has no place yet: counted apart.
    counts["wachtlijst"] = sessie.uitnodigingen.filter(
        antwoord=Antwoord.AANMELDEN, wachtlijst_sinds__isnull=False
    ).count()
    counts[Antwoord.AANMELDEN] -= counts["wachtlijst"]
    return counts


def agenda_minutes(sessie: Sessie) -> int:
    return sessie.agendapunten.aggregate(total=Sum("duration_minutes"))["total"] or 0


@dataclass(frozen=True)
class Conflict:
    kind: str  # "room" or "person"
    other: Sessie
    who: str = ""


def _overlapping(sessie: Sessie) -> QuerySet[Sessie]:
    return (
        Sessie.objects.exclude(pk=sessie.pk)
        .exclude(status=Sessie.Status.GEANNULEERD)
        .filter(start__lt=sessie.end, end__gt=sessie.start)
    )


def conflicts_for(sessie: Sessie) -> list[Conflict]:
    """Double bookings: the same room, or a raadslid invited to two sessions
    at once (unless they declined one of them)."""
    if sessie.is_cancelled:
        return []
    overlapping = _overlapping(sessie)
    conflicts = []
    room = sessie.location.strip()
    if room:
        for other in overlapping.filter(location__iexact=room):
            conflicts.append(Conflict("room", other, room))
    taken = Uitnodiging.objects.filter(
        sessie=sessie,
        user__memberships__role=Role.RAADSLID,
    ).exclude(antwoord=Antwoord.AFMELDEN)
    double = (
        Uitnodiging.objects.filter(
            sessie__in=overlapping, user__in=taken.values("user")
        )
        .exclude(antwoord=Antwoord.AFMELDEN)
        .select_related("sessie", "user")
        .order_by("sessie__start", "user__full_name")
    )
    for uitnodiging in double:
        conflicts.append(
            Conflict("person", uitnodiging.sessie, uitnodiging.user.get_full_name())
        )
    return conflicts


def verslag_of(sessie: Sessie) -> Verslag | None:
    """The minutes, whatever their level: for the organiser's own pages."""
    return Verslag.objects.filter(sessie=sessie).first()


def verslag_visible_to(user, sessie: Sessie) -> Verslag | None:
    """The minutes of a session the user sees, if the policy lets them read them."""
    return (
        Verslag.objects.filter(policy.q_for(Verslag, reader_of(user)), sessie=sessie)
        .select_related("sessie")
        .first()
    )


def opbrengsten_visible_to(user, sessie: Sessie) -> QuerySet[Opbrengst]:
    """The outcomes of a session the user sees, as far as the policy allows."""
    return Opbrengst.objects.filter(
        policy.q_for(Opbrengst, reader_of(user)), sessie=sessie
    ).prefetch_related("visie_secties")


def mijlpalen() -> QuerySet[Mijlpaal]:
    return Mijlpaal.objects.all()


@dataclass(frozen=True)
class TijdlijnItem:
    date: date
    mijlpaal: Mijlpaal | None = None
    sessie: Sessie | None = None


def tijdlijn(user, *, year: int | None = None) -> list[TijdlijnItem]:
    """Milestones and the visible sessions on one line, in date order."""
    milestones = Mijlpaal.objects.all()
    sessies = sessies_visible_to(user)
    if year:
        milestones = milestones.filter(start_date__year=year)
        sessies = sessies.filter(start__year=year)
    items = [TijdlijnItem(m.start_date, mijlpaal=m) for m in milestones]
    items += [
        TijdlijnItem(timezone.localtime(s.start).date(), sessie=s) for s in sessies
    ]
    return sorted(items, key=lambda i: (i.date, i.sessie is not None))


# The council's reports -------------------------------------------------------


def sessies_for_raad(
    *, start: datetime | None = None, end: datetime | None = None
) -> QuerySet[Sessie]:
    """Raad-safe: public council work sessions, not cancelled, with their
    agendas and only public outcomes prefetched."""
    qs = (
        _base()
        .filter(soort=Soort.RAADSWERKSESSIE, openbaar=True)
        .exclude(status=Sessie.Status.GEANNULEERD)
        .prefetch_related(
            Prefetch("agendapunten", queryset=Agendapunt.objects.order_by("order")),
            Prefetch(
                "opbrengsten",
                queryset=Opbrengst.objects.filter(policy.q_for(Opbrengst, policy.RAAD)),
                to_attr="openbare_opbrengsten",
            ),
        )
        .order_by("start")
    )
    if start:
        qs = qs.filter(start__gte=start)
    if end:
        qs = qs.filter(start__lt=end)
    return qs


@dataclass(frozen=True)
class RaadVerslag:
    sessie: Sessie
    text: str
    finalised_at: datetime
    present: int
    invited: int
    opbrengsten: list[Opbrengst]


def verslag_for_raad(sessie: Sessie) -> RaadVerslag | None:
    """A finalised verslag with attendance counts and public outcomes only.

    Names of attendees are left out: the raad sees how many came, not who.
    """
    if not sessies_for_raad().filter(pk=sessie.pk).exists():
        return None
    verslag = Verslag.objects.filter(
        policy.q_for(Verslag, policy.RAAD),
        sessie=sessie,
        status=Verslag.Status.DEFINITIEF,
    ).first()
    if verslag is None:
        return None
    counts = sessie.uitnodigingen.aggregate(
        invited=Count("pk"), present=Count("pk", filter=Q(aanwezig=True))
    )
    return RaadVerslag(
        sessie=sessie,
        text=verslag.text,
        finalised_at=verslag.finalised_at,
        present=counts["present"],
        invited=counts["invited"],
        opbrengsten=list(
            sessie.opbrengsten.filter(policy.q_for(Opbrengst, policy.RAAD))
        ),
    )


# Calendar feeds --------------------------------------------------------------

FEED_HISTORY = timedelta(days=90)


def feed_owner(token: str) -> tuple[User, str] | None:
    """The active user and scope behind a feed token, or None."""
    row = (
        KalenderToken.objects.select_related("user")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .first()
    )
    if row is None or not row.user.is_active:
        return None
    if row.scope == KalenderToken.Scope.RAAD and not p.is_griffier(row.user):
        return None
    return row.user, row.scope


def persoonlijke_feed(user) -> QuerySet[Sessie]:
    """What someone organises or was invited to and did not decline."""
    since = timezone.now() - FEED_HISTORY
    mine = Q(organiser=user) | Q(
        pk__in=Uitnodiging.objects.filter(user=user)
        .exclude(antwoord=Antwoord.AFMELDEN)
        .values("sessie_id")
    )
    return _base().filter(mine, end__gte=since).order_by("start")


def raad_feed(user) -> QuerySet[Sessie]:
    """Every council work session, for the griffie's shared calendar."""
    since = timezone.now() - FEED_HISTORY
    return (
        sessies_visible_to(user)
        .filter(soort=Soort.RAADSWERKSESSIE, end__gte=since)
        .order_by("start")
    )

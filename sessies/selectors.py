"""Reads about sessions, scoped to the person asking.

`sessies_visible_to` is the one place that decides who sees which session;
which minutes and outcomes of a visible session a reader may read is
core.policy's table (`verslag_visible_to`, `opbrengsten_visible_to`).
`sessies_for_raad` and `verslag_for_raad` are what the council's reports may
use: they ask the policy as the raad.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from core import policy
from partners import permissions as p
from partners.models import User, hash_token
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
    return Sessie.objects.select_related("organisation", "organiser", "zaal")


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


def seconds_until_next_end(user) -> float | None:
    """Until the first of the user's sessions still to come has ended: the
    moment it moves from the sessions to come to the past ones."""
    now = timezone.now()
    end = sessies_visible_to(user).filter(end__gte=now).aggregate(first=Min("end"))
    return (end["first"] - now).total_seconds() if end["first"] else None


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
                ).in_agenda_order(),
            ),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class AgendaRegel:
    """An agenda item with its number and its clock time."""

    item: Agendapunt
    number: str
    start: datetime
    end: datetime
    # First or last among the items at its level: it cannot move further.
    first: bool = False
    last: bool = False

    @property
    def is_sub_item(self) -> bool:
        return self.item.parent_id is not None


def agenda(sessie: Sessie, items=None) -> list[AgendaRegel]:
    """The agenda with clock times from the session start and the durations.

    Main items follow each other from the start; the sub-items of a main
    item follow each other from the start of that item. Times are computed
    in UTC, so an agenda through the night of a clock change stays right.
    `items` may be the prefetched agenda, in agenda order.
    """
    if items is None:
        items = sessie.agendapunten.in_agenda_order()
    items = list(items)
    children: dict[int, list[Agendapunt]] = {}
    for item in items:
        if item.parent_id:
            children.setdefault(item.parent_id, []).append(item)
    rows = []
    at = sessie.start
    mains = [item for item in items if item.parent_id is None]
    for number, main in enumerate(mains, start=1):
        end = at + timedelta(minutes=main.duration_minutes)
        rows.append(
            AgendaRegel(main, str(number), at, end, number == 1, number == len(mains))
        )
        sub_at = at
        subs = children.get(main.pk, [])
        for sub_number, sub in enumerate(subs, start=1):
            sub_end = sub_at + timedelta(minutes=sub.duration_minutes)
            rows.append(
                AgendaRegel(
                    sub,
                    f"{number}{_letter(sub_number)}",
                    sub_at,
                    sub_end,
                    sub_number == 1,
                    sub_number == len(subs),
                )
            )
            sub_at = sub_end
        at = end
    return rows


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
    """The time the main items take; sub-items share their main item's time."""
    total = sessie.agendapunten.filter(parent__isnull=True).aggregate(
        total=Sum("duration_minutes")
    )["total"]
    return total or 0


def hoofdpunten(sessie: Sessie, *, exclude: int | None = None):
    """The main items a sub-item may belong to."""
    return sessie.agendapunten.filter(parent__isnull=True).exclude(pk=exclude)


@dataclass(frozen=True)
class Conflict:
    kind: str  # "room" or "person"
    other: Sessie
    who: str = ""
    # Whether the person asking may see the other session; if not, only its
    # time is shown.
    visible: bool = True


def _overlapping(sessie: Sessie) -> QuerySet[Sessie]:
    return (
        Sessie.objects.exclude(pk=sessie.pk)
        .exclude(status=Sessie.Status.GEANNULEERD)
        .filter(start__lt=sessie.end, end__gt=sessie.start)
    )


def conflicts_for(sessie: Sessie, user=None) -> list[Conflict]:
    """Double bookings: the same room, or the same person (by account or
    e-mail address) invited to two sessions at once, unless they declined
    one of them. With `user`, sessions they may not see are marked so."""
    if sessie.is_cancelled:
        return []
    overlapping = _overlapping(sessie)
    found: list[tuple[str, Sessie, str]] = []
    if sessie.zaal_id:
        for other in overlapping.filter(zaal_id=sessie.zaal_id):
            found.append(("room", other, str(sessie.zaal)))
    elif sessie.location.strip():
        room = sessie.location.strip()
        for other in overlapping.filter(zaal__isnull=True, location__iexact=room):
            found.append(("room", other, room))
    mine = Uitnodiging.objects.filter(sessie=sessie).exclude(antwoord=Antwoord.AFMELDEN)
    double = (
        Uitnodiging.objects.filter(sessie__in=overlapping)
        .filter(
            Q(email__in=mine.values("email"))
            | Q(user__in=mine.filter(user__isnull=False).values("user"))
        )
        .exclude(antwoord=Antwoord.AFMELDEN)
        .select_related("sessie", "user")
        .order_by("sessie__start", "name", "email")
    )
    for uitnodiging in double:
        found.append(("person", uitnodiging.sessie, uitnodiging.display_name))
    if not found:
        return []
    if user is None:
        visible = {other.pk for _kind, other, _who in found}
    else:
        visible = set(
            sessies_visible_to(user)
            .filter(pk__in=[other.pk for _kind, other, _who in found])
            .values_list("pk", flat=True)
        )
    return [
        Conflict(kind, other, who, visible=other.pk in visible)
        for kind, other, who in found
    ]


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
            Prefetch("agendapunten", queryset=Agendapunt.objects.in_agenda_order()),
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
    from sessies.permissions import can_use_raad_feed

    row = (
        KalenderToken.objects.select_related("user")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .first()
    )
    if row is None or not row.user.is_active:
        return None
    if row.scope == KalenderToken.Scope.RAAD and not can_use_raad_feed(row.user):
        return None
    return row.user, row.scope


def _for_feed(qs: QuerySet[Sessie]) -> QuerySet[Sessie]:
    return qs.prefetch_related(
        Prefetch("agendapunten", queryset=Agendapunt.objects.in_agenda_order())
    )


def persoonlijke_feed(user) -> QuerySet[Sessie]:
    """What someone organises or was invited to and did not decline."""
    since = timezone.now() - FEED_HISTORY
    mine = Q(organiser=user) | Q(
        pk__in=Uitnodiging.objects.filter(user=user)
        .exclude(antwoord=Antwoord.AFMELDEN)
        .values("sessie_id")
    )
    return _for_feed(_base().filter(mine, end__gte=since).order_by("start"))


def raad_feed(user) -> QuerySet[Sessie]:
    """The council work sessions this person may see: for the griffier all of
    them, for a raadslid the public ones and those they are invited to."""
    since = timezone.now() - FEED_HISTORY
    return _for_feed(
        sessies_visible_to(user)
        .filter(soort=Soort.RAADSWERKSESSIE, end__gte=since)
        .order_by("start")
    )


# The raad calendar page ------------------------------------------------------

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class Dag:
    date: date
    in_month: bool
    sessies: list[Sessie]


@dataclass(frozen=True)
class Maand:
    first: date
    weeks: list[list[Dag]]

    @property
    def previous(self) -> date:
        return (self.first - timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> date:
        return (self.first + timedelta(days=31)).replace(day=1)

    @property
    def count(self) -> int:
        return sum(len(d.sessies) for week in self.weeks for d in week if d.in_month)


def raad_maand(user, first: date) -> Maand:
    """The council work sessions this person may see in one month, by day,
    in weeks from Monday to Sunday. One query, however full the month."""
    first = first.replace(day=1)
    after = (first + timedelta(days=31)).replace(day=1)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(
        first.year, first.month
    )
    begin = datetime.combine(weeks[0][0], time(0), tzinfo=AMSTERDAM)
    end = datetime.combine(weeks[-1][-1] + timedelta(days=1), time(0), AMSTERDAM)
    sessies = (
        sessies_visible_to(user)
        .select_related(None)
        .select_related("zaal")
        .filter(soort=Soort.RAADSWERKSESSIE, start__gte=begin, start__lt=end)
        .only(
            "title",
            "start",
            "end",
            "status",
            "bob_fase",
            "location",
            "zaal__name",
            "zaal__building",
        )
        .order_by("start", "pk")
    )
    by_day: dict[date, list[Sessie]] = {}
    for sessie in sessies:
        by_day.setdefault(sessie.start.astimezone(AMSTERDAM).date(), []).append(sessie)
    return Maand(
        first=first,
        weeks=[
            [Dag(day, first <= day < after, by_day.get(day, [])) for day in week]
            for week in weeks
        ],
    )


def _letter(n: int) -> str:
    """Sub-items as council agendas number them: 2a, 2b, … 2z, 2aa."""
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters

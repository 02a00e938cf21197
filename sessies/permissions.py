"""Who may do what with sessions, built on the roles in partners.permissions."""

from partners import permissions as p
from partners.models import Role
from partners.selectors import organisations_where
from sessies.models import Sessie, Verslag

Soort = Sessie.Soort


def plannable_kinds(user) -> list[str]:
    """The griffier plans raad sessions, the procesbegeleider participation,
    partner staff their own meetings."""
    kinds = []
    if p.is_griffier(user):
        kinds.append(Soort.RAADSWERKSESSIE)
    if p.is_procesbegeleider(user):
        kinds.append(Soort.PARTICIPATIESESSIE)
    if p.is_partner_staff(user) or p.is_procesbegeleider(user):
        kinds.append(Soort.PARTNEROVERLEG)
    return kinds


def can_plan(user) -> bool:
    return bool(plannable_kinds(user))


def organising_organisation(user, soort: str):
    """The organisation a new session of this kind is planned for."""
    roles = {
        Soort.RAADSWERKSESSIE: [Role.GRIFFIER],
        Soort.PARTICIPATIESESSIE: [Role.PROCESBEGELEIDER],
        Soort.PARTNEROVERLEG: [
            Role.COORDINATOR,
            Role.MEDEWERKER,
            Role.PROCESBEGELEIDER,
        ],
    }[soort]
    organisations = organisations_where(user, roles)
    return organisations[0] if organisations else None


def can_manage(user, sessie: Sessie) -> bool:
    """The organiser, and whoever carries the same responsibility."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if sessie.organiser_id == user.pk:
        return True
    if sessie.soort == Soort.RAADSWERKSESSIE:
        return p.is_griffier(user)
    if sessie.soort == Soort.PARTICIPATIESESSIE:
        return p.is_procesbegeleider(user)
    return p.is_coordinator_of(user, sessie.organisation)


def can_edit(user, sessie: Sessie) -> bool:
    return can_manage(user, sessie) and not sessie.is_cancelled


def can_propose_amendment(user, sessie: Sessie, verslag: Verslag | None) -> bool:
    """Those who were there comment on the draft minutes."""
    if verslag is None or verslag.is_final or not user.is_authenticated:
        return False
    return sessie.uitnodigingen.filter(user=user, aanwezig=True).exists()


def can_use_raad_feed(user) -> bool:
    """Every raadslid subscribes to the council's calendar, as does the griffie."""
    return p.is_griffier(user) or p.is_raadslid(user)


def can_view_raad_calendar(user) -> bool:
    """Everyone signed in; each sees the council sessions visible to them."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_open_public_signup(user, sessie: Sessie) -> bool:
    """The procesbegeleider publishes a sign-up page for residents."""
    return sessie.soort == Soort.PARTICIPATIESESSIE and can_edit(user, sessie)


def can_manage_traject(user) -> bool:
    """Milestones of the traject: the procesbegeleider and the griffier."""
    return p.is_procesbegeleider(user) or p.is_griffier(user)

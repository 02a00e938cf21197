"""Who may request, read, publish and correct reports, write the college's
letter, keep notes, and see and keep the budget.

Decisions (docs/rapportage.md):
- The raadsinformatiebrief is the college's letter. The gemeente's own teams
  (medewerkers and coördinators of a gemeenteteam) draft it for the college,
  and the griffier may finish it before publishing; partner organisations,
  the procesbegeleider and beheer do not write on the college's behalf.
- The budget is kept by functioneel beheer and the coördinators of the
  gemeente's teams, who hold the budget of the Buurtaanpak; partners read
  the lines, the raad reads the totals.
- Notes on reports belong to raadsleden: their own, and those other
  raadsleden shared with them. Nobody else ever reads them.
"""

from partners.models import Organisation, Role
from partners.permissions import (
    PARTNER_ROLES,
    can_read_partner_data,
    has_role,
    is_beheerder,
    is_griffier,
    is_raadslid,
)
from partners.selectors import memberships_of
from portal.rapportage.models import Audience, Rapport

#: the kind whose report is the college's letter to the raad
BRIEF_KIND = "voortgang"


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _in_gemeenteteam(user, roles) -> bool:
    return _active(user) and any(
        m.role in roles and m.organisation.kind == Organisation.Kind.GEMEENTETEAM
        for m in memberships_of(user)
    )


def is_gemeente_staff(user) -> bool:
    """A medewerker or coördinator of one of the gemeente's own teams."""
    return _in_gemeenteteam(user, PARTNER_ROLES)


def can_write_brief(user) -> bool:
    """Draft the college's letter: the griffier and the gemeente's own teams."""
    return is_griffier(user) or is_gemeente_staff(user)


def can_edit_brief(user, rapport: Rapport) -> bool:
    """A letter is written before publication; after that it never changes."""
    return (
        can_write_brief(user)
        and rapport.kind == BRIEF_KIND
        and rapport.audience == Audience.RAAD
        and not rapport.is_published
    )


def can_request_for(user, audience: str) -> bool:
    """Raad reports: griffier, coördinators, beheer. Partner reports: partner side."""
    if audience == Audience.RAAD:
        return (
            is_griffier(user) or is_beheerder(user) or has_role(user, Role.COORDINATOR)
        )
    if audience == Audience.PARTNERS:
        return can_read_partner_data(user)
    return False


def can_request(user, kind: str, audience: str) -> bool:
    """The college's letter is requested by those who write it."""
    if kind == BRIEF_KIND:
        return audience == Audience.RAAD and can_write_brief(user)
    return can_request_for(user, audience)


def can_request_any(user) -> bool:
    return can_write_brief(user) or any(
        can_request_for(user, a) for a in Audience.values
    )


def requestable_audiences(user) -> list[str]:
    return [
        a
        for a in Audience.values
        if can_request_for(user, a) or (a == Audience.RAAD and can_write_brief(user))
    ]


def can_publish(user, rapport: Rapport) -> bool:
    """The griffier publishes a finished raad report (a letter needs its text:
    the service refuses a raadsinformatiebrief without it, with a message)."""
    return (
        is_griffier(user)
        and rapport.audience == Audience.RAAD
        and rapport.status == Rapport.Status.KLAAR
        and not rapport.is_published
    )


def can_correct(user, rapport: Rapport) -> bool:
    """A published raad report is corrected by a new report that supersedes it."""
    return (
        is_griffier(user) and rapport.is_published and not hasattr_superseded(rapport)
    )


def hasattr_superseded(rapport: Rapport) -> bool:
    try:
        return rapport.superseded_by is not None
    except Rapport.superseded_by.RelatedObjectDoesNotExist:
        return False


def can_retry(user, rapport: Rapport) -> bool:
    if rapport.status != Rapport.Status.MISLUKT:
        return False
    return rapport.requested_by_id == user.pk or is_griffier(user) or is_beheerder(user)


def can_view_budget_lines(user) -> bool:
    """Individual commitments name partners and plans: partner level, not raad."""
    return can_read_partner_data(user)


def can_keep_budget(user) -> bool:
    """Record commitments and payments: beheer and the gemeente's team leads."""
    return is_beheerder(user) or _in_gemeenteteam(user, {Role.COORDINATOR})


def can_keep_notes(user, rapport: Rapport) -> bool:
    """A raadslid annotates a published raad report."""
    return (
        is_raadslid(user)
        and rapport.audience == Audience.RAAD
        and rapport.is_published
        and rapport.status == Rapport.Status.KLAAR
    )


def reads_notes(user) -> bool:
    """Only raadsleden read notes: their own, and those shared among them."""
    return is_raadslid(user)

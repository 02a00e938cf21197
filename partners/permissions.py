"""Who may do what with accounts and organisations.

Every role check in the portal goes through a named predicate, here or in the
permissions module of the app that owns the object.
"""

from partners.models import MFA_ROLES, Organisation, Role
from partners.selectors import memberships_of, roles_of

PARTNER_ROLES = frozenset({Role.MEDEWERKER, Role.COORDINATOR})


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def has_role(user, *roles: str) -> bool:
    return _active(user) and bool(roles_of(user) & set(roles))


def is_beheerder(user) -> bool:
    return has_role(user, Role.BEHEERDER)


def is_griffier(user) -> bool:
    return has_role(user, Role.GRIFFIER)


def is_raadslid(user) -> bool:
    return has_role(user, Role.RAADSLID)


def is_procesbegeleider(user) -> bool:
    return has_role(user, Role.PROCESBEGELEIDER)


def is_partner_staff(user) -> bool:
    """Medewerker or coördinator of a partner organisation or municipal team."""
    return _active(user) and any(
        m.role in PARTNER_ROLES and m.organisation.is_partner_side
        for m in memberships_of(user)
    )


def is_coordinator_of(user, organisation: Organisation) -> bool:
    return _active(user) and any(
        m.role == Role.COORDINATOR and m.organisation_id == organisation.pk
        for m in memberships_of(user)
    )


def is_only_raadslid(user) -> bool:
    """A raadslid with no other role reads only what is cleared for the raad."""
    return _active(user) and roles_of(user) == {Role.RAADSLID}


def can_read_partner_data(user) -> bool:
    """Partner-side pages (the living visie, partner reports, budget lines):
    partner staff, the procesbegeleider, beheer.

    A page gate only: which classified text such a page shows is core.policy's
    table, in which the beheerder reads what the raad reads.
    """
    return is_partner_staff(user) or is_procesbegeleider(user) or is_beheerder(user)


def can_invite(user, organisation: Organisation) -> bool:
    return is_beheerder(user) or is_coordinator_of(user, organisation)


def can_invite_anyone(user) -> bool:
    return is_beheerder(user) or has_role(user, Role.COORDINATOR)


def invitable_roles(user, organisation: Organisation) -> list[str]:
    """A coördinator invites colleagues; the beheerder may grant any role."""
    if is_beheerder(user):
        return list(Role.values)
    if is_coordinator_of(user, organisation):
        return [Role.MEDEWERKER, Role.COORDINATOR]
    return []


def can_view_organisations(user) -> bool:
    return _active(user) and not is_only_raadslid(user)


def requires_mfa(user) -> bool:
    """Beheerders, griffiers and staff of organisations such as the police."""
    return _active(user) and any(
        m.role in MFA_ROLES or m.organisation.requires_mfa for m in memberships_of(user)
    )

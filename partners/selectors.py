"""Reads about users, organisations and their roles."""

from collections.abc import Iterable

from django.db.models import QuerySet

from core import policy
from partners.models import Invitation, Membership, Organisation, Role, User

_CACHE_ATTR = "_buurtaanpak_memberships"


def memberships_of(user) -> list[Membership]:
    """The user's memberships, loaded once per request and kept on the user."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).select_related("organisation")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def roles_of(user) -> set[str]:
    return {m.role for m in memberships_of(user)}


def organisation_ids_of(user) -> set[int]:
    return {m.organisation_id for m in memberships_of(user)}


def reader_of(user) -> policy.Reader:
    """The user as the classification policy sees them: plain data, no queries.

    Built from the memberships cached per request. An inactive or anonymous
    user reads nothing; a medewerker or coördinator role counts only in a
    partner organisation or municipal team, as `is_partner_staff` has it.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return policy.NOBODY
    partner_roles = {Role.MEDEWERKER, Role.COORDINATOR}
    return policy.Reader(
        frozenset(
            (m.organisation_id, str(m.role))
            for m in memberships_of(user)
            if m.role not in partner_roles or m.organisation.is_partner_side
        )
    )


def access_signature(user) -> str:
    """What every visibility rule reads about a user, as one string.

    The user, and per membership its organisation, the organisation's kind
    and the role: results cached per reader are kept under it, so a change of
    role or membership is a different reader.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return "-"
    parts = sorted(
        f"{m.organisation_id}.{m.organisation.kind}.{m.role}"
        for m in memberships_of(user)
    )
    return f"{user.pk}:{','.join(parts)}"


def policy_signature(user) -> str:
    """`access_signature` without the person: for results that depend only on
    the classification policy's reader and the role predicates, never on who
    wrote, organised or asked for a record. Colleagues with the same roles in
    the same organisations share them."""
    signature = access_signature(user)
    return signature.partition(":")[2] if signature != "-" else signature


def organisations_where(user, roles: Iterable[str]) -> list[Organisation]:
    wanted = set(roles)
    return [m.organisation for m in memberships_of(user) if m.role in wanted]


def partner_organisations() -> QuerySet[Organisation]:
    """The organisations that work in the gebieden: partners and municipal teams."""
    return Organisation.objects.filter(
        kind__in=[Organisation.Kind.PARTNER, Organisation.Kind.GEMEENTETEAM]
    )


def raadsleden() -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, memberships__role=Role.RAADSLID
    ).distinct()


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("user__full_name")


def invitations_visible_to(user) -> QuerySet[Invitation]:
    from partners import permissions

    qs = Invitation.objects.select_related("organisation", "invited_by")
    if permissions.is_beheerder(user):
        return qs
    return qs.filter(organisation__in=organisations_where(user, [Role.COORDINATOR]))


def organisations_with_member_counts() -> QuerySet[Organisation]:
    from django.db.models import Count

    return Organisation.objects.annotate(member_count=Count("memberships")).order_by(
        "kind", "name"
    )


def who_grants_access(user) -> tuple[str, list[User]]:
    """Whom this person asks for access they lack, and as what.

    Partner staff ask the coördinator of their organisation; coördinators, the
    procesbegeleider and the griffier ask functioneel beheer; raadsleden ask
    the griffie. Returns the role asked and its active members (names and
    addresses for the page), or ("", []) when nobody can grant more.
    """
    roles = roles_of(user)
    if Role.MEDEWERKER in roles and Role.COORDINATOR not in roles:
        wanted = Role.COORDINATOR
        organisations = organisation_ids_of(user)
    elif roles == {Role.RAADSLID}:
        wanted, organisations = Role.GRIFFIER, None
    elif roles and Role.BEHEERDER not in roles:
        wanted, organisations = Role.BEHEERDER, None
    else:
        return "", []
    members = Membership.objects.filter(role=wanted, user__is_active=True)
    if organisations is not None:
        members = members.filter(organisation_id__in=organisations)
    people = sorted(
        {m.user for m in members.select_related("user")}, key=lambda u: str(u)
    )
    return wanted, people

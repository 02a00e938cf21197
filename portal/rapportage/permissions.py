"""Who may request, read, publish and correct reports, and see the budget."""

from partners.models import Role
from partners.permissions import (
    can_read_partner_data,
    has_role,
    is_beheerder,
    is_griffier,
    is_partner_staff,
    is_procesbegeleider,
)
from portal.rapportage.models import Audience, Rapport


def can_request_for(user, audience: str) -> bool:
    """Raad reports: griffier, coördinators, beheer. Partner reports: partner side."""
    if audience == Audience.RAAD:
        return (
            is_griffier(user) or is_beheerder(user) or has_role(user, Role.COORDINATOR)
        )
    if audience == Audience.PARTNERS:
        return can_read_partner_data(user)
    return False


def can_request_any(user) -> bool:
    return any(can_request_for(user, a) for a in Audience.values)


def requestable_audiences(user) -> list[str]:
    return [a for a in Audience.values if can_request_for(user, a)]


def can_publish(user, rapport: Rapport) -> bool:
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


def reads_partner_reports(user) -> bool:
    return is_partner_staff(user) or is_procesbegeleider(user) or is_beheerder(user)

"""Who may do what with gebieden, scans, signalen, acties and warnings."""

from core import policy
from partners.models import Organisation, Role
from partners.permissions import (
    PARTNER_ROLES,
    has_role,
    is_beheerder,
    is_only_raadslid,
    is_partner_staff,
)
from partners.selectors import memberships_of, reader_of


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def partner_organisations_of(user) -> list[Organisation]:
    """The partner organisations (and municipal teams) the user works for."""
    return [
        m.organisation
        for m in memberships_of(user)
        if m.role in PARTNER_ROLES and m.organisation.is_partner_side
    ]


def acting_organisation(user) -> Organisation | None:
    """The organisation a partner records data for (the first, if several)."""
    orgs = partner_organisations_of(user)
    return orgs[0] if orgs else None


def can_view_gebieden(user) -> bool:
    """Maps, indices and public signalen: everyone signed in except the raad.

    The raad reads scan results through published reports only.
    """
    return _active(user) and not is_only_raadslid(user)


def can_draw_straatcluster(user) -> bool:
    return is_partner_staff(user) or is_beheerder(user)


def can_record(user) -> bool:
    """Scans, measurements, judgements, signalen and acties: partner staff."""
    return is_partner_staff(user)


def can_edit_scan(user, scan) -> bool:
    return can_record(user) and not scan.is_read_only


def can_adopt_scan(user, scan) -> bool:
    """Adopting (vaststellen) is for a coördinator or the beheerder."""
    if scan.is_read_only:
        return False
    return is_beheerder(user) or has_role(user, Role.COORDINATOR)


def can_correct_scan(user, scan) -> bool:
    from scans.models import Gebiedsscan

    return (
        can_record(user)
        and scan.is_actueel
        and scan.status == Gebiedsscan.Status.VASTGESTELD
    )


def can_import_csv(user) -> bool:
    return is_partner_staff(user)


def can_edit_actie(user, actie) -> bool:
    if not can_record(user):
        return False
    org_ids = {o.pk for o in partner_organisations_of(user)}
    if actie.eigenaar_id in org_ids:
        return True
    return any(p.pk in org_ids for p in actie.partners.all())


def can_see_warnings(user) -> bool:
    return is_partner_staff(user)


def can_read_figures(user) -> bool:
    """Measured values, their sources and respondents: partner-level data.

    The scan page and the measurements CSV both ask this, so they agree; the
    griffier, the raad and the beheerder read indices and aggregates instead.
    """
    return policy.can_read_kind(reader_of(user), policy.Kind.METING)


def can_export_measurements(user) -> bool:
    return can_read_figures(user)

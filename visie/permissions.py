"""Who may read, edit, release and sign the visie.

Partner staff and the procesbegeleider draft; the procesbegeleider (or the
beheerder) releases versions; each coördinator signs for their organisation;
the raad and griffie read released versions only.
"""

from partners import permissions as p
from partners.models import Organisation, Role
from partners.selectors import organisations_where
from visie.models import Opmerking, Sectie, Versie, VisieDocument


def can_read_drafts(user) -> bool:
    """The living document, its history, comments, afspraken and bronnen."""
    return p.can_read_partner_data(user)


def can_read_versions(user) -> bool:
    """Released versions: everyone who drafts, plus the raad and the griffie."""
    return can_read_drafts(user) or p.is_raadslid(user) or p.is_griffier(user)


def can_draft(user) -> bool:
    return p.is_partner_staff(user) or p.is_procesbegeleider(user)


def can_edit_document(user, document: VisieDocument) -> bool:
    return can_draft(user) and not document.is_read_only


def can_edit_sectie(user, sectie: Sectie) -> bool:
    return can_edit_document(user, sectie.document)


def can_manage(user) -> bool:
    """Create documents and sections, release and adopt versions."""
    return p.is_procesbegeleider(user) or p.is_beheerder(user)


def can_manage_document(user, document: VisieDocument) -> bool:
    return can_manage(user) and not document.is_read_only


def can_comment_on_sectie(user, sectie: Sectie) -> bool:
    return can_draft(user) and not sectie.document.is_read_only


def can_comment_on_versie(user, versie: Versie) -> bool:
    """During consultatie the raad comments on the latest released text."""
    if versie.document.status != VisieDocument.Status.CONSULTATIE:
        return False
    if versie.status != Versie.Status.CONSULTATIE:
        return False
    if not (can_draft(user) or p.is_raadslid(user)):
        return False
    # Comments go to the version under consultation, not to superseded ones.
    latest = versie.document.versies.order_by("-number").values_list("pk", flat=True)
    return latest.first() == versie.pk


def can_resolve(user, opmerking: Opmerking) -> bool:
    return can_comment_on_sectie(user, opmerking.sectie)


def signing_organisations(user) -> list[Organisation]:
    """The partner organisations this user may sign for."""
    if not p.is_partner_staff(user):
        return []
    return [
        o for o in organisations_where(user, [Role.COORDINATOR]) if o.is_partner_side
    ]


def can_sign(user, versie: Versie) -> bool:
    return bool(signing_organisations(user))


def can_manage_bronnen(user) -> bool:
    return can_draft(user)


def acting_organisation(user) -> Organisation | None:
    """The organisation a user writes for: the first partner-side one, if any."""
    preferred = organisations_where(
        user, [Role.COORDINATOR, Role.MEDEWERKER, Role.PROCESBEGELEIDER]
    )
    if preferred:
        return preferred[0]
    fallback = organisations_where(user, Role.values)
    return fallback[0] if fallback else None

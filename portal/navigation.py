"""What each role sees in the main navigation and on the start page.

Entries name a URL and a predicate; an entry whose URL does not exist in this
build is left out, so an app can add its pages without touching this module's
callers.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _

from core.paths import fixed_path
from partners import permissions


def _authenticated(user) -> bool:
    return user.is_authenticated


def _not_only_raad(user) -> bool:
    return user.is_authenticated and not permissions.is_only_raadslid(user)


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str
    description: str
    allowed: Callable[[object], bool]
    in_nav: bool = True


ENTRIES = [
    Entry(
        "scans:gebied_list",
        _("Areas and scans"),
        _("The buurten and straatclusters on the map, with their area scans."),
        _not_only_raad,
    ),
    Entry(
        "visie:index",
        _("Vision"),
        _("The shared vision and the cooperation agreements."),
        _authenticated,
    ),
    Entry(
        "sessies:index",
        _("Sessions"),
        _("Council work sessions, participation sessions and partner meetings."),
        _authenticated,
    ),
    Entry(
        "rapportage:index",
        _("Reports"),
        _("PDF reports for the council and the partners."),
        _authenticated,
    ),
    Entry(
        "partners:organisation_list",
        _("Partners"),
        _("The partner organisations and their people."),
        permissions.can_view_organisations,
    ),
    Entry(
        "partners:invitation_list",
        _("Invitations"),
        _("Invite colleagues to the portal."),
        permissions.can_invite_anyone,
        in_nav=False,
    ),
    Entry(
        "audit:entry_list",
        _("Audit trail"),
        _("Who viewed, changed or exported sensitive information."),
        permissions.is_beheerder,
        in_nav=False,
    ),
    Entry(
        "admin:index",
        _("Management"),
        _("Organisations, users, areas, indicators and budget."),
        permissions.is_beheerder,
    ),
]


def _url(name: str) -> str | None:
    try:
        return fixed_path(name)
    except NoReverseMatch:
        return None


def entries_for(user, *, nav_only: bool = False) -> list[dict]:
    items = []
    for entry in ENTRIES:
        if nav_only and not entry.in_nav:
            continue
        if not entry.allowed(user):
            continue
        url = _url(entry.url_name)
        if url is None:
            continue
        items.append(
            {"url": url, "label": entry.label, "description": entry.description}
        )
    return items

"""What the start page shows a person: their own work, per role.

The start page is the one place that reads from every app, so it lives at the
top of the dependency order, next to the report app. Each panel is a small,
bounded query through the owning app's selectors; what they found is kept per
reader until a table they read changes (core.table_versions), or until the
first session listed has ended.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import table_versions
from partners import permissions
from partners.selectors import access_signature
from portal.rapportage.selectors import rapporten_visible_to
from scans.selectors import warnings_for
from sessies.selectors import upcoming_sessies

PANEL_SIZE = 5


@dataclass
class Panel:
    title: str
    items: list = field(default_factory=list)
    empty: str = ""
    more_url_name: str = ""


def panels_for(user) -> list[Panel]:
    staff = permissions.is_partner_staff(user)
    published = permissions.is_raadslid(user) or permissions.is_griffier(user)
    warnings, sessions, reports = table_versions.cached(
        "start-panels",
        access_signature(user),
        get_language(),
        compute=lambda: _items(user, staff=staff, published=published),
        expires=_until_first_session_ends,
    )
    panels = []
    if staff:
        panels.append(
            Panel(
                title=_("Early warnings for your organisation"),
                items=warnings,
                empty=_("No open early warnings."),
                more_url_name="scans:waarschuwing_list",
            )
        )
    panels.append(
        Panel(
            title=_("Your upcoming sessions"),
            items=sessions,
            empty=_("No upcoming sessions."),
            more_url_name="sessies:index",
        )
    )
    panels.append(
        Panel(
            title=_("Recently published reports") if published else _("Recent reports"),
            items=reports,
            empty=_("No reports yet."),
            more_url_name="rapportage:index",
        )
    )
    return panels


def _items(user, *, staff: bool, published: bool) -> tuple[list, list, list]:
    """The panels' rows: a label, a link and a date each, no related rows."""
    warnings = []
    if staff:
        warnings = [
            {"label": str(w), "url": w.get_absolute_url(), "when": w.created_at}
            for w in warnings_for(user)
            .select_related(None)
            .select_related("gebied")
            .only("regel", "created_at", "gebied__name")[:PANEL_SIZE]
        ]
    sessions = [
        {"label": s.title, "url": s.get_absolute_url(), "when": s.start, "end": s.end}
        for s in upcoming_sessies(user).only("title", "start", "end")[:PANEL_SIZE]
    ]
    reports = rapporten_visible_to(user).select_related(None)
    if published:
        reports = reports.filter(published_at__isnull=False).order_by("-published_at")
    else:
        reports = reports.order_by("-requested_at")
    reports = [
        {
            "label": r.title,
            "url": r.get_absolute_url(),
            "when": r.published_at or r.requested_at,
        }
        for r in reports.only("uid", "title", "published_at", "requested_at")[
            :PANEL_SIZE
        ]
    ]
    return warnings, sessions, reports


def _until_first_session_ends(items) -> float | None:
    """Time alone changes the panels only when a listed session ends.

    Time only takes sessions away (those that have ended), never adds one,
    and taking away one that is not listed leaves the first few by start as
    they were.
    """
    ends = [s["end"] for s in items[1]]
    if not ends:
        return None
    return (min(ends) - timezone.now()).total_seconds()

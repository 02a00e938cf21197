"""What the start page shows a person: their own work, per role.

The start page is the one place that reads from every app, so it lives at the
top of the dependency order, next to the report app. Each panel is a small,
bounded query through the owning app's selectors.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from partners import permissions
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
    panels = []
    if permissions.is_partner_staff(user):
        panels.append(
            Panel(
                title=_("Early warnings for your organisation"),
                items=[
                    {"label": str(w), "url": w.get_absolute_url(), "when": w.created_at}
                    for w in warnings_for(user)
                    .select_related(None)
                    .select_related("gebied")
                    .only("regel", "created_at", "gebied__name")[:PANEL_SIZE]
                ],
                empty=_("No open early warnings."),
                more_url_name="scans:waarschuwing_list",
            )
        )
    panels.append(
        Panel(
            title=_("Your upcoming sessions"),
            items=[
                {"label": s.title, "url": s.get_absolute_url(), "when": s.start}
                for s in upcoming_sessies(user)[:PANEL_SIZE]
            ],
            empty=_("No upcoming sessions."),
            more_url_name="sessies:index",
        )
    )
    # The panels show a title, a date and a link: no related rows needed.
    reports = rapporten_visible_to(user).select_related(None)
    if permissions.is_raadslid(user) or permissions.is_griffier(user):
        reports = reports.filter(published_at__isnull=False).order_by("-published_at")
        title = _("Recently published reports")
    else:
        reports = reports.order_by("-requested_at")
        title = _("Recent reports")
    panels.append(
        Panel(
            title=title,
            items=[
                {
                    "label": r.title,
                    "url": r.get_absolute_url(),
                    "when": r.published_at or r.requested_at,
                }
                for r in reports.only("uid", "title", "published_at", "requested_at")[
                    :PANEL_SIZE
                ]
            ],
            empty=_("No reports yet."),
            more_url_name="rapportage:index",
        )
    )
    return panels

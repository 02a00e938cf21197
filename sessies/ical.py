"""iCalendar (RFC 5545) for sessions, through the icalendar library.

Times go out as local Europe/Amsterdam times with a VTIMEZONE, so a calendar
shows 10:00 on both sides of a daylight-saving change. The UID is stable per
session; SEQUENCE comes from the session and grows with every change.
Attendees are not asked to reply from their calendar (RSVP=FALSE): the
organiser address reads no mail, so answers go through the portal's signed
links (ADR 0305).
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vText,
)

from sessies.models import Antwoord, Sessie, Uitnodiging

TZID = "Europe/Amsterdam"

PARTSTAT = {
    Antwoord.OPEN: "NEEDS-ACTION",
    Antwoord.AANMELDEN: "ACCEPTED",
    Antwoord.MISSCHIEN: "TENTATIVE",
    Antwoord.AFMELDEN: "DECLINED",
}


def partstat(uitnodiging: Uitnodiging) -> str:
    """The answer as the portal holds it; a sign-up still on the waiting list
    has no place yet, so it is tentative."""
    if uitnodiging.on_waiting_list:
        return "TENTATIVE"
    return PARTSTAT[uitnodiging.antwoord]


def prodid() -> str:
    return f"-//Gemeente {settings.GEMEENTE_NAAM}//Buurtaanpak//NL"


def uid_domain() -> str:
    """A name under the gemeente's own, fixed per gemeente rather than per host:
    a session keeps its UID when the portal moves to another address, and the
    default gemeente keeps the UIDs calendars already hold."""
    return f"buurtaanpak.{slugify(settings.GEMEENTE_NAAM)}.nl"


def uid_of(sessie: Sessie) -> str:
    return f"sessie-{sessie.uid}@{uid_domain()}"


def _calendar(method: str | None, name: str = "") -> Calendar:
    cal = Calendar()
    cal.add("prodid", prodid())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", TZID)
    return cal


def summary(sessie: Sessie) -> str:
    """The title, led by the BOB phase of a council session, so a raadslid
    sees the phase in a month view of any calendar."""
    if not sessie.bob_fase:
        return sessie.title
    fase = str(sessie.get_bob_fase_display())
    if fase.lower() in sessie.title.lower():
        return sessie.title
    return f"{capfirst(fase)}: {sessie.title}"


def _agenda_lines(sessie: Sessie) -> list[str]:
    from sessies.selectors import agenda

    lines = []
    for row in agenda(sessie, sessie.agendapunten.all()):
        indent = "    " if row.is_sub_item else ""
        lines.append(
            f"{local(row.start):%H:%M}  {indent}{row.number}. {row.item.title}"
        )
    return lines


def description(sessie: Sessie, *, cancelled: bool = False) -> str:
    parts = []
    if cancelled or sessie.is_cancelled:
        reason = sessie.cancel_reason or _("no reason given")
        parts.append(_("Cancelled: %(reason)s") % {"reason": reason})
    if sessie.bob_fase:
        parts.append(
            _("BOB phase: %(phase)s") % {"phase": sessie.get_bob_fase_display()}
        )
    if sessie.description:
        parts.append(sessie.description)
    lines = _agenda_lines(sessie)
    if lines:
        parts.append("\n".join([str(_("Agenda:")), *lines]))
    if sessie.online_url:
        parts.append(sessie.online_url)
    parts.append(
        _(
            "Answer through the links in the invitation e-mail or on the "
            "session page; an answer from your calendar does not reach the "
            "organiser. %(url)s"
        )
        % {"url": settings.SITE_URL + sessie.get_absolute_url()}
    )
    return "\n\n".join(str(part) for part in parts)


def _event(
    sessie: Sessie,
    *,
    cancelled: bool = False,
    attendees: Iterable[Uitnodiging] = (),
) -> Event:
    tz = ZoneInfo(TZID)
    cancelled = cancelled or sessie.is_cancelled
    event = Event()
    event.add("uid", uid_of(sessie))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", sessie.start.astimezone(tz))
    event.add("dtend", sessie.end.astimezone(tz))
    event.add("sequence", sessie.sequence)
    event.add("summary", summary(sessie))
    event.add("description", description(sessie, cancelled=cancelled))
    if cancelled and sessie.cancel_reason:
        event.add("comment", sessie.cancel_reason)
    if sessie.plaats:
        event.add("location", sessie.plaats)
    if sessie.online_url:
        event.add("url", sessie.online_url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    categories = [str(sessie.get_soort_display())]
    if sessie.bob_fase:
        categories.append(str(sessie.get_bob_fase_display()))
    event.add("categories", categories)
    # The organiser address does not read mail: no attendee is asked to
    # reply to it (RSVP=FALSE). Answers go through the portal's links, and
    # every update carries the answer the portal holds as PARTSTAT.
    organiser = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organiser.params["cn"] = vText(sessie.organiser.get_full_name())
    event.add("organizer", organiser)
    for uitnodiging in attendees:
        attendee = vCalAddress(f"mailto:{uitnodiging.email}")
        attendee.params["cn"] = vText(uitnodiging.display_name)
        attendee.params["cutype"] = vText("INDIVIDUAL")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText(partstat(uitnodiging))
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=0)
    return event


def _vtimezone() -> Timezone:
    """Europe/Amsterdam by the EU rule (last Sunday of March and October).

    Written as two RRULEs, as Outlook does, rather than the list of dates up
    to 2038 that a generated VTIMEZONE carries.
    """
    tz = Timezone()
    tz.add("tzid", TZID)
    daylight = TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("dtstart", datetime(1981, 3, 29, 2, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    standard = TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("dtstart", datetime(1996, 10, 27, 3, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    tz.add_component(daylight)
    tz.add_component(standard)
    return tz


def _finish(cal: Calendar) -> bytes:
    cal.subcomponents.insert(0, _vtimezone())
    return cal.to_ical()


def invitation_ics(uitnodiging: Uitnodiging, *, cancel: bool = False) -> bytes:
    """The attachment of an invitation, update, restore or cancellation mail."""
    with translation.override("nl"):
        cal = _calendar("CANCEL" if cancel else "REQUEST")
        cal.add_component(
            _event(uitnodiging.sessie, cancelled=cancel, attendees=[uitnodiging])
        )
        return _finish(cal)


def sessie_ics(sessie: Sessie) -> bytes:
    """The download on a session's page."""
    with translation.override("nl"):
        cal = _calendar("PUBLISH")
        cal.add_component(_event(sessie))
        return _finish(cal)


def feed_ics(sessies: Iterable[Sessie], *, name: str) -> bytes:
    """A subscription feed; cancelled sessions stay in with STATUS:CANCELLED
    so subscribed calendars remove them."""
    with translation.override("nl"):
        cal = _calendar("PUBLISH", name=name)
        for sessie in sessies:
            cal.add_component(_event(sessie))
        return _finish(cal)


def local(dt: datetime) -> datetime:
    return dt.astimezone(ZoneInfo(TZID))

"""iCalendar (RFC 5545) for sessions, through the icalendar library.

Times go out as local Europe/Amsterdam times with a VTIMEZONE, so a calendar
shows 10:00 on both sides of a daylight-saving change. The UID is stable per
session; SEQUENCE comes from the session and grows with every change.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
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


def _event(
    sessie: Sessie,
    *,
    cancelled: bool = False,
    attendees: Iterable[Uitnodiging] = (),
) -> Event:
    tz = ZoneInfo(TZID)
    event = Event()
    event.add("uid", uid_of(sessie))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", sessie.start.astimezone(tz))
    event.add("dtend", sessie.end.astimezone(tz))
    event.add("sequence", sessie.sequence)
    event.add("summary", sessie.title)
    description = sessie.description
    if sessie.online_url:
        description = f"{description}\n\n{sessie.online_url}".strip()
    if description:
        event.add("description", description)
    if sessie.location:
        event.add("location", sessie.location)
    if sessie.online_url:
        event.add("url", sessie.online_url)
    event.add(
        "status",
        "CANCELLED" if cancelled or sessie.is_cancelled else "CONFIRMED",
    )
    event.add("categories", [sessie.get_soort_display()])
    organiser = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organiser.params["cn"] = vText(sessie.organiser.get_full_name())
    event.add("organizer", organiser)
    for uitnodiging in attendees:
        attendee = vCalAddress(f"mailto:{uitnodiging.email}")
        attendee.params["cn"] = vText(uitnodiging.display_name)
        attendee.params["partstat"] = vText(PARTSTAT[uitnodiging.antwoord])
        attendee.params["rsvp"] = vText("TRUE")
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
    """The attachment of an invitation, update or cancellation mail."""
    cal = _calendar("CANCEL" if cancel else "REQUEST")
    cal.add_component(
        _event(uitnodiging.sessie, cancelled=cancel, attendees=[uitnodiging])
    )
    return _finish(cal)


def sessie_ics(sessie: Sessie) -> bytes:
    """The download on a session's page."""
    cal = _calendar("PUBLISH")
    cal.add_component(_event(sessie))
    return _finish(cal)


def feed_ics(sessies: Iterable[Sessie], *, name: str) -> bytes:
    """A subscription feed; cancelled sessions stay in with STATUS:CANCELLED
    so subscribed calendars remove them."""
    cal = _calendar("PUBLISH", name=name)
    for sessie in sessies:
        cal.add_component(_event(sessie))
    return _finish(cal)


def local(dt: datetime) -> datetime:
    return dt.astimezone(ZoneInfo(TZID))

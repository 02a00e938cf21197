"""Every .ics the portal produces parses back, with the right local times."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from icalendar import Calendar

from sessies import ical, services
from sessies.models import Antwoord
from tests.sessies.factories import invite, local, make_sessie

pytestmark = pytest.mark.django_db


def parse(data: bytes):
    cal = Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    return cal, events


def test_a_session_on_the_last_sunday_of_march_keeps_its_local_time(personas):
    # 28 March 2027: clocks go forward at 02:00; 10:00 is then UTC+2.
    sessie = make_sessie(
        personas.griffier, personas.griffie, start=local(2027, 3, 28, 10, 0)
    )
    cal, [event] = parse(ical.sessie_ics(sessie))
    start = event.decoded("dtstart")
    assert start.hour == 10 and str(start.tzinfo) == "Europe/Amsterdam"
    assert start.astimezone(UTC) == datetime(2027, 3, 28, 8, 0, tzinfo=UTC)
    assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_a_session_on_the_last_sunday_of_october_keeps_its_local_time(personas):
    # 31 October 2027: clocks go back at 03:00; 10:00 is then UTC+1.
    sessie = make_sessie(
        personas.griffier, personas.griffie, start=local(2027, 10, 31, 10, 0)
    )
    _cal, [event] = parse(ical.sessie_ics(sessie))
    assert event.decoded("dtstart").astimezone(UTC) == datetime(
        2027, 10, 31, 9, 0, tzinfo=UTC
    )
    assert event.decoded("dtend").hour == 12


def test_a_session_through_the_night_of_the_change_lasts_its_real_length(personas):
    # 01:00–04:00 local on the night clocks go forward is two real hours.
    start = local(2027, 3, 28, 1, 0)
    sessie = make_sessie(personas.griffier, personas.griffie, start=start, hours=2)
    _cal, [event] = parse(ical.sessie_ics(sessie))
    assert event.decoded("dtend").hour == 4
    utc = UTC
    real = event.decoded("dtend").astimezone(utc) - event.decoded("dtstart").astimezone(
        utc
    )
    assert real == timedelta(hours=2)


def test_the_uid_stays_the_same_and_the_sequence_grows_on_every_change(
    personas, raadssessie
):
    _cal, [before] = parse(ical.sessie_ics(raadssessie))
    services.sessie_update(
        sessie=raadssessie, by=personas.griffier, location="Trouwzaal"
    )
    raadssessie.refresh_from_db()
    _cal, [after] = parse(ical.sessie_ics(raadssessie))
    assert str(after["uid"]) == str(before["uid"])
    assert after.decoded("sequence") == before.decoded("sequence") + 1
    assert str(after["location"]) == "Trouwzaal"


def test_text_with_commas_semicolons_and_long_lines_survives(personas):
    title = "Buurten, straten; en de Kerkstraat\\Dam — " + "lang " * 30
    sessie = make_sessie(
        personas.griffier, personas.griffie, title=title, description="regel 1\nregel 2"
    )
    data = ical.sessie_ics(sessie)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert b"\\," in data and b"\\;" in data
    _cal, [event] = parse(data)
    assert str(event["summary"]) == f"Beeldvorming: {title}"
    assert "regel 1\nregel 2" in str(event["description"])


def test_the_invitation_mail_carries_a_request_and_the_cancellation_a_cancel(
    personas, raadssessie, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.uitnodigingen_create(
            sessie=raadssessie, by=personas.griffier, personen=[personas.raadslid]
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.sessie_cancel(
            sessie=raadssessie, by=personas.griffier, reason="Zaal onder water"
        )
    invitation, cancellation = mail.outbox
    methods = []
    for message in (invitation, cancellation):
        _name, content, mimetype = message.attachments[0]
        assert mimetype.startswith("text/calendar")
        cal, [event] = parse(content.encode())
        methods.append((str(cal["method"]), str(event["status"])))
        assert event["attendee"].params["CN"] == personas.raadslid.get_full_name()
    assert methods == [("REQUEST", "CONFIRMED"), ("CANCEL", "CANCELLED")]


def test_the_attendee_answer_is_in_the_calendar_file(personas, raadssessie):
    uitnodiging = invite(raadssessie, personas.raadslid, antwoord=Antwoord.MISSCHIEN)
    _cal, [event] = parse(ical.invitation_ics(uitnodiging))
    assert event["attendee"].params["PARTSTAT"] == "TENTATIVE"


def test_the_time_zone_follows_the_eu_rule_without_an_end_date(personas):
    sessie = make_sessie(
        personas.griffier, personas.griffie, start=local(2040, 3, 25, 10, 0)
    )
    cal, [event] = parse(ical.sessie_ics(sessie))
    [vtimezone] = cal.walk("VTIMEZONE")
    rules = {
        sub.name: (
            sub["rrule"]["FREQ"],
            sub["rrule"]["BYMONTH"],
            sub["rrule"]["BYDAY"],
            sub.decoded("tzoffsetto"),
        )
        for sub in vtimezone.subcomponents
    }
    assert rules == {
        "DAYLIGHT": (["YEARLY"], [3], ["-1SU"], timedelta(hours=2)),
        "STANDARD": (["YEARLY"], [10], ["-1SU"], timedelta(hours=1)),
    }
    assert "UNTIL" not in vtimezone.to_ical().decode()
    # 25 March 2040 is the last Sunday of March: 10:00 is summer time.
    assert event.decoded("dtstart").utcoffset() == timedelta(hours=2)


def test_the_bob_phase_is_in_the_summary_the_categories_and_the_description(
    personas,
):
    sessie = make_sessie(
        personas.griffier,
        personas.griffie,
        title="Werksessie visie",
        bob_fase="oordeelsvorming",
    )
    _cal, [event] = parse(ical.sessie_ics(sessie))
    assert str(event["summary"]) == "Oordeelsvorming: Werksessie visie"
    assert [str(c) for c in event["categories"].cats] == [
        "raadswerksessie",
        "oordeelsvorming",
    ]
    assert str(event["description"]).startswith("BOB-fase: oordeelsvorming")


def test_a_title_that_names_its_phase_is_not_prefixed_twice(personas):
    sessie = make_sessie(
        personas.griffier,
        personas.griffie,
        title="Raadswerksessie: beeldvorming Buurtaanpak",
    )
    _cal, [event] = parse(ical.sessie_ics(sessie))
    assert str(event["summary"]) == "Raadswerksessie: beeldvorming Buurtaanpak"


def test_other_sessions_carry_no_phase(personas):
    sessie = make_sessie(
        personas.coordinator,
        personas.woonkracht10,
        soort="partneroverleg",
        title="Overleg",
    )
    _cal, [event] = parse(ical.sessie_ics(sessie))
    assert str(event["summary"]) == "Overleg"
    assert "BOB" not in str(event["description"])

"""Answers that arrive: signed one-click links in every invitation mail, and
calendar files that do not ask for replies nobody reads."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from sessies import ical, services, tasks
from sessies import mail as sessie_mail
from sessies.models import Antwoord, Uitnodiging, VerzondenMail
from tests.sessies.factories import invite, make_sessie

pytestmark = pytest.mark.django_db


def links_in(body: str) -> dict[str, str]:
    """The one-click links of a mail, by the answer they give."""
    found = re.findall(r"https?://\S+/sessies/antwoord/\S+/(\w+)/", body)
    urls = re.findall(r"(https?://\S+/sessies/antwoord/\S+/\w+/)", body)
    return dict(zip(found, urls, strict=True))


def path_of(url: str) -> str:
    """The path of an absolute URL from a mail, for the test client."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_every_invitation_mail_carries_three_signed_answer_links(
    griffier, raadslid, raadssessie, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.uitnodigingen_create(
            sessie=raadssessie,
            by=griffier,
            personen=[raadslid],
            gasten=["gast@example.org"],
        )
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        links = links_in(message.body)
        assert set(links) == {"aanmelden", "misschien", "afmelden"}
        uitnodiging = Uitnodiging.objects.get(email=message.to[0])
        for url in links.values():
            token = url.rstrip("/").split("/")[-2]
            found = services.uitnodiging_for_token(token, guest_only=False)
            assert found == uitnodiging


def test_opening_a_link_changes_nothing_until_the_button_is_pressed(
    client, raadslid, raadssessie
):
    uitnodiging = invite(raadssessie, raadslid)
    url = path_of(sessie_mail.reply_url(uitnodiging, "aanmelden"))
    # What a mail scanner does: follow the link.
    page = client.get(url)
    assert page.status_code == 200
    assert "Bevestigen: aangemeld" in page.content.decode()
    uitnodiging.refresh_from_db()
    assert uitnodiging.antwoord == Antwoord.OPEN
    response = client.post(url, {"note": ""}, follow=True)
    assert "Uw antwoord is opgeslagen: aangemeld." in response.content.decode()
    uitnodiging.refresh_from_db()
    assert uitnodiging.antwoord == Antwoord.AANMELDEN


def test_a_link_works_without_logging_in_for_an_account_holder_too(
    client, raadslid, raadssessie
):
    uitnodiging = invite(raadssessie, raadslid)
    client.post(path_of(sessie_mail.reply_url(uitnodiging, "afmelden")))
    uitnodiging.refresh_from_db()
    assert uitnodiging.antwoord == Antwoord.AFMELDEN


def test_the_waiting_list_applies_to_a_one_click_answer(client, personas, raadssessie):
    raadssessie.capacity = 1
    raadssessie.save()
    first = invite(raadssessie, personas.raadslid)
    second = invite(raadssessie, email="gast@example.org")
    for uitnodiging in (first, second):
        client.post(path_of(sessie_mail.reply_url(uitnodiging, "aanmelden")))
    second.refresh_from_db()
    assert second.on_waiting_list


def test_a_tampered_link_is_refused(client, raadslid, raadssessie):
    mine = invite(raadssessie, raadslid)
    other = invite(raadssessie, email="ander@example.org")
    token = sessie_mail.rsvp_token(mine)
    forged = (
        f"{sessie_mail.rsvp_token(other).rsplit(':', 1)[0]}:{token.rsplit(':', 1)[1]}"
    )
    for bad, answer in [
        (forged, "aanmelden"),
        (token + "x", "aanmelden"),
        ("niet-geldig", "aanmelden"),
        (token, "ja-hoor"),
    ]:
        url = reverse("sessies:antwoord_link", args=[bad, answer])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    other.refresh_from_db()
    assert other.antwoord == Antwoord.OPEN


def test_a_link_of_a_renewed_guest_invitation_is_refused(client, griffier, raadssessie):
    guest = invite(raadssessie, email="gast@example.org")
    old = path_of(sessie_mail.reply_url(guest, "aanmelden"))
    services.gast_link_renew(uitnodiging=guest, by=griffier)
    assert client.get(old).status_code == 404


def test_a_link_used_after_the_session_is_refused(client, raadslid, personas):
    sessie = make_sessie(
        personas.griffier,
        personas.griffie,
        start=timezone.now() - timedelta(hours=3),
    )
    uitnodiging = invite(sessie, raadslid)
    url = path_of(sessie_mail.reply_url(uitnodiging, "aanmelden"))
    page = client.get(url)
    assert page.status_code == 410
    assert "Deze sessie is voorbij" in page.content.decode()
    assert client.post(url).status_code == 410
    uitnodiging.refresh_from_db()
    assert uitnodiging.antwoord == Antwoord.OPEN


def test_a_link_to_a_cancelled_session_is_refused(
    client, griffier, raadslid, raadssessie
):
    uitnodiging = invite(raadssessie, raadslid)
    services.sessie_cancel(sessie=raadssessie, by=griffier, reason="Storm")
    url = path_of(sessie_mail.reply_url(uitnodiging, "aanmelden"))
    response = client.post(url)
    assert response.status_code == 410
    assert "Deze sessie is geannuleerd" in response.content.decode()
    uitnodiging.refresh_from_db()
    assert uitnodiging.antwoord == Antwoord.OPEN


# The calendar file ----------------------------------------------------------


def test_the_ics_asks_no_calendar_to_reply_to_the_no_reply_organiser(
    raadslid, raadssessie
):
    uitnodiging = invite(raadssessie, raadslid)
    data = ical.invitation_ics(uitnodiging)
    assert b"RSVP=TRUE" not in data.replace(b"\r\n ", b"")
    [event] = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["organizer"]).startswith("mailto:")
    assert event["attendee"].params["RSVP"] == "FALSE"
    assert "komt niet bij de organisator aan" in str(event["description"])


@pytest.mark.parametrize(
    ("antwoord", "partstat"),
    [
        (Antwoord.OPEN, "NEEDS-ACTION"),
        (Antwoord.AANMELDEN, "ACCEPTED"),
        (Antwoord.MISSCHIEN, "TENTATIVE"),
        (Antwoord.AFMELDEN, "DECLINED"),
    ],
)
def test_the_attendee_carries_the_answer_the_portal_holds(
    antwoord, partstat, raadslid, raadssessie
):
    uitnodiging = invite(raadssessie, raadslid, antwoord=antwoord)
    [event] = Calendar.from_ical(ical.invitation_ics(uitnodiging)).walk("VEVENT")
    assert event["attendee"].params["PARTSTAT"] == partstat


def test_a_sign_up_on_the_waiting_list_is_tentative_in_the_calendar(
    raadslid, raadssessie
):
    uitnodiging = invite(
        raadssessie,
        raadslid,
        antwoord=Antwoord.AANMELDEN,
        wachtlijst_sinds=timezone.now(),
    )
    [event] = Calendar.from_ical(ical.invitation_ics(uitnodiging)).walk("VEVENT")
    assert event["attendee"].params["PARTSTAT"] == "TENTATIVE"


def test_an_update_after_a_one_click_answer_sends_that_answer(
    client, griffier, raadslid, raadssessie, django_capture_on_commit_callbacks
):
    uitnodiging = invite(raadssessie, raadslid)
    client.post(path_of(sessie_mail.reply_url(uitnodiging, "aanmelden")))
    with django_capture_on_commit_callbacks(execute=True):
        services.sessie_update(sessie=raadssessie, by=griffier, title="Nieuwe titel")
    [message] = mail.outbox
    [event] = Calendar.from_ical(message.attachments[0][1].encode()).walk("VEVENT")
    assert event["attendee"].params["PARTSTAT"] == "ACCEPTED"
    assert event.decoded("sequence") == 1


def test_the_invitation_with_its_links_goes_out_once_through_the_outbox(
    raadslid, raadssessie
):
    uitnodiging = invite(raadssessie, raadslid)
    assert tasks.send_sessie_mail(uitnodiging.pk, "invite", 0) is True
    assert tasks.send_sessie_mail(uitnodiging.pk, "invite", 0) is False
    assert len(mail.outbox) == 1
    assert VerzondenMail.objects.filter(sent_at__isnull=False).count() == 1


def test_guessing_answer_links_is_rate_limited(client, raadslid, raadssessie):
    uitnodiging = invite(raadssessie, raadslid)
    statuses = [
        client.get(
            reverse("sessies:antwoord_link", args=[f"gok-{i}", "aanmelden"])
        ).status_code
        for i in range(30)
    ]
    assert statuses == [404] * 30
    real = path_of(sessie_mail.reply_url(uitnodiging, "aanmelden"))
    assert client.post(real).status_code == 429
    uitnodiging.refresh_from_db()
    assert uitnodiging.antwoord == Antwoord.OPEN

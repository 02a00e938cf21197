from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from sessies import mail as sessie_mail
from sessies import services
from sessies.models import Antwoord, Sessie, Uitnodiging
from tests.sessies.factories import invite, make_sessie

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    start = timezone.localtime() + timedelta(days=14)
    data = {
        "soort": "raadswerksessie",
        "title": "Werksessie Buurtaanpak",
        "bob_fase": "beeldvorming",
        "start": start.strftime("%Y-%m-%dT19:30"),
        "end": start.strftime("%Y-%m-%dT21:30"),
        "location": "Raadzaal",
        "capacity": "",
        "openbaar": "on",
    }
    data.update(overrides)
    return data


def test_the_griffier_plans_a_session_in_dutch_time(client_for, griffier):
    client = client_for(griffier)
    response = client.post(reverse("sessies:sessie_create"), form_data())
    sessie = Sessie.objects.get()
    assert response.status_code == 302
    assert timezone.localtime(sessie.start).strftime("%H:%M") == "19:30"


def test_end_before_start_shows_a_dutch_message_and_saves_nothing(client_for, griffier):
    start = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%d")
    response = client_for(griffier).post(
        reverse("sessies:sessie_create"),
        form_data(start=f"{start}T20:00", end=f"{start}T19:00"),
    )
    assert response.status_code == 200
    assert "Het einde moet na het begin liggen." in response.content.decode()
    assert not Sessie.objects.exists()


def test_a_session_in_the_past_shows_a_dutch_message(client_for, griffier):
    response = client_for(griffier).post(
        reverse("sessies:sessie_create"),
        form_data(start="2020-01-06T19:30", end="2020-01-06T21:00"),
    )
    assert "Een sessie kan niet in het verleden beginnen." in response.content.decode()
    assert not Sessie.objects.exists()


def test_a_malformed_date_shows_a_dutch_message(client_for, griffier):
    response = client_for(griffier).post(
        reverse("sessies:sessie_create"), form_data(start="morgen")
    )
    assert response.status_code == 200
    assert "Vul een datum en tijd in" in response.content.decode()


def test_capacity_below_sign_ups_is_explained_on_the_form(
    client_for, griffier, raadssessie, personas
):
    invite(raadssessie, personas.raadslid, antwoord=Antwoord.AANMELDEN)
    invite(raadssessie, email="gast@example.org", antwoord=Antwoord.AANMELDEN)
    local_start = timezone.localtime(raadssessie.start)
    local_end = timezone.localtime(raadssessie.end)
    data = form_data(
        start=local_start.strftime("%Y-%m-%dT%H:%M"),
        end=local_end.strftime("%Y-%m-%dT%H:%M"),
        capacity="1",
    )
    data.pop("soort")
    response = client_for(griffier).post(
        reverse("sessies:sessie_update", args=[raadssessie.pk]), data
    )
    assert "2 mensen hebben zich al aangemeld" in response.content.decode()
    raadssessie.refresh_from_db()
    assert raadssessie.capacity is None


def test_an_invalid_guest_address_is_shown_and_nobody_is_invited(
    client_for, griffier, raadssessie
):
    response = client_for(griffier).post(
        reverse("sessies:uitnodigen", args=[raadssessie.pk]),
        {"gasten": "bewoner@example.org\nniet-een-adres"},
    )
    assert "Dit zijn geen geldige e-mailadressen: niet-een-adres" in (
        response.content.decode()
    )
    assert not Uitnodiging.objects.exists()


def test_a_raadslid_answers_and_sees_their_answer(client_for, raadslid, raadssessie):
    invite(raadssessie, raadslid)
    client = client_for(raadslid)
    response = client.post(
        reverse("sessies:rsvp", args=[raadssessie.pk]),
        {"antwoord": "aanmelden", "note": "Ik kom iets later."},
        follow=True,
    )
    assert "Uw antwoord is opgeslagen: aangemeld." in response.content.decode()


def test_an_answer_on_a_cancelled_session_says_so_in_dutch(
    client_for, griffier, raadslid, raadssessie
):
    invite(raadssessie, raadslid)
    services.sessie_cancel(sessie=raadssessie, by=griffier, reason="Ziek")
    response = client_for(raadslid).post(
        reverse("sessies:rsvp", args=[raadssessie.pk]),
        {"antwoord": "aanmelden"},
        follow=True,
    )
    assert "Deze sessie is geannuleerd" in response.content.decode()


def test_a_guest_answers_through_the_signed_link(client, raadssessie):
    guest = invite(raadssessie, email="bewoner@example.org")
    url = reverse("sessies:gast_rsvp", args=[sessie_mail.rsvp_token(guest)])
    assert raadssessie.title in client.get(url).content.decode()
    response = client.post(url, {"antwoord": "misschien", "note": ""})
    assert response.status_code == 302
    guest.refresh_from_db()
    assert guest.antwoord == Antwoord.MISSCHIEN


def test_a_tampered_guest_link_is_a_404(client, raadssessie):
    guest = invite(raadssessie, email="bewoner@example.org")
    token = sessie_mail.rsvp_token(guest)
    other = invite(raadssessie, email="ander@example.org")
    # Another invitation's payload with this link's signature.
    payload = sessie_mail.rsvp_token(other).rsplit(":", 1)[0]
    forged = f"{payload}:{token.rsplit(':', 1)[1]}"
    assert forged != sessie_mail.rsvp_token(other)
    assert client.get(reverse("sessies:gast_rsvp", args=[forged])).status_code == 404
    assert (
        client.get(reverse("sessies:gast_rsvp", args=[token + "x"])).status_code == 404
    )


def test_an_old_guest_link_is_a_404_after_a_new_one_was_sent(
    client, griffier, raadssessie
):
    guest = invite(raadssessie, email="bewoner@example.org")
    old = sessie_mail.rsvp_token(guest)
    services.gast_link_renew(uitnodiging=guest, by=griffier)
    guest.refresh_from_db()
    assert client.get(reverse("sessies:gast_rsvp", args=[old])).status_code == 404
    new = sessie_mail.rsvp_token(guest)
    assert client.get(reverse("sessies:gast_rsvp", args=[new])).status_code == 200


def test_a_guest_link_of_an_account_holder_is_a_404(client, raadslid, raadssessie):
    uitnodiging = invite(raadssessie, raadslid)
    token = sessie_mail.rsvp_token(uitnodiging)
    assert client.get(reverse("sessies:gast_rsvp", args=[token])).status_code == 404


def test_a_guest_cannot_answer_a_cancelled_session(client, griffier, raadssessie):
    guest = invite(raadssessie, email="bewoner@example.org")
    services.sessie_cancel(sessie=raadssessie, by=griffier, reason="Ziek")
    url = reverse("sessies:gast_rsvp", args=[sessie_mail.rsvp_token(guest)])
    response = client.post(url, {"antwoord": "aanmelden"})
    assert "Deze sessie is geannuleerd" in response.content.decode()
    guest.refresh_from_db()
    assert guest.antwoord == Antwoord.OPEN


def _new_feed_url(client, scope="persoonlijk"):
    client.post(reverse("sessies:kalender"), {"scope": scope, "actie": "vernieuwen"})
    page = client.get(reverse("sessies:kalender")).content.decode()
    start = page.index("/sessies/kalender/")
    return page[start : page.index('"', start)]


def test_the_personal_feed_lists_my_sessions_and_parses(
    client_for, raadslid, raadssessie
):
    invite(raadssessie, raadslid)
    url = _new_feed_url(client_for(raadslid))
    response = client_for(None).get(url)
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    assert [str(e["summary"]) for e in cal.walk("VEVENT")] == [
        "Beeldvorming: Raadswerksessie Buurtaanpak"
    ]
    assert cal.walk("VTIMEZONE")


def test_a_renewed_feed_kills_the_old_address(client_for, raadslid):
    client = client_for(raadslid)
    old = _new_feed_url(client)
    new = _new_feed_url(client)
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_revoked_feed_is_a_404(client_for, raadslid):
    client = client_for(raadslid)
    url = _new_feed_url(client)
    client.post(
        reverse("sessies:kalender"), {"scope": "persoonlijk", "actie": "intrekken"}
    )
    assert client.get(url).status_code == 404


def test_the_griffier_and_every_raadslid_get_the_raad_feed_a_partner_does_not(
    client_for, griffier, raadslid, medewerker, personas
):
    besloten = make_sessie(griffier, personas.griffie, openbaar=False, title="Besloten")
    open_ = make_sessie(griffier, personas.griffie, openbaar=True, title="Openbaar")
    url = _new_feed_url(client_for(griffier), scope="raad")
    cal = Calendar.from_ical(client_for(None).get(url).content)
    assert {str(e["uid"]) for e in cal.walk("VEVENT")} == {
        f"sessie-{besloten.uid}@buurtaanpak.alblasserdam.nl",
        f"sessie-{open_.uid}@buurtaanpak.alblasserdam.nl",
    }
    # The raadslid's raad feed: the public sessions and those they are
    # invited to, not the griffie's closed ones.
    url = _new_feed_url(client_for(raadslid), scope="raad")
    cal = Calendar.from_ical(client_for(None).get(url).content)
    assert [str(e["uid"]) for e in cal.walk("VEVENT")] == [
        f"sessie-{open_.uid}@buurtaanpak.alblasserdam.nl"
    ]
    invite(besloten, raadslid)
    cal = Calendar.from_ical(client_for(None).get(url).content)
    assert len(cal.walk("VEVENT")) == 2
    response = client_for(medewerker).post(
        reverse("sessies:kalender"), {"scope": "raad", "actie": "vernieuwen"}
    )
    assert response.status_code == 403


def test_a_raad_feed_stops_when_its_owner_is_no_longer_raadslid(client_for, raadslid):
    url = _new_feed_url(client_for(raadslid), scope="raad")
    assert client_for(None).get(url).status_code == 200
    raadslid.memberships.update(role="medewerker")
    assert client_for(None).get(url).status_code == 404


def test_the_griffier_sees_a_double_booked_raadslid(
    client_for, griffier, raadslid, raadssessie, personas
):
    other = make_sessie(
        griffier, personas.griffie, start=raadssessie.start, title="Tweede sessie"
    )
    invite(raadssessie, raadslid)
    invite(other, raadslid)
    page = client_for(griffier).get(raadssessie.get_absolute_url()).content.decode()
    assert "Dubbele boekingen" in page and "Tweede sessie" in page
    page = client_for(raadslid).get(raadssessie.get_absolute_url()).content.decode()
    assert "Dubbele boekingen" not in page


def _many(personas, n):
    for i in range(n):
        sessie = make_sessie(
            personas.griffier,
            personas.griffie,
            openbaar=True,
            title=f"Sessie {i}",
            start=timezone.now() + timedelta(days=i + 1),
            location="Raadzaal",
            capacity=20,
        )
        invite(sessie, personas.raadslid, antwoord=Antwoord.AANMELDEN)
        invite(sessie, email=f"gast{i}@example.org")


@pytest.mark.parametrize("n", [1, 30])
def test_the_list_needs_a_bounded_number_of_queries(
    n, client_for, personas, django_assert_max_num_queries
):
    _many(personas, n)
    client = client_for(personas.raadslid)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("sessies:index")).status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_the_timeline_needs_a_bounded_number_of_queries(
    n, client_for, personas, django_assert_max_num_queries
):
    _many(personas, n)
    client = client_for(personas.griffier)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("sessies:tijdlijn")).status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_the_calendar_feed_needs_a_bounded_number_of_queries(
    n, client_for, personas, django_assert_max_num_queries
):
    _many(personas, n)
    url = _new_feed_url(client_for(personas.raadslid))
    client = client_for(None)
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200


GARBAGE = {
    "soort": "x" * 300,
    "title": "",
    "bob_fase": "onzin",
    "start": "2027-02-30T25:61",
    "end": "gisteren",
    "capacity": "-4",
    "online_url": "javascript:alert(1)",
    "buurten": ["abc"],
    "duration_minutes": "9999",
    "personen": ["999999"],
    "organisaties": ["x"],
    "gasten": "@@@",
    "antwoord": "ja",
    "text": "",
    "aanwezig": ["nope"],
    "rubricering": "geheim",
    "status": "gewist",
    "scope": "raad",
    "actie": "vernieuwen",
    "richting": "zijwaarts",
}


def test_garbage_in_any_form_never_gives_a_server_error(
    client_for, personas, raadssessie
):
    p = personas
    past = make_sessie(p.griffier, p.griffie, start=timezone.now() - timedelta(days=1))
    invite(past, p.raadslid, aanwezig=True)
    services.verslag_save(sessie=past, by=p.griffier, text="Concept")
    amendement = services.amendement_create(sessie=past, by=p.raadslid, text="a")
    item = services.agendapunt_create(
        sessie=raadssessie, by=p.griffier, title="A", duration_minutes=5
    )
    guest = invite(raadssessie, email="gast@example.org")
    invite(raadssessie, p.raadslid)
    urls = [
        reverse("sessies:sessie_create"),
        reverse("sessies:sessie_update", args=[raadssessie.pk]),
        reverse("sessies:agendapunt_create", args=[raadssessie.pk]),
        reverse("sessies:agendapunt_update", args=[item.pk]),
        reverse("sessies:agendapunt_move", args=[item.pk]),
        reverse("sessies:uitnodigen", args=[raadssessie.pk]),
        reverse("sessies:verslag_edit", args=[past.pk]),
        reverse("sessies:verslag_detail", args=[past.pk]),
        reverse("sessies:aanwezigheid", args=[past.pk]),
        reverse("sessies:opbrengst_create", args=[past.pk]),
        reverse("sessies:amendement_decide", args=[amendement.pk]),
        reverse("sessies:kalender"),
        reverse("sessies:gast_rsvp", args=[sessie_mail.rsvp_token(guest)]),
        reverse("sessies:gast_rsvp", args=["niet-geldig"]),
        reverse("sessies:feed", args=["niet-geldig"]),
    ]
    for user in (p.griffier, p.raadslid):
        client = client_for(user)
        for url in urls:
            response = client.post(url, GARBAGE)
            assert response.status_code < 500, url
        response = client.post(reverse("sessies:rsvp", args=[raadssessie.pk]), GARBAGE)
        assert response.status_code < 500
    raadssessie.refresh_from_db()
    assert raadssessie.title == "Raadswerksessie Buurtaanpak"


def test_the_procesbegeleider_adds_a_period_to_the_timeline(
    client_for, procesbegeleider
):
    client = client_for(procesbegeleider)
    response = client.post(
        reverse("sessies:mijlpaal_create"),
        {
            "title": "Participatie",
            "start_date": "2027-03-01",
            "end_date": "2027-02-01",
        },
    )
    assert "De einddatum mag niet voor de begindatum liggen." in (
        response.content.decode()
    )
    client.post(
        reverse("sessies:mijlpaal_create"),
        {"title": "Participatie", "start_date": "2027-03-01", "end_date": "2027-07-15"},
    )
    page = client.get(reverse("sessies:tijdlijn")).content.decode()
    assert "Participatie" in page and "15 juli 2027" in page


@pytest.mark.parametrize("n", [1, 40])
def test_the_session_page_needs_a_bounded_number_of_queries(
    n, client_for, personas, raadssessie, django_assert_max_num_queries
):
    for i in range(n):
        invite(raadssessie, email=f"gast{i}@example.org", antwoord=Antwoord.AANMELDEN)
        services.agendapunt_create(
            sessie=raadssessie,
            by=personas.griffier,
            title=f"Punt {i}",
            duration_minutes=1,
        )
    invite(raadssessie, personas.raadslid)
    client = client_for(personas.griffier)
    with django_assert_max_num_queries(30):
        assert client.get(raadssessie.get_absolute_url()).status_code == 200


def test_the_session_page_counts_the_waiting_list_apart(
    client_for, personas, raadssessie
):
    raadssessie.capacity = 1
    raadssessie.save()
    for uitnodiging in (
        invite(raadssessie, personas.raadslid),
        invite(raadssessie, email="gast@example.org"),
    ):
        services.rsvp(uitnodiging=uitnodiging, antwoord=Antwoord.AANMELDEN)
    page = client_for(personas.griffier).get(raadssessie.get_absolute_url())
    text = page.content.decode()
    assert "1 aangemeld van 1 plaatsen; 1 op de wachtlijst" in text


def test_a_time_that_does_not_exist_on_the_night_of_the_dst_change_is_explained(
    client_for, griffier
):
    # 28 March 2027 02:30 does not exist in the Netherlands: clocks skip an hour.
    response = client_for(griffier).post(
        reverse("sessies:sessie_create"),
        form_data(start="2027-03-28T02:30", end="2027-03-28T04:00"),
    )
    assert response.status_code == 200
    assert "Europe/Amsterdam" in response.content.decode()
    assert not Sessie.objects.exists()

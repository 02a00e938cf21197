"""Participation sessions open to residents: sign up without an account."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from portal.bewaartermijnen import services as bewaartermijnen
from portal.bewaartermijnen.tasks import anonymise_expired
from sessies import services
from sessies.models import Antwoord, Uitnodiging, VerzondenMail
from tests.sessies.factories import invite, make_sessie

pytestmark = pytest.mark.django_db


@pytest.fixture
def avond(personas):
    sessie = make_sessie(
        personas.procesbegeleider,
        personas.koersbekenners,
        soort="participatiesessie",
        title="Bewonersavond Souburgh",
        capacity=2,
    )
    return services.publieke_aanmelding_zetten(
        sessie=sessie, by=personas.procesbegeleider, open=True
    )


def page_url(sessie):
    return reverse("sessies:publiek_aanmelden", args=[sessie.aanmeldcode])


def sign_up(client, sessie, name="Jan de Vries", email="jan@example.org", **extra):
    data = {"name": name, "email": email, "akkoord": "on", **extra}
    return client.post(page_url(sessie), data)


def confirm_link(message) -> str:
    [url] = re.findall(r"https?://\S+/antwoord/\S+/aanmelden/", message.body)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_the_procesbegeleider_publishes_a_sign_up_page(
    client_for, procesbegeleider, personas, settings
):
    sessie = make_sessie(
        procesbegeleider,
        personas.koersbekenners,
        soort="participatiesessie",
        title="Bewonersavond",
    )
    client = client_for(procesbegeleider)
    response = client.post(
        reverse("sessies:publieke_aanmelding", args=[sessie.pk]),
        {"actie": "openen"},
        follow=True,
    )
    sessie.refresh_from_db()
    assert sessie.publieke_aanmelding and sessie.aanmeldcode
    assert f"{settings.SITE_URL}{page_url(sessie)}" in response.content.decode()
    assert client_for(None).get(page_url(sessie)).status_code == 200


def test_a_raad_session_gets_no_public_sign_up(griffier, raadssessie):
    with pytest.raises(PermissionDenied):
        services.publieke_aanmelding_zetten(sessie=raadssessie, by=griffier, open=True)


def test_the_public_page_explains_what_happens_to_the_details(client, avond):
    page = client.get(page_url(avond)).content.decode()
    assert "Wat we bewaren: uw naam en e-mailadres" in page
    assert "Hoe lang: tot 7 dagen na de sessie" in page
    assert "Wie ze ziet: de organisator van deze sessie (Koersbekenners)" in page
    assert "Niet de partnerorganisaties, niet de gemeenteraad." in page
    assert "nog 2 plaatsen vrij" in page


def test_an_unknown_or_closed_page_is_a_404(client, avond, procesbegeleider):
    assert (
        client.get(reverse("sessies:publiek_aanmelden", args=["raden"])).status_code
        == 404
    )
    url = page_url(avond)
    services.publieke_aanmelding_zetten(sessie=avond, by=procesbegeleider, open=False)
    assert client.get(url).status_code == 404
    assert sign_up(client, avond).status_code == 404
    assert not Uitnodiging.objects.exists()


def test_a_resident_signs_up_and_confirms_through_the_mail(
    client, avond, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, avond)
    assert "Kijk in uw e-mail" in response.content.decode()
    resident = Uitnodiging.objects.get()
    assert (resident.publiek, resident.user, resident.name) == (
        True,
        None,
        "Jan de Vries",
    )
    # No place yet: the address might be someone else's, or mistyped.
    assert resident.antwoord == Antwoord.OPEN
    [message] = mail.outbox
    assert message.to == ["jan@example.org"]
    assert message.subject == "Bevestig uw aanmelding: Bewonersavond Souburgh"
    link = confirm_link(message)
    assert client.get(link).status_code == 200
    resident.refresh_from_db()
    assert resident.antwoord == Antwoord.OPEN
    client.post(link)
    resident.refresh_from_db()
    assert resident.has_place


def test_a_full_session_puts_the_next_resident_on_the_waiting_list(
    client, avond, personas
):
    for uitnodiging in (
        invite(avond, personas.medewerker),
        invite(avond, email="buur@example.org"),
    ):
        services.rsvp(uitnodiging=uitnodiging, antwoord=Antwoord.AANMELDEN)
    assert "Vol: u kunt zich aanmelden voor de wachtlijst" in (
        client.get(page_url(avond)).content.decode()
    )
    sign_up(client, avond)
    resident = Uitnodiging.objects.get(publiek=True)
    services.rsvp(uitnodiging=resident, antwoord=Antwoord.AANMELDEN)
    resident.refresh_from_db()
    assert resident.on_waiting_list
    services.rsvp(
        uitnodiging=Uitnodiging.objects.get(email="buur@example.org"),
        antwoord=Antwoord.AFMELDEN,
    )
    resident.refresh_from_db()
    assert resident.has_place


def test_signing_up_twice_reveals_nothing_and_holds_one_place(
    client, avond, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = sign_up(client, avond)
    old_link = confirm_link(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        again = sign_up(client, avond, name="Iemand Anders")
    assert again.content.decode().count(
        "Kijk in uw e-mail"
    ) == first.content.decode().count("Kijk in uw e-mail")
    assert Uitnodiging.objects.count() == 1
    assert Uitnodiging.objects.get().name == "Jan de Vries"
    # Never confirmed: the mail goes again, with a new link.
    assert len(mail.outbox) == 2
    assert client.get(old_link).status_code == 404
    client.post(confirm_link(mail.outbox[1]))
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, avond)
    assert len(mail.outbox) == 2


def test_without_consent_or_a_valid_address_nothing_is_stored(client, avond):
    response = sign_up(client, avond, akkoord="")
    assert "Bevestig dat u de uitleg over uw gegevens hebt gelezen." in (
        response.content.decode()
    )
    response = sign_up(client, avond, email="geen-adres")
    assert response.status_code == 200
    assert not Uitnodiging.objects.exists()
    assert mail.outbox == []


def test_a_cancelled_session_takes_no_more_sign_ups(client, avond, procesbegeleider):
    services.sessie_cancel(sessie=avond, by=procesbegeleider, reason="Zaal lekt")
    response = sign_up(client, avond)
    assert response.status_code == 410
    assert "Deze sessie is geannuleerd." in response.content.decode()
    assert not Uitnodiging.objects.exists()


def test_the_sign_up_is_rate_limited(client, avond):
    statuses = [
        sign_up(client, avond, email=f"bewoner{i}@example.org").status_code
        for i in range(12)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429, 429]
    assert Uitnodiging.objects.count() == 10


def test_the_organiser_sees_who_signed_up_publicly(client_for, client, avond):
    sign_up(client, avond)
    page = client_for(avond.organiser).get(avond.get_absolute_url()).content.decode()
    assert "Jan de Vries" in page
    assert "bewoner, aangemeld via de openbare pagina" in page


# Retention -------------------------------------------------------------------


def _ended(avond, days):
    end = timezone.now() - timedelta(days=days)
    type(avond).objects.filter(pk=avond.pk).update(
        start=end - timedelta(hours=2), end=end
    )


def test_the_retention_task_removes_residents_details_a_week_after_the_session(
    client, avond, personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, avond)
    link = confirm_link(mail.outbox[0])
    client.post(link)
    guest = invite(avond, email="gast@example.org")  # invited, not public
    _ended(avond, 6)
    assert bewaartermijnen.anonymise(dry_run=True).aanmeldingen == 0
    _ended(avond, 8)
    assert bewaartermijnen.anonymise(dry_run=True).aanmeldingen == 1
    assert Uitnodiging.objects.get(publiek=True).name == "Jan de Vries"
    assert anonymise_expired()["aanmeldingen"] == 1
    resident = Uitnodiging.objects.get(publiek=True)
    assert resident.name == "" and "jan" not in resident.email
    assert resident.gegevens_gewist_at is not None
    # What counts stays: the answer.
    assert resident.antwoord == Antwoord.AANMELDEN
    assert resident.display_name == "deelnemer (gegevens verwijderd)"
    assert not VerzondenMail.objects.filter(recipient="jan@example.org").exists()
    assert client.get(link).status_code == 404
    guest.refresh_from_db()
    assert guest.email == "gast@example.org"
    assert anonymise_expired()["aanmeldingen"] == 0

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from sessies.models import Antwoord, Sessie, Uitnodiging, Zaal
from tests.browser.conftest import A11yTracker, a11y, login
from tests.conftest import enable_totp, make_user


def raadslid_page(page, live_server):
    context = page.context.browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(live_server.url)
            else route.abort()
        ),
    )
    other = context.new_page()
    other.set_default_timeout(15_000)
    other.a11y_tracker = A11yTracker()
    return other


def test_the_griffier_plans_invites_and_cancels_and_the_raadslid_answers(
    page, live_server, personas
):
    griffier = make_user(
        "griffier@griffie.test", personas.griffie, "griffier", name="Willem Griffier"
    )
    secret = enable_totp(griffier)
    raadslid = personas.raadslid
    raadzaal = Zaal.objects.create(name="Raadzaal", building="Gemeentehuis")
    day = (timezone.localdate() + timedelta(days=20)).isoformat()

    login(page, live_server, griffier, secret=secret)
    a11y(page)
    page.goto(f"{live_server.url}/sessies/")
    a11y(page)
    page.get_by_role("link", name="Sessie plannen").click()
    page.wait_for_url("**/sessies/nieuw/")
    a11y(page)
    page.get_by_label("Soort").select_option("raadswerksessie")
    page.get_by_label("Titel").fill("Werksessie visie Buurtaanpak")
    page.get_by_label("BOB-fase").select_option("oordeelsvorming")
    page.get_by_label("Begintijd").fill(f"{day}T19:30")
    page.get_by_label("Eindtijd").fill(f"{day}T19:00")
    page.get_by_role("button", name="Sessie plannen").click()
    a11y(page)
    assert (
        "Het einde moet na het begin liggen." in page.get_by_role("alert").inner_text()
    )
    page.get_by_label("Eindtijd").fill(f"{day}T21:30")
    page.get_by_label("Zaal (niet verplicht)").select_option(label=str(raadzaal))
    page.get_by_role("button", name="Sessie plannen").click()
    page.wait_for_url("**/sessies/*/")
    a11y(page)
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Werksessie visie Buurtaanpak"
    )
    assert "19:30–21:30" in page.locator(".details").inner_text()

    page.get_by_role("link", name="Mensen uitnodigen").click()
    a11y(page)
    page.get_by_label(raadslid.get_full_name()).check()
    page.get_by_label("Externe gasten").fill("insprekers@example.org")
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    page.wait_for_url("**/sessies/*/")
    a11y(page)
    assert "2 uitnodiging(en) verstuurd." in page.get_by_role("status").inner_text()
    sessie = Sessie.objects.get()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "insprekers@example.org",
        raadslid.email,
    ]

    # The raadslid answers in a browser of their own; the griffier stays
    # logged in (a TOTP code cannot be used twice).
    other = raadslid_page(page, live_server)
    login(other, live_server, raadslid)
    a11y(other)
    other.goto(f"{live_server.url}/sessies/{sessie.pk}/")
    a11y(other)
    other.get_by_label("Ik kom", exact=True).check()
    other.get_by_label("Toelichting").fill("Ik neem de stukken mee.")
    other.get_by_role("button", name="Antwoord opslaan").click()
    other.wait_for_url(f"**/sessies/{sessie.pk}/")
    a11y(other)
    assert "Uw antwoord is opgeslagen: aangemeld." in (
        other.get_by_role("status").inner_text()
    )
    assert Uitnodiging.objects.get(user=raadslid).antwoord == Antwoord.AANMELDEN
    other.context.close()

    page.goto(f"{live_server.url}/sessies/{sessie.pk}/")
    a11y(page)
    assert "Ik neem de stukken mee." in page.get_by_role("table").last.inner_text()
    mail.outbox.clear()
    page.get_by_role("link", name="Sessie annuleren").click()
    page.wait_for_url(f"**/sessies/{sessie.pk}/annuleren/")
    a11y(page)
    assert mail.outbox == []
    page.get_by_role("button", name="Sessie annuleren en genodigden informeren").click()
    a11y(page)
    assert "Dit veld is verplicht." in page.get_by_role("alert").inner_text()
    page.get_by_label("Reden van annuleren").fill("De raadzaal is onder water gelopen.")
    page.get_by_role("button", name="Sessie annuleren en genodigden informeren").click()
    page.wait_for_url(f"**/sessies/{sessie.pk}/")
    a11y(page)
    assert "Deze sessie is geannuleerd." in page.locator("main").inner_text()
    cancellations = {m.to[0]: m for m in mail.outbox}
    assert set(cancellations) == {raadslid.email, "insprekers@example.org"}
    message = cancellations[raadslid.email]
    assert message.subject == "Geannuleerd: Werksessie visie Buurtaanpak"
    assert "METHOD:CANCEL" in message.attachments[0][1]
    assert "De raadzaal is onder water gelopen." in message.body

    # Changing it now says to restore it first; restoring asks to confirm.
    page.goto(f"{live_server.url}/sessies/{sessie.pk}/wijzigen/")
    a11y(page)
    page.get_by_role("link", name="Deze sessie herstellen").click()
    page.wait_for_url(f"**/sessies/{sessie.pk}/herstellen/")
    a11y(page)
    mail.outbox.clear()
    page.get_by_role(
        "button", name="Sessie herstellen en genodigden informeren"
    ).click()
    page.wait_for_url(f"**/sessies/{sessie.pk}/")
    a11y(page)
    assert {m.subject for m in mail.outbox} == {
        "Gaat toch door: Werksessie visie Buurtaanpak"
    }


def test_the_other_session_pages_pass_axe(page, live_server, personas):
    from sessies import mail as sessie_mail
    from sessies import services
    from tests.sessies.factories import invite, make_sessie

    eva = personas.procesbegeleider
    past = make_sessie(
        eva,
        personas.koersbekenners,
        soort=Sessie.Soort.PARTICIPATIESESSIE,
        title="Participatiesessie Souburgh",
        start=timezone.now() - timedelta(days=2),
    )
    invite(past, personas.medewerker, antwoord=Antwoord.AANMELDEN, aanwezig=True)
    coming = make_sessie(
        eva,
        personas.koersbekenners,
        soort=Sessie.Soort.PARTICIPATIESESSIE,
        title="Participatiesessie Vinkenpolder",
    )
    item = services.agendapunt_create(
        sessie=coming, by=eva, title="Welkom", duration_minutes=15
    )
    services.agendapunt_create(
        sessie=coming, by=eva, title="Uitleg", duration_minutes=5, parent=item
    )
    guest = invite(coming, email="bewoner@example.org")
    services.publieke_aanmelding_zetten(sessie=coming, by=eva, open=True)
    coming.refresh_from_db()

    # A resident signs up on the public page, no account.
    page.goto(f"{live_server.url}/sessies/aanmelden/{coming.aanmeldcode}/")
    a11y(page)
    page.get_by_role("button", name="Aanmelden").click()
    a11y(page)
    assert "Verbeter het volgende" in page.get_by_role("alert").inner_text()
    page.get_by_label("Uw naam").fill("Jan de Vries")
    page.get_by_label("Uw e-mailadres").fill("jan@example.org")
    page.get_by_label("Ik heb gelezen wat er met mijn gegevens gebeurt").check()
    page.get_by_role("button", name="Aanmelden").click()
    a11y(page)
    assert "Kijk in uw e-mail" in page.get_by_role("heading", level=1).inner_text()

    # The guest answers with the one-click link from the mail.
    page.goto(
        live_server.url
        + f"/sessies/antwoord/{sessie_mail.rsvp_token(guest)}/aanmelden/"
    )
    a11y(page)
    page.get_by_role("button", name="Bevestigen: aangemeld").click()
    a11y(page)
    assert "aangemeld" in page.get_by_role("status").inner_text()

    page.goto(f"{live_server.url}/sessies/antwoord/{sessie_mail.rsvp_token(guest)}/")
    a11y(page)
    page.get_by_label("Misschien").check()
    page.get_by_role("button", name="Antwoord opslaan").click()
    a11y(page)
    assert "misschien" in page.get_by_role("status").inner_text()

    login(page, live_server, eva)
    a11y(page)
    for path in [
        "/sessies/tijdlijn/",
        "/sessies/?periode=verleden",
        f"/sessies/{coming.pk}/",
        f"/sessies/{coming.pk}/wijzigen/",
        f"/sessies/{coming.pk}/agenda/nieuw/",
        f"/sessies/agendapunt/{item.pk}/wijzigen/",
        f"/sessies/{past.pk}/verslag/",
        "/sessies/raad/?maand=2027-03",
        f"/sessies/{coming.pk}/annuleren/",
        f"/sessies/{past.pk}/verslag/schrijven/",
    ]:
        page.goto(live_server.url + path)
        a11y(page)
    page.get_by_label("Verslag").fill("We spraken over de speeltuin.")
    page.get_by_role("button", name="Concept opslaan").click()
    a11y(page)
    page.get_by_role("link", name="Aanwezigheid registreren").click()
    a11y(page)
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    a11y(page)
    page.get_by_role("link", name="Opbrengst vastleggen").click()
    a11y(page)
    page.get_by_role("button", name="Opbrengst opslaan").click()
    a11y(page)
    assert "Verbeter het volgende" in page.get_by_role("alert").inner_text()
    page.goto(f"{live_server.url}/sessies/kalender/")
    a11y(page)
    page.get_by_role("button", name="Adres maken").click()
    a11y(page)
    assert (
        "/sessies/kalender/"
        in page.get_by_label("Uw nieuwe feedadres (alleen nu getoond):").input_value()
    )

"""Reports in the browser: request, watch the status change, find and download."""

from portal.rapportage import services
from portal.rapportage.models import Rapport
from tests.browser.conftest import a11y, login
from tests.conftest import enable_totp, make_user
from tests.rapportage.factories import make_rapport


def test_a_coordinator_requests_a_report_and_downloads_it(
    page, live_server, coordinator
):
    login(page, live_server, coordinator)
    page.wait_for_url(f"{live_server.url}/")
    a11y(page)
    page.get_by_role("link", name="Rapportages", exact=True).first.click()
    a11y(page)
    page.get_by_role("link", name="Rapport aanvragen").click()
    a11y(page)
    page.get_by_label("Soort rapport").select_option("gebiedsscan")
    page.get_by_label("Voor", exact=True).select_option("partners")
    page.get_by_role("button", name="Rapport aanvragen").click()
    a11y(page)
    assert page.get_by_role("alert").filter(has_text="Kies het gebied").count() == 1
    assert Rapport.objects.count() == 0
    page.get_by_label("Soort rapport").select_option("begroting")
    page.get_by_label("Voor", exact=True).select_option("partners")
    page.get_by_role("button", name="Rapport aanvragen").click()
    page.wait_for_url("**/rapporten/*-*/")
    a11y(page)
    assert "klaar" in page.locator("#rapport-status").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="downloaden (pdf)").click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_the_status_updates_on_the_page_without_a_reload_by_hand(
    page, live_server, personas
):
    griffier = make_user("tweede-griffier@test.nl", personas.griffie, "griffier")
    secret = enable_totp(griffier)
    rapport = make_rapport(requested_by=griffier, status=Rapport.Status.WACHTRIJ)
    login(page, live_server, griffier, secret=secret)
    page.wait_for_url(f"{live_server.url}/")
    a11y(page)
    page.goto(f"{live_server.url}{rapport.get_absolute_url()}")
    a11y(page)
    live = page.locator("#rapport-status")
    assert live.get_attribute("aria-live") == "polite"
    assert "in de wachtrij" in live.inner_text()

    services.rapport_process(pk=rapport.pk)

    page.get_by_role("link", name="downloaden (pdf)").wait_for(timeout=15000)
    a11y(page)
    assert "klaar" in page.locator("#rapport-status").inner_text()


def test_a_raadslid_reads_a_report_and_keeps_a_note_next_to_it(
    page, live_server, personas
):
    rapport = make_rapport(
        requested_by=personas.griffier, published_by=personas.griffier
    )
    login(page, live_server, personas.raadslid)
    page.wait_for_url(f"{live_server.url}/")
    a11y(page)
    page.goto(f"{live_server.url}{rapport.get_absolute_url()}")
    a11y(page)
    assert page.locator("iframe[title]").count() == 1
    page.get_by_role("button", name="Notitie opslaan").click()
    a11y(page)
    assert page.get_by_role("alert").filter(has_text="Uw notitie").count() == 1
    page.get_by_label("Pagina").fill("1")
    page.get_by_label("Geciteerde passage").fill("Geachte raad")
    page.get_by_label("Uw notitie").fill("Navragen in de commissie")
    page.get_by_role("button", name="Notitie opslaan").click()
    page.wait_for_url("**/#notities")
    a11y(page)
    assert page.get_by_role("heading", name="Pagina 1 — van u, privé").count() == 1


def test_the_griffier_writes_the_colleges_letter_and_corrects_a_report(
    page, live_server, personas
):
    griffier = make_user("derde-griffier@test.nl", personas.griffie, "griffier")
    secret = enable_totp(griffier)
    concept = make_rapport(requested_by=griffier, brief=False, title="Brief")
    published = make_rapport(
        requested_by=griffier, published_by=griffier, title="Voortgang november"
    )
    login(page, live_server, griffier, secret=secret)
    page.wait_for_url(f"{live_server.url}/")
    a11y(page)
    page.goto(f"{live_server.url}{concept.get_absolute_url()}")
    a11y(page)
    page.get_by_role("link", name="Brief schrijven").click()
    a11y(page)
    page.get_by_role("button", name="Brief opslaan").click()
    a11y(page)
    assert page.get_by_role("alert").filter(has_text="Kenmerk").count() == 1
    page.get_by_label("Kenmerk").fill("Z-2026-00412")
    page.get_by_label("Tekst van het college").fill("Wij informeren u.")
    page.get_by_label("Naam van de burgemeester").fill("J. van der Linden")
    page.get_by_label("Naam van de secretaris").fill("A.M. Verhoef")
    page.get_by_role("button", name="Brief opslaan").click()
    page.wait_for_url(f"**{concept.get_absolute_url()}")
    a11y(page)

    page.goto(f"{live_server.url}{published.get_absolute_url()}")
    a11y(page)
    page.get_by_role("link", name="Dit rapport corrigeren").click()
    a11y(page)
    page.get_by_role("button", name="Correctie aanvragen").click()
    a11y(page)
    assert page.get_by_role("alert").filter(has_text="wijzigt").count() == 1


def test_a_gemeente_coordinator_records_a_payment_outside_the_admin(
    page, live_server, personas
):
    from partners.models import Organisation

    team = Organisation.objects.create(
        name="Team Buitenruimte", slug="buitenruimte", kind="gemeenteteam"
    )
    keeper = make_user("ilse@buitenruimte.test", team, "coordinator")
    login(page, live_server, keeper)
    page.wait_for_url(f"{live_server.url}/")
    a11y(page)
    page.goto(f"{live_server.url}/rapporten/begroting/")
    a11y(page)
    page.get_by_role("link", name="Betaling vastleggen").click()
    a11y(page)
    page.get_by_label("Bedrag (euro)").fill("12,34,5")
    page.get_by_role("button", name="Opslaan").click()
    a11y(page)
    assert page.get_by_role("alert").filter(has_text="1.234,56").count() == 1
    page.get_by_label("Datum").fill("2026-03-01")
    page.get_by_label("Bedrag (euro)").fill("1.234,56")
    page.get_by_label("Omschrijving").fill("Zaalhuur")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/rapporten/begroting/")
    a11y(page)
    assert "€ 1.234,56" in page.content()

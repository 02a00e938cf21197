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

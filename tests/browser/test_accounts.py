from partners import services
from partners.models import User
from tests.browser.conftest import a11y, login, totp_code
from tests.conftest import PASSWORD, make_user


def test_a_partner_logs_in_and_reaches_the_start_page(page, live_server, medewerker):
    login(page, live_server, medewerker)
    page.wait_for_url(f"{live_server.url}/")
    a11y(page)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welkom")
    assert page.get_by_role("navigation", name="Hoofdnavigatie").is_visible()


def test_a_griffier_sets_up_two_factor_authentication_at_first_login(
    page, live_server, personas
):
    griffier = make_user("nieuwe-griffier@test.nl", personas.griffie, "griffier")
    login(page, live_server, griffier)
    # Nothing else opens before two-factor authentication is set up; allauth
    # asks for the password once more before adding an authenticator.
    page.goto(f"{live_server.url}/partners/")
    page.wait_for_url("**/accounts/reauthenticate/**")
    a11y(page)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    a11y(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Code uit de authenticator-app").fill("000000")
    page.get_by_role("button", name="Instellen").click()
    a11y(page)
    assert page.get_by_text("Ongeldige code.", exact=True).is_visible()
    page.get_by_label("Code uit de authenticator-app").fill(totp_code(secret))
    page.get_by_role("button", name="Instellen").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/**")
    a11y(page)
    page.goto(f"{live_server.url}/")
    a11y(page)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welkom")


def test_an_invited_person_creates_an_account_and_lands_on_the_start_page(
    page, live_server, coordinator, personas
):
    _inv, token = services.invitation_create(
        invited_by=coordinator,
        email="nieuw@woonkracht10.test",
        organisation=personas.woonkracht10,
        role="medewerker",
    )
    page.goto(f"{live_server.url}/partners/uitnodiging/{token}/")
    a11y(page)
    page.get_by_label("Uw naam").fill("Nieuwe Collega")
    page.get_by_label("Wachtwoord", exact=True).fill("kort")
    page.get_by_label("Wachtwoord nogmaals").fill("kort")
    page.get_by_role("button", name="Account aanmaken").click()
    a11y(page)
    summary = page.get_by_role("alert")
    assert "Verbeter het volgende" in summary.inner_text()
    assert page.get_by_label("Uw naam").input_value() == "Nieuwe Collega"
    page.get_by_label("Wachtwoord", exact=True).fill("Een-Lange-Zin-Als-Wachtwoord")
    page.get_by_label("Wachtwoord nogmaals").fill("Een-Lange-Zin-Als-Wachtwoord")
    page.get_by_role("button", name="Account aanmaken").click()
    page.wait_for_url(f"{live_server.url}/")
    a11y(page)
    assert "Welkom" in page.get_by_role("heading", level=1).inner_text()
    assert User.objects.filter(email="nieuw@woonkracht10.test").exists()
    page.goto(f"{live_server.url}/partners/uitnodiging/{token}/")
    a11y(page)
    # Signed in now: the used link sends the user on instead of making an account.
    assert page.url == f"{live_server.url}/"

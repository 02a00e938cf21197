from tests.browser.conftest import a11y, login


def test_a_partner_logs_in_and_reaches_the_start_page(page, live_server, medewerker):
    login(page, live_server, medewerker)
    page.wait_for_url(f"{live_server.url}/")
    a11y(page)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welkom")
    assert page.get_by_role("navigation", name="Hoofdnavigatie").is_visible()

"""The address page: read-only, accessible, and no verification noise."""

from tests.browser.conftest import a11y, login


def test_a_partner_reads_the_address_and_who_changes_it(page, live_server, medewerker):
    login(page, live_server, medewerker)
    a11y(page)
    page.goto(f"{live_server.url}/accounts/email/")
    a11y(page)
    assert page.get_by_text(medewerker.email).is_visible()
    assert page.get_by_text("functioneel beheer", exact=False).is_visible()
    assert page.get_by_role("textbox").count() == 0

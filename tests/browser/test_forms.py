"""What a real browser does with the portal's forms: nothing typed is lost.

Chromium shows an <input type="date"> only when its value is yyyy-mm-dd and
sends it empty otherwise; it refuses a decimal comma in <input type="number">.
These tests save forms in Chromium itself, so a widget that renders what the
browser cannot read fails here the way it fails for a person.
"""

from datetime import date
from decimal import Decimal

from django.test import override_settings

from tests.browser.conftest import a11y, login
from tests.visie.factories import make_afspraak, make_document
from visie.models import Afspraak, Bron


def _afspraak(personas):
    document, _ = make_document(personas)
    afspraak = make_afspraak(personas, document)
    Afspraak.objects.filter(pk=afspraak.pk).update(
        deadline=date(2026, 12, 31), budget=Decimal("1234.56"), uren=Decimal("7.5")
    )
    return afspraak


def test_saving_an_unchanged_afspraak_keeps_its_deadline(page, live_server, personas):
    afspraak = _afspraak(personas)
    login(page, live_server, personas.coordinator)
    a11y(page)
    page.goto(f"{live_server.url}/visie/afspraak/{afspraak.pk}/bewerken/")
    a11y(page)
    # What the browser shows, not what the HTML says.
    assert page.locator("#id_deadline").input_value() == "2026-12-31"
    assert page.locator("#id_budget").input_value() == "1234,56"
    assert page.locator("#id_uren").input_value() == "7,5"

    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/afspraken/")
    a11y(page)
    assert page.get_by_text("De afspraak is opgeslagen.").is_visible()
    afspraak.refresh_from_db()
    assert afspraak.deadline == date(2026, 12, 31)
    assert afspraak.budget == Decimal("1234.56")
    assert afspraak.uren == Decimal("7.5")


def test_a_dutch_amount_typed_into_the_budget_is_saved(page, live_server, personas):
    afspraak = _afspraak(personas)
    login(page, live_server, personas.coordinator)
    a11y(page)
    page.goto(f"{live_server.url}/visie/afspraak/{afspraak.pk}/bewerken/")
    a11y(page)
    page.locator("#id_budget").fill("12.345,67")
    page.locator("#id_uren").fill("3,5")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/afspraken/")
    a11y(page)
    afspraak.refresh_from_db()
    assert afspraak.budget == Decimal("12345.67")
    assert afspraak.uren == Decimal("3.5")
    assert afspraak.deadline == date(2026, 12, 31)


@override_settings(UPLOAD_MAX_BYTES=1024)
def test_a_file_over_the_limit_is_named_before_anything_is_sent(
    page, live_server, personas
):
    login(page, live_server, personas.procesbegeleider)
    a11y(page)
    page.goto(f"{live_server.url}/visie/bronnen/nieuw/")
    a11y(page)
    page.get_by_label("Titel").fill("Wijkanalyse Kinderdijk")
    page.get_by_label("Omschrijving").fill("Eerste regel.\nTweede regel.")
    requests = []
    page.on("request", lambda r: requests.append(r) if r.method == "POST" else None)
    page.locator("#id_upload").set_input_files(
        {"name": "groot.pdf", "mimeType": "application/pdf", "buffer": b"0" * 2048}
    )
    message = page.get_by_text("Dit bestand is groter dan 1\xa0kB.")
    assert message.is_visible()
    assert page.locator("#id_upload").get_attribute("aria-invalid") == "true"
    a11y(page)

    page.get_by_role("button", name="Toevoegen").click()
    # Nothing was sent; everything typed is still there.
    assert not requests
    assert page.get_by_label("Titel").input_value() == "Wijkanalyse Kinderdijk"
    assert page.evaluate("document.activeElement.id") == "id_upload"
    assert Bron.objects.count() == 0

    page.locator("#id_upload").set_input_files(
        {"name": "klein.pdf", "mimeType": "application/pdf", "buffer": b"0" * 10}
    )
    assert not message.is_visible()
    assert page.locator("#id_upload").get_attribute("aria-invalid") is None

"""Browser flows of the gebiedsscan: maps, a scan with measurements, signalen, CSV."""

import re

import pytest
from playwright.sync_api import expect

from partners import demo as partners_demo
from scans import demo
from scans.models import Gebied, Gebiedsscan, Meting, Signaal
from tests.browser.conftest import a11y, login


@pytest.fixture
def demo_data(db):
    partners_demo.load()
    demo.load()


def test_a_partner_opens_a_buurt_on_the_map(page, live_server, medewerker, demo_data):
    login(page, live_server, medewerker)
    a11y(page)
    page.goto(f"{live_server.url}/gebieden/")
    a11y(page)
    paths = page.locator("#kaart path.leaflet-interactive")
    paths.first.wait_for()  # the outlines come as their own GeoJSON resource
    assert paths.count() >= 16  # polygons show even though tiles cannot load
    assert page.get_by_text("CC-BY Kadaster").first.is_visible()
    paths.nth(3).click(force=True)
    page.wait_for_url(re.compile(r".*/gebieden/(BU|SC)[\w-]+/$"))
    a11y(page)
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator("#kaart path.leaflet-interactive").count() >= 1


def test_a_partner_views_the_overview_map(page, live_server, medewerker, demo_data):
    login(page, live_server, medewerker)
    a11y(page)
    page.goto(f"{live_server.url}/gebieden/overzicht/")
    a11y(page)
    page.locator("#kaart path.leaflet-interactive").first.wait_for()
    assert page.locator("#kaart path.leaflet-interactive").count() >= 16
    expect(page.locator("#kaart")).not_to_have_attribute("aria-busy", "true")
    table = page.get_by_role("table")
    assert "Redersbuurt" in table.inner_text()
    # Sorting the table by the safety index puts the lowest first; again, the highest.
    page.get_by_role("link", name="Veiligheid (sorteren)").click()
    page.wait_for_url("**sort=veiligheid**")
    header = page.get_by_role("columnheader", name="Veiligheid (sorteren)")
    assert header.get_attribute("aria-sort") == "ascending"
    a11y(page)
    lowest = page.locator("tbody tr").first.inner_text()
    page.get_by_role("link", name="Veiligheid (sorteren)").click()
    page.wait_for_url("**sort=-veiligheid**")
    assert header.get_attribute("aria-sort") == "descending"
    assert page.locator("tbody tr").first.inner_text() != lowest
    a11y(page)
    page.get_by_label("Domein op de kaart").select_option("sociaal")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_url("**domein=sociaal**")
    a11y(page)


def test_a_partner_records_a_scan_with_measurements(page, live_server, medewerker, db):
    from tests.scans import factories as f

    buurt = f.buurt(2, name="Redersbuurt")
    f.ronde()
    f.indicator("overlast-jeugd")
    f.indicator("onveilig", thema_code="beleving", laag="subjectief")
    login(page, live_server, medewerker)
    a11y(page)
    page.goto(f"{live_server.url}{buurt.get_absolute_url()}")
    a11y(page)
    page.get_by_role("link", name="Nieuwe scan").click()
    a11y(page)
    page.get_by_role("button", name="Scan aanmaken").click()
    page.wait_for_url("**/gebieden/scans/*/")
    a11y(page)
    for name, value in (("Overlast Jeugd", "4,5"), ("Onveilig", "27")):
        page.get_by_role("link", name="Meting toevoegen").click()
        a11y(page)
        page.get_by_label("Indicator").select_option(
            label=f"{name} (per 1.000 inwoners)"
        )
        page.get_by_label("Waarde").fill(value)
        page.get_by_role("button", name="Opslaan", exact=True).click()
        try:
            page.wait_for_url("**/gebieden/scans/*/")
        except Exception:
            print(page.url, page.locator("main").inner_text())
            raise
        a11y(page)
    assert Meting.objects.count() == 2
    assert page.get_by_text("4,5 per 1.000 inwoners").is_visible()
    page.get_by_role("button", name="Ter review aanbieden").click()
    page.wait_for_url("**/gebieden/scans/*/")
    a11y(page)
    assert Gebiedsscan.objects.get().status == "review"


def test_a_partner_adds_a_signaal_on_the_map(page, live_server, medewerker, db):
    from tests.scans import factories as f

    buurt = f.buurt(2, name="Redersbuurt")
    f.thema()
    login(page, live_server, medewerker)
    a11y(page)
    page.goto(f"{live_server.url}/gebieden/{buurt.code}/signaal/nieuw/")
    a11y(page)
    page.get_by_label("Thema").select_option(label="Overlast")
    page.get_by_label("hot spot (plek)").check()
    page.get_by_label("Waarneming", exact=True).fill(
        "Hangplek bij de werfkade in de avonduren"
    )
    page.get_by_label("partners", exact=True).check()
    page.locator("#kaart").scroll_into_view_if_needed()
    box = page.locator("#kaart").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.get_by_label("Punt op de kaart").input_value()
    page.get_by_role("button", name="Signaal opslaan").click()
    page.wait_for_url(f"**{buurt.get_absolute_url()}")
    a11y(page)
    signaal = Signaal.objects.get()
    assert signaal.point is not None
    assert page.get_by_text("Hangplek bij de werfkade").is_visible()


def test_a_partner_imports_a_csv(page, live_server, medewerker, tmp_path, db):
    from tests.scans import factories as f

    f.buurt(2, name="Redersbuurt")
    r = f.ronde()
    f.indicator("overlast-jeugd")
    csv = tmp_path / "metingen.csv"
    csv.write_bytes(
        "gebied;indicator;waarde;bron\nBU04820002;overlast-jeugd;4,5;Politie\n".encode(
            "cp1252"
        )
    )
    login(page, live_server, medewerker)
    a11y(page)
    page.goto(f"{live_server.url}/gebieden/rondes/{r.pk}/import/")
    a11y(page)
    page.get_by_label("CSV-bestand").set_input_files(str(csv))
    page.get_by_role("button", name="Bestand controleren").click()
    page.get_by_text("Het bestand is in orde").wait_for()
    a11y(page)
    assert Meting.objects.count() == 0
    page.get_by_role("button", name="Alle metingen opslaan").click()
    page.wait_for_url("**/gebieden/overzicht/")
    a11y(page)
    assert Meting.objects.get().bron == "Politie"


def test_a_partner_draws_a_straatcluster(page, live_server, medewerker, db):
    from tests.scans import factories as f

    for n in (1, 2, 11, 12):
        f.buurt(n)
    login(page, live_server, medewerker)
    a11y(page)
    page.goto(f"{live_server.url}/gebieden/straatcluster/nieuw/")
    a11y(page)
    # Leaflet and Leaflet.draw speak Dutch: zoom buttons, toolbar, tooltips.
    assert page.locator("a.leaflet-control-zoom-in").get_attribute("title") == (
        "Inzoomen"
    )
    assert page.locator("a.leaflet-control-zoom-out").get_attribute("title") == (
        "Uitzoomen"
    )
    polygon = page.locator("a.leaflet-draw-draw-polygon")
    assert polygon.get_attribute("title") == "Teken een vlak"
    assert page.locator("a.leaflet-draw-edit-remove").get_attribute("title") == (
        "Geen lagen om te verwijderen"
    )
    polygon.click()
    assert page.get_by_title("Tekenen annuleren").is_visible()
    assert page.locator(".leaflet-draw-actions a:visible").all_inner_texts() == [
        "Afronden",
        "Laatste punt verwijderen",
        "Annuleren",
    ]
    page.locator("#kaart").scroll_into_view_if_needed()
    box = page.locator("#kaart").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    points = [
        (cx - 60, cy - 40),
        (cx + 60, cy - 40),
        (cx + 60, cy + 40),
        (cx - 60, cy + 40),
    ]
    for x, y in points:
        page.mouse.click(x, y)
        page.wait_for_timeout(150)
    page.mouse.click(*points[0])
    assert '"Polygon"' in page.get_by_label("Vorm (GeoJSON)").input_value()
    assert page.locator("a.leaflet-draw-edit-remove").get_attribute("title") == (
        "Verwijder lagen"
    )
    page.locator("a.leaflet-draw-edit-remove").click()
    assert page.locator(".leaflet-draw-actions a:visible").all_inner_texts() == [
        "Opslaan",
        "Annuleren",
        "Alles verwijderen",
    ]
    page.get_by_title("Bewerken annuleren, wijzigingen vervallen").click()
    page.get_by_label("Naam").fill("Rederskwartier")
    page.get_by_label("Straten in het cluster").fill("Havenstraat\nRederstraat")
    page.get_by_role("button", name="Straatcluster opslaan").click()
    page.wait_for_url("**/gebieden/SC-001/")
    a11y(page)
    cluster = Gebied.objects.get(code="SC-001")
    assert cluster.overlapping_buurten.count() >= 2
    assert page.get_by_text("Overlapt buurten").is_visible()


def test_the_other_scan_pages_pass_axe(page, live_server, coordinator, demo_data):
    login(page, live_server, coordinator)
    a11y(page)
    scan = Gebiedsscan.objects.filter(gebied__code="BU04820102", versie=2).get()
    waarschuwing = scan.gebied.waarschuwingen.filter(
        organisation__slug="woonkracht10"
    ).first()
    for path in [
        "/gebieden/WK048201/",
        "/gebieden/SC-001/",
        "/gebieden/signalen/?thema=overlast",
        "/gebieden/acties/",
        "/gebieden/vergelijken/",
        "/gebieden/waarschuwingen/",
        waarschuwing.get_absolute_url(),
        scan.get_absolute_url(),
        f"/gebieden/scans/{scan.pk}/geschiedenis/",
        f"/gebieden/scans/{scan.pk}/oordeel/",
        "/gebieden/BU04820102/actie/nieuw/",
    ]:
        page.goto(f"{live_server.url}{path}")
        a11y(page)
        assert page.get_by_role("heading", level=1).is_visible()

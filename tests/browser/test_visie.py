"""Two people edit one section at once; the second merges; a coördinator signs."""

import pytest

from tests.browser.conftest import A11yTracker, a11y, login
from tests.visie.factories import make_afspraak, make_document
from visie import services
from visie.models import Ondertekening, Revisie


@pytest.fixture
def second_page(browser, live_server):
    """A second, independent browser context: another person at another desk."""
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(live_server.url)
            else route.abort()
        ),
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.a11y_tracker = A11yTracker()
    yield page
    context.close()


BASE = "De buurt is mooi.\n\nWe werken samen.\n\nDe wijk is veilig."
TOP = "Jongeren krijgen een eigen plek."
BOTTOM = "De politie loopt vaker door de buurt."


def _section_with_base(personas):
    _document, (sectie,) = make_document(personas)
    services.sectie_save(
        sectie=sectie,
        user=personas.procesbegeleider,
        text=BASE,
        message="",
        base_revisie_id=sectie.current_revisie_id,
    )
    return sectie


def _both_open(page, second_page, live_server, personas, sectie):
    """Sanne opens the edit page, then Peter; each sees the other named."""
    edit_url = f"{live_server.url}/visie/sectie/{sectie.pk}/bewerken/"
    login(page, live_server, personas.medewerker)
    a11y(page)
    page.goto(edit_url)
    a11y(page)
    login(second_page, live_server, personas.coordinator)
    a11y(second_page)
    second_page.goto(edit_url)
    notice = second_page.locator("[data-presence-notice]")
    assert notice.is_visible()
    assert "sanne (Woonkracht10), sinds" in notice.inner_text()
    a11y(second_page)
    # Sanne's page learns about Peter from its heartbeat, without a reload.
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    page.locator("[data-presence-list] li", has_text="peter").wait_for()
    assert page.locator("[data-presence-notice]").is_visible()
    a11y(page)


def test_two_editors_adding_at_opposite_ends_are_merged_without_asking(
    page, second_page, live_server, personas
):
    sectie = _section_with_base(personas)
    _both_open(page, second_page, live_server, personas, sectie)

    second_page.get_by_label("Tekst (Markdown)").fill(TOP + "\n\n" + BASE)
    second_page.get_by_role("button", name="Opslaan").click()
    second_page.wait_for_url(f"**/visie/sectie/{sectie.pk}/")
    a11y(second_page)

    page.get_by_label("Tekst (Markdown)").fill(BASE + "\n\n" + BOTTOM)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/visie/sectie/{sectie.pk}/")
    a11y(page)
    message = page.locator(".messages").inner_text()
    assert "peter heeft deze sectie opgeslagen" in message
    assert f"toegevoegd: “{TOP}”" in message
    prose = page.locator(".prose").inner_text()
    assert TOP in prose and BOTTOM in prose
    sectie.refresh_from_db()
    assert sectie.text == TOP + "\n\n" + BASE + "\n\n" + BOTTOM


def test_two_editors_changing_one_sentence_merge_by_hand_and_keep_both(
    page, second_page, live_server, personas
):
    sectie = _section_with_base(personas)
    _both_open(page, second_page, live_server, personas, sectie)

    peter = BASE.replace("We werken samen.", "We werken nauw samen.")
    second_page.get_by_label("Tekst (Markdown)").fill(peter)
    second_page.get_by_role("button", name="Opslaan").click()
    second_page.wait_for_url(f"**/visie/sectie/{sectie.pk}/")
    a11y(second_page)

    sanne = BASE.replace("We werken samen.", "We werken graag samen.")
    page.get_by_label("Tekst (Markdown)").fill(sanne)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/samenvoegen/**")
    a11y(page)
    for title in ("Waar u beiden van uitging", "Versie van peter"):
        assert page.get_by_role("heading", name=title).is_visible()
    assert page.get_by_role("heading", name="Uw versie").is_visible()
    assert page.locator("mark.conflict").count() == 3
    merged = page.get_by_label("Tekst (Markdown)").input_value()
    assert "We werken nauw samen." in merged and "We werken graag samen." in merged

    # Saved as it stands: refused, and both versions are still there.
    page.get_by_role("button", name="Samengevoegde tekst opslaan").click()
    page.wait_for_load_state("load")
    a11y(page)
    refused = page.get_by_text("De tekst bevat nog samenvoegmarkeringen").first
    assert refused.is_visible()
    assert page.get_by_label("Tekst (Markdown)").input_value() == merged
    assert Revisie.objects.filter(is_draft=True, text=sanne).get().is_open_draft

    # The author keeps both sentences and removes only the marker lines.
    markers = ("<<<<<<<", "=======", ">>>>>>>")
    kept = "\n".join(x for x in merged.split("\n") if not x.startswith(markers))
    page.get_by_label("Tekst (Markdown)").fill(kept)
    page.get_by_role("button", name="Samengevoegde tekst opslaan").click()
    page.wait_for_url(f"**/visie/sectie/{sectie.pk}/")
    a11y(page)
    prose = page.locator(".prose").inner_text()
    assert "We werken nauw samen." in prose and "We werken graag samen." in prose


def test_text_typed_in_a_tab_that_closed_can_be_restored_or_discarded(
    page, live_server, personas
):
    sectie = _section_with_base(personas)
    edit_url = f"{live_server.url}/visie/sectie/{sectie.pk}/bewerken/"
    login(page, live_server, personas.medewerker)
    a11y(page)
    page.goto(edit_url)
    a11y(page)
    typed = BASE + "\n\nDit mag niet verloren gaan."
    page.get_by_label("Tekst (Markdown)").fill(typed)
    page.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.startsWith('visie-concept:'))"
    )
    context = page.context
    page.close()

    tab = context.new_page()
    tab.a11y_tracker = A11yTracker()
    tab.goto(edit_url)
    notice = tab.locator("[data-local-copy]")
    notice.wait_for()
    assert "niet is opgeslagen" in notice.inner_text()
    a11y(tab)
    tab.get_by_role("button", name="Herstellen").click()
    assert tab.get_by_label("Tekst (Markdown)").input_value() == typed
    assert notice.is_hidden()
    tab.get_by_role("button", name="Opslaan").click()
    tab.wait_for_url(f"**/visie/sectie/{sectie.pk}/")
    a11y(tab)
    sectie.refresh_from_db()
    assert sectie.text == typed
    # Saved, so the browser has forgotten its copy.
    assert tab.evaluate("Object.keys(localStorage).length") == 0

    tab.goto(edit_url)
    a11y(tab)
    assert tab.locator("[data-local-copy]").is_hidden()
    tab.get_by_label("Tekst (Markdown)").fill("Weg ermee.")
    tab.wait_for_function("() => Object.keys(localStorage).length === 1")
    tab.reload()
    tab.get_by_role("button", name="Weggooien").click()
    assert tab.locator("[data-local-copy]").is_hidden()
    assert tab.evaluate("Object.keys(localStorage).length") == 0
    tab.reload()
    assert tab.locator("[data-local-copy]").is_hidden()


def test_a_coordinator_signs_the_latest_version(page, live_server, personas):
    document, _ = make_document(personas)
    make_afspraak(personas, document)
    versie = services.versie_release(document=document, user=personas.procesbegeleider)

    login(page, live_server, personas.coordinator)
    a11y(page)
    page.goto(f"{live_server.url}{versie.get_absolute_url()}")
    a11y(page)
    page.get_by_role("link", name="Deze versie ondertekenen").click()
    page.wait_for_url("**/ondertekenen/")
    a11y(page)
    page.get_by_label("akkoord met voorbehoud").check()
    page.get_by_role("button", name="Ondertekenen").click()
    a11y(page)
    assert page.get_by_text("Beschrijf het voorbehoud.").first.is_visible()
    page.get_by_role("textbox", name="Voorbehoud").fill(
        "Onder voorbehoud van het bestuur."
    )
    page.get_by_role("button", name="Ondertekenen").click()
    page.wait_for_url("**/ondertekeningen/")
    a11y(page)
    assert "akkoord met voorbehoud" in page.locator("table").inner_text()
    assert Ondertekening.objects.get().besluit == "voorbehoud"


def test_every_visie_page_passes_axe(page, live_server, personas):
    from tests.visie.factories import make_bron, make_opmerking

    document, (sectie,) = make_document(personas)
    afspraak = make_afspraak(personas, document)
    bron = make_bron(personas)
    services.citatie_create(sectie=sectie, user=personas.medewerker, target=bron)
    thread = make_opmerking(personas, sectie, quote="De buurt is mooi")
    make_opmerking(personas, sectie, parent=thread, text="Antwoord")
    services.opmerking_resolve(opmerking=thread, user=personas.medewerker)
    make_opmerking(personas, sectie, text="Nog open")
    services.versie_release(document=document, user=personas.procesbegeleider)
    services.sectie_save(
        sectie=sectie,
        user=personas.medewerker,
        text="## Kop\n\n- punt\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        message="tabel",
        base_revisie_id=sectie.current_revisie_id,
    )
    versie = services.versie_release(document=document, user=personas.procesbegeleider)
    base = live_server.url + "/visie/"
    urls = [
        base,
        f"{base}{document.slug}/",
        f"{base}sectie/{sectie.pk}/",
        f"{base}sectie/{sectie.pk}/geschiedenis/",
        f"{base}sectie/{sectie.pk}/vergelijken/",
        f"{base}sectie/{sectie.pk}/onderbouwing/",
        f"{base}sectie/{sectie.pk}/bewerken/",
        f"{base}sectie/{sectie.pk}/instellingen/",
        f"{base}{document.slug}/sectie/nieuw/",
        f"{base}{document.slug}/vrijgeven/",
        f"{base}{document.slug}/versies/vergelijken/",
        f"{base}{document.slug}/ondertekeningen/",
        f"{base}{document.slug}/afspraken/",
        f"{base}{document.slug}/afspraken/nieuw/",
        f"{base}afspraak/{afspraak.pk}/bewerken/",
        f"{base}bronnen/",
        f"{base}bronnen/nieuw/",
        f"{base}bronnen/{bron.pk}/",
        f"{base}versie/{versie.pk}/",
        f"{base}nieuw/",
    ]
    login(page, live_server, personas.procesbegeleider)
    a11y(page)
    for url in urls:
        page.goto(url)
        a11y(page)
        assert page.locator("h1").count() == 1, url


def test_a_raadslid_reads_a_version_and_comments_publicly(page, live_server, personas):
    document, (sectie,) = make_document(personas)
    versie = services.versie_release(document=document, user=personas.procesbegeleider)
    login(page, live_server, personas.raadslid)
    a11y(page)
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Visie"
    ).click()
    a11y(page)
    page.get_by_role("link", name=document.title).click()
    a11y(page)
    page.get_by_role("link", name="Versie 1").click()
    a11y(page)
    page.get_by_text(f"Opmerking bij “{sectie.title}”").click()
    page.get_by_role("textbox", name="Opmerking").fill("Hoe meten we dit?")
    page.get_by_role("button", name="Opmerking plaatsen").click()
    page.wait_for_url(f"**/visie/versie/{versie.pk}/**")
    a11y(page)
    assert page.get_by_text("Hoe meten we dit?").is_visible()


def test_selected_words_become_the_quoted_passage_of_a_comment(
    page, live_server, personas
):
    _doc, (sectie,) = make_document(personas)
    login(page, live_server, personas.medewerker)
    a11y(page)
    page.goto(f"{live_server.url}{sectie.get_absolute_url()}")
    a11y(page)
    page.locator(".prose p").first.click(click_count=3)
    page.get_by_role("button", name="Reageer op de geselecteerde woorden").click()
    assert (
        "De buurt is mooi en veilig"
        in page.get_by_label("Passage waarop u reageert").input_value()
    )
    page.get_by_role("textbox", name="Opmerking").fill("Wat bedoelen we met mooi?")
    page.get_by_role("button", name="Opmerking plaatsen").click()
    page.wait_for_url(f"**/visie/sectie/{sectie.pk}/**")
    a11y(page)
    assert page.locator("blockquote.quote").first.is_visible()

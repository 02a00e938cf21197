"""The reading room, the report page and its actions, as users meet them."""

import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from portal.rapportage.models import Rapport
from scans.models import Actie
from tests.rapportage.conftest import make_gebied
from tests.rapportage.factories import make_rapport


def _index(client, **query):
    return client.get(reverse("rapportage:index"), query)


def test_a_raadslid_finds_published_raad_reports_only(personas, client_for):
    p = personas
    make_rapport(
        requested_by=p.griffier, title="Gepubliceerde brief", published_by=p.griffier
    )
    make_rapport(requested_by=p.griffier, title="Concept van de griffie")
    make_rapport(
        requested_by=p.coordinator, audience="partners", title="Partneroverzicht"
    )

    content = _index(client_for(p.raadslid)).content.decode()
    assert "Gepubliceerde brief" in content
    assert "Concept van de griffie" not in content
    assert "Partneroverzicht" not in content


def test_partners_see_partner_reports_and_published_raad_reports(personas, client_for):
    p = personas
    make_rapport(
        requested_by=p.griffier, title="Gepubliceerde brief", published_by=p.griffier
    )
    make_rapport(requested_by=p.griffier, title="Concept van de griffie")
    make_rapport(
        requested_by=p.coordinator, audience="partners", title="Partneroverzicht"
    )

    content = _index(client_for(p.outsider)).content.decode()
    assert "Gepubliceerde brief" in content
    assert "Partneroverzicht" in content
    assert "Concept van de griffie" not in content


def test_the_reading_room_filters_by_title_kind_area_and_date(personas, client_for):
    p = personas
    redersbuurt = make_gebied()
    kinderdijk = make_gebied(code="BU04820201", name="Kinderdijk")
    make_rapport(
        requested_by=p.griffier,
        kind="gebiedsscan",
        gebied=redersbuurt,
        title="Scan Redersbuurt",
        published_by=p.griffier,
    )
    make_rapport(
        requested_by=p.griffier,
        kind="gebiedsscan",
        gebied=kinderdijk,
        title="Scan Kinderdijk",
        published_by=p.griffier,
    )
    make_rapport(
        requested_by=p.griffier, title="Voortgang maart", published_by=p.griffier
    )
    client = client_for(p.raadslid)

    def titles(**query):
        """The titles in the table of the page as the reader sees it."""
        body = _index(client, **query).content.decode()
        table = body.split('<tbody class="utrecht-table__body">')[1].split("</tbody>")[
            0
        ]
        return set(
            re.findall(
                r'<td class="utrecht-table__cell"><a href="[^"]+">([^<]+)</a>', table
            )
        )

    assert titles(q="kinder") == {"Scan Kinderdijk"}
    assert titles(kind="voortgang") == {"Voortgang maart"}
    assert titles(gebied=redersbuurt.pk) == {"Scan Redersbuurt"}
    assert titles(date_from="2000-01-01", date_to="2000-12-31") == set()
    assert len(titles(date_from="2000-01-01")) == 3


def test_a_bad_filter_shows_a_dutch_message_and_no_error(raadslid, client_for):
    response = _index(
        client_for(raadslid), date_from="2026-05-01", date_to="2026-01-01"
    )
    assert response.status_code == 200
    assert "De einddatum ligt voor de begindatum." in response.content.decode()
    response = _index(client_for(raadslid), date_from="morgen", kind="bestaat-niet")
    assert response.status_code == 200
    assert "Voer een geldige datum in." in response.content.decode()


def test_a_raadslid_asking_for_a_partner_report_gets_404(personas, client_for):
    rapport = make_rapport(requested_by=personas.coordinator, audience="partners")
    client = client_for(personas.raadslid)
    for name in ["rapport_detail", "rapport_download", "rapport_status"]:
        url = reverse(f"rapportage:{name}", kwargs={"uid": rapport.uid})
        assert client.get(url).status_code == 404


def test_a_guessed_download_url_gets_404(personas, client_for):
    make_rapport(requested_by=personas.griffier, published_by=personas.griffier)
    client = client_for(personas.raadslid)
    guessed = reverse("rapportage:rapport_download", kwargs={"uid": uuid.uuid4()})
    assert client.get(guessed).status_code == 404
    assert client.get("/rapporten/1/download/").status_code == 404
    assert client.get("/media-not-served/rapporten/2026/x.pdf").status_code == 404


def test_the_download_is_the_pdf_and_is_not_cached(personas, client_for):
    rapport = make_rapport(
        requested_by=personas.griffier, published_by=personas.griffier
    )
    response = client_for(personas.raadslid).get(
        reverse("rapportage:rapport_download", kwargs={"uid": rapport.uid})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_requesting_a_report_through_the_form_renders_it_and_shows_the_status(
    griffier, client_for, django_capture_on_commit_callbacks
):
    client = client_for(griffier)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("rapportage:rapport_request"),
            {"kind": "voortgang", "audience": "raad", "title": ""},
        )
    rapport = Rapport.objects.get()
    assert response.status_code == 302
    # The college's letter is written next; the report is made meanwhile.
    assert response["Location"] == reverse(
        "rapportage:brief_edit", kwargs={"uid": rapport.uid}
    )
    page = client.get(rapport.get_absolute_url()).content.decode()
    assert 'aria-live="polite"' in page
    assert "klaar" in page
    assert "downloaden (pdf)" in page
    status = client.get(
        reverse("rapportage:rapport_status", kwargs={"uid": rapport.uid})
    )
    assert status.json()["status"] == "klaar"
    assert status.json()["finished"] is True


def test_a_report_in_the_queue_shows_a_refresh_link_and_the_poller(
    griffier, client_for
):
    rapport = make_rapport(requested_by=griffier, status="wachtrij")
    page = client_for(griffier).get(rapport.get_absolute_url()).content.decode()
    assert "in de wachtrij" in page
    assert "ververs de pagina" in page
    assert "js/rapportage-status" in page
    assert "data-status-url" in page


@pytest.mark.parametrize(
    "data, message",
    [
        ({"kind": "gebiedsscan", "audience": "raad"}, "Kies het gebied"),
        ({"kind": "begroting", "audience": "raad"}, "niet voor deze doelgroep"),
        ({"kind": "onzin", "audience": "raad"}, "Selecteer een geldige keuze"),
        # the college's letter is not a partner's to request
        ({"kind": "voortgang", "audience": "raad"}, "Selecteer een geldige keuze"),
        ({"kind": "visie", "audience": "iedereen"}, "Selecteer een geldige keuze"),
        ({"kind": "gebiedsscan", "audience": "raad", "gebied": "999999"}, "Selecteer"),
    ],
)
def test_a_bad_request_shows_a_dutch_message_and_saves_nothing(
    coordinator, client_for, data, message
):
    response = client_for(coordinator).post(reverse("rapportage:rapport_request"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Rapport.objects.exists()


def test_a_raadsinformatiebrief_is_not_for_the_partners(
    gemeente_coordinator, client_for
):
    response = client_for(gemeente_coordinator).post(
        reverse("rapportage:rapport_request"),
        {"kind": "voortgang", "audience": "partners"},
    )
    assert "niet voor deze doelgroep" in response.content.decode()
    assert not Rapport.objects.exists()


def test_the_griffier_publishes_once_and_raadsleden_are_notified(
    personas, client_for, django_capture_on_commit_callbacks
):
    rapport = make_rapport(requested_by=personas.griffier)
    client = client_for(personas.griffier)
    url = reverse("rapportage:rapport_publish", kwargs={"uid": rapport.uid})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    rapport.refresh_from_db()
    assert rapport.is_published
    assert [m.to for m in mail.outbox] == [[personas.raadslid.email]]
    assert rapport.title in mail.outbox[0].subject

    first = rapport.published_at
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "Dit rapport is al gepubliceerd." in response.content.decode()
    rapport.refresh_from_db()
    assert rapport.published_at == first
    assert len(mail.outbox) == 1


def test_a_correction_supersedes_and_both_remain_linked(
    personas, client_for, gebied, django_capture_on_commit_callbacks
):
    original = make_rapport(
        requested_by=personas.griffier, published_by=personas.griffier
    )
    sha = original.sha256
    client = client_for(personas.griffier)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("rapportage:rapport_correct", kwargs={"uid": original.uid}),
            {
                "title": "Voortgang (gecorrigeerd)",
                "change_note": "De begroting van 2025 is bijgewerkt.",
            },
        )
    correction = Rapport.objects.get(supersedes=original)
    assert response["Location"] == correction.get_absolute_url()
    assert correction.status == Rapport.Status.KLAAR
    original.refresh_from_db()
    assert original.sha256 == sha
    assert original.is_published

    raad = client_for(personas.raadslid)
    page = raad.get(original.get_absolute_url()).content.decode()
    assert "Dit rapport is gecorrigeerd." not in page  # correction not yet published
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas.griffier).post(
            reverse("rapportage:rapport_publish", kwargs={"uid": correction.uid})
        )
    page = (
        client_for(personas.raadslid).get(original.get_absolute_url()).content.decode()
    )
    assert "Dit rapport is gecorrigeerd." in page
    assert "De begroting van 2025 is bijgewerkt." in page
    assert correction.get_absolute_url() in page
    # The reading room marks the original and names the kind of both.
    listing = _index(client_for(personas.raadslid)).content.decode()
    row = listing.split(original.get_absolute_url(), 1)[1].split("</tr>", 1)[0]
    assert '<span class="tag">gecorrigeerd</span>' in row
    cell = '<td class="utrecht-table__cell">Voortgangsrapportage Buurtaanpak</td>'
    assert cell in row
    # A second correction of the same original is refused with a message.
    response = client_for(personas.griffier).post(
        reverse("rapportage:rapport_correct", kwargs={"uid": original.uid}),
        {"title": "Nog een", "change_note": "Nog iets"},
        follow=True,
    )
    assert "Alleen een gepubliceerd rapport" in response.content.decode()
    assert Rapport.objects.filter(supersedes=original).count() == 1


def test_a_failed_report_shows_its_reason_and_a_retry_button(coordinator, client_for):
    rapport = make_rapport(
        requested_by=coordinator,
        audience="partners",
        kind="begroting",
        status="mislukt",
    )
    page = client_for(coordinator).get(rapport.get_absolute_url()).content.decode()
    assert "Het rapport kon niet worden gemaakt." in page
    assert "Opnieuw proberen" in page


def test_the_budget_page_shows_totals_to_the_raad_and_lines_to_partners(
    personas, budget, client_for
):
    raad = client_for(personas.raadslid).get(reverse("rapportage:begroting"))
    content = raad.content.decode()
    assert "€ 100.000,00" in content
    assert "€ 60.599,90" in content
    assert "Buurtwerker Souburgh" not in content
    partner = client_for(personas.medewerker).get(reverse("rapportage:begroting"))
    assert "Buurtwerker Souburgh" in partner.content.decode()


def test_a_budget_line_links_to_its_actie_for_partners(personas, client_for):
    from datetime import date
    from decimal import Decimal

    from portal.rapportage.models import Begroting, Uitgave

    gebied = make_gebied()
    actie = Actie.objects.create(
        gebied=gebied, eigenaar=personas.welzijn, title="Jongerenwerk op de werfkade"
    )
    Uitgave.objects.create(
        begroting=Begroting.objects.create(year=2025, amount=Decimal("100000")),
        soort="verplichting",
        amount=Decimal("30000.00"),
        date=date(2025, 1, 15),
        description="Inzet jongerenwerker",
        gebied=gebied,
        actie=actie,
    )
    page = client_for(personas.medewerker).get(reverse("rapportage:begroting"))
    link = f'href="{reverse("scans:actie_detail", args=[actie.pk])}"'
    assert link in page.content.decode()
    assert "Actie:" in page.content.decode()


def _many_reports(personas, n):
    gebied = make_gebied()
    for i in range(n):
        make_rapport(
            requested_by=personas.griffier,
            kind="gebiedsscan" if i % 2 else "voortgang",
            gebied=gebied if i % 2 else None,
            title=f"Rapport {i}",
            published_by=personas.griffier,
        )


@pytest.mark.parametrize("n", [2, 60])
def test_the_reading_room_needs_a_fixed_number_of_queries(
    personas, client_for, django_assert_max_num_queries, n
):
    _many_reports(personas, n)
    client = client_for(personas.raadslid)
    with django_assert_max_num_queries(9):
        assert _index(client, q="Rapport").status_code == 200


@pytest.mark.parametrize("n", [1, 40])
def test_the_budget_page_needs_a_fixed_number_of_queries(
    personas, client_for, django_assert_max_num_queries, n
):
    from datetime import date
    from decimal import Decimal

    from portal.rapportage.models import Begroting, Uitgave

    begroting = Begroting.objects.create(year=2025, amount=Decimal("100000"))
    gebied = make_gebied()
    for i in range(n):
        Uitgave.objects.create(
            begroting=begroting,
            soort="betaling",
            amount=Decimal("10.00"),
            date=date(2025, 1, 1),
            description=f"Post {i}",
            organisation=personas.welzijn,
            gebied=gebied,
            actie=Actie.objects.create(
                gebied=gebied, eigenaar=personas.welzijn, title=f"Actie {i}"
            ),
        )
    client = client_for(personas.medewerker)
    # The first visit creates the structural years up to next year.
    assert client.get(reverse("rapportage:begroting")).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(reverse("rapportage:begroting")).status_code == 200

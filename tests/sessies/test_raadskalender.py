"""The council calendar: a month as an accessible table, for everyone."""

import re

import pytest
from django.urls import reverse

from sessies.models import Sessie
from tests.sessies.factories import invite, local, make_sessie

pytestmark = pytest.mark.django_db

URL = reverse("sessies:raadskalender")


def month(client, value="2027-03"):
    response = client.get(URL, {"maand": value})
    assert response.status_code == 200
    return response.content.decode()


def cell_of(page, day):
    """The table cell of a day of the month shown."""
    match = re.search(
        rf'<td class="[^"]*">\s*<span class="raadskalender__day"><time '
        rf'datetime="{day}">.*?</td>',
        page,
        re.S,
    )
    assert match, day
    return match.group(0)


def test_the_month_is_a_table_with_a_caption_weekday_headers_and_links(
    client_for, griffier, raadslid, personas
):
    first = make_sessie(
        griffier,
        personas.griffie,
        openbaar=True,
        title="Beeldvorming visie",
        start=local(2027, 3, 4, 19, 30),
    )
    make_sessie(
        griffier,
        personas.griffie,
        openbaar=True,
        title="Oordeelsvorming visie",
        bob_fase="oordeelsvorming",
        start=local(2027, 3, 18, 19, 30),
    )
    page = month(client_for(raadslid))
    caption = '<caption id="raadskalender-tabel" class="utrecht-table__caption">'
    assert f"{caption}maart 2027: 2 raadssessies</caption>" in page
    assert page.count('<th class="utrecht-table__header-cell" scope="col">') == 7
    assert '<abbr title="maandag">ma</abbr>' in page
    cell = cell_of(page, "2027-03-04")
    assert f'<a href="{first.get_absolute_url()}">Beeldvorming visie</a>' in cell
    assert "19:30" in cell and "(beeldvorming)" in cell
    assert "Oordeelsvorming visie" in cell_of(page, "2027-03-18")
    assert '?maand=2027-02" rel="prev"' in page
    assert '?maand=2027-04" rel="next"' in page


def test_each_person_sees_the_council_sessions_visible_to_them(
    client_for, griffier, raadslid, coordinator, personas
):
    make_sessie(
        griffier,
        personas.griffie,
        openbaar=False,
        title="Besloten werksessie",
        start=local(2027, 3, 9, 19, 30),
    )
    make_sessie(
        coordinator,
        personas.woonkracht10,
        soort="partneroverleg",
        title="Partneroverleg",
        start=local(2027, 3, 9, 10, 0),
    )
    assert "Besloten werksessie" in month(client_for(griffier))
    assert "Besloten werksessie" not in month(client_for(raadslid))
    assert "Partneroverleg" not in month(client_for(coordinator))
    invite(Sessie.objects.get(title="Besloten werksessie"), raadslid)
    assert "Besloten werksessie" in month(client_for(raadslid))


def test_a_session_lands_on_its_dutch_day_at_the_edges_of_the_month(
    client_for, griffier, personas
):
    # 00:30 on 1 March is still 28 February in UTC; both belong to March.
    make_sessie(
        griffier,
        personas.griffie,
        title="Vroeg",
        start=local(2027, 3, 1, 0, 30),
        hours=1,
    )
    make_sessie(
        griffier,
        personas.griffie,
        title="Laat",
        start=local(2027, 3, 31, 23, 0),
        hours=1,
    )
    page = month(client_for(griffier))
    assert "Vroeg" in cell_of(page, "2027-03-01")
    assert "Laat" in cell_of(page, "2027-03-31")
    april = month(client_for(griffier), "2027-04")
    # The grid starts on Monday 29 March; those days are marked as March.
    assert "raadskalender__other" in cell_of(april, "2027-03-31")
    caption = '<caption id="raadskalender-tabel" class="utrecht-table__caption">'
    assert f"{caption}april 2027: 0 raadssessies</caption>" in april


def test_a_cancelled_session_says_so_in_words(client_for, griffier, personas):
    make_sessie(
        griffier,
        personas.griffie,
        title="Werkbezoek",
        start=local(2027, 3, 10, 16, 0),
        status=Sessie.Status.GEANNULEERD,
    )
    assert "<strong>geannuleerd</strong>" in cell_of(
        month(client_for(griffier)), "2027-03-10"
    )


@pytest.mark.parametrize("value", ["", "maart", "2027-13", "1999-01", "2027-03-01"])
def test_a_month_that_makes_no_sense_shows_this_month(client_for, raadslid, value):
    page = month(client_for(raadslid), value)
    assert "Raadskalender" in page


@pytest.mark.parametrize("n", [1, 60])
def test_the_month_needs_a_bounded_number_of_queries(
    n, client_for, personas, django_assert_max_num_queries
):
    for i in range(n):
        sessie = make_sessie(
            personas.griffier,
            personas.griffie,
            openbaar=True,
            title=f"Sessie {i}",
            start=local(2027, 3, 1 + i % 28, 9 + i % 10, 0),
            hours=1,
        )
        invite(sessie, personas.raadslid)
    client = client_for(personas.raadslid)
    with django_assert_max_num_queries(8):
        page = month(client)
    assert page.count('class="muted">(beeldvorming)') == n

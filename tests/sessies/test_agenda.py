"""An agenda with one level of sub-items and a clock time for every item."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from sessies import ical, selectors, services
from tests.sessies.factories import local, make_sessie

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessie(personas):
    # Thursday 4 March 2027, 19:30–21:30 in Alblasserdam.
    return make_sessie(
        personas.griffier, personas.griffie, start=local(2027, 3, 4, 19, 30)
    )


@pytest.fixture
def agenda(sessie, griffier):
    add = services.agendapunt_create
    opening = add(sessie=sessie, by=griffier, title="Opening", duration_minutes=10)
    presentaties = add(
        sessie=sessie, by=griffier, title="Presentaties", duration_minutes=60
    )
    woonkracht = add(
        sessie=sessie,
        by=griffier,
        title="Woonkracht10",
        duration_minutes=20,
        parent=presentaties,
    )
    politie = add(
        sessie=sessie,
        by=griffier,
        title="Politie",
        duration_minutes=30,
        parent=presentaties,
    )
    debat = add(sessie=sessie, by=griffier, title="Debat", duration_minutes=30)
    return opening, presentaties, woonkracht, politie, debat


def rows(sessie):
    return [
        (r.number, r.item.title, f"{ical.local(r.start):%H:%M}")
        for r in selectors.agenda(sessie)
    ]


def test_every_item_gets_its_clock_time_and_sub_items_share_their_main_item(
    sessie, agenda
):
    assert rows(sessie) == [
        ("1", "Opening", "19:30"),
        ("2", "Presentaties", "19:40"),
        ("2a", "Woonkracht10", "19:40"),
        ("2b", "Politie", "20:00"),
        ("3", "Debat", "20:40"),
    ]
    # Sub-items take part of their main item's time, not extra time.
    assert selectors.agenda_minutes(sessie) == 100


def test_sub_items_that_do_not_fit_in_their_main_item_are_refused(
    sessie, agenda, griffier
):
    presentaties = agenda[1]
    with pytest.raises(ValidationError, match="zouden 70 minuten duren"):
        services.agendapunt_create(
            sessie=sessie,
            by=griffier,
            title="Welzijn",
            duration_minutes=20,
            parent=presentaties,
        )
    with pytest.raises(ValidationError, match="minstens zoveel tijd"):
        services.agendapunt_update(item=presentaties, by=griffier, duration_minutes=40)
    assert presentaties.subpunten.count() == 2


def test_a_sub_item_cannot_have_sub_items_of_its_own(sessie, agenda, griffier):
    woonkracht = agenda[2]
    with pytest.raises(ValidationError) as exc:
        services.agendapunt_create(
            sessie=sessie,
            by=griffier,
            title="Dieper",
            duration_minutes=5,
            parent=woonkracht,
        )
    assert "parent" in exc.value.error_dict


def test_a_main_item_with_sub_items_cannot_become_a_sub_item(agenda, griffier):
    opening, presentaties = agenda[0], agenda[1]
    with pytest.raises(ValidationError) as exc:
        services.agendapunt_update(item=presentaties, by=griffier, parent=opening)
    assert "parent" in exc.value.error_dict


def test_an_item_of_another_session_cannot_be_the_main_item(
    sessie, agenda, griffier, personas
):
    other = make_sessie(griffier, personas.griffie)
    with pytest.raises(ValidationError) as exc:
        services.agendapunt_create(
            sessie=other,
            by=griffier,
            title="Elders",
            duration_minutes=5,
            parent=agenda[0],
        )
    assert "parent" in exc.value.error_dict


def test_moving_a_sub_item_stays_within_its_main_item(sessie, agenda, griffier):
    politie = agenda[3]
    services.agendapunt_move(item=politie, by=griffier, up=True)
    assert [r[1] for r in rows(sessie)] == [
        "Opening",
        "Presentaties",
        "Politie",
        "Woonkracht10",
        "Debat",
    ]
    # The first sub-item going up goes nowhere: not out of its main item.
    services.agendapunt_move(item=politie, by=griffier, up=True)
    assert rows(sessie)[2] == ("2a", "Politie", "19:40")


def test_moving_a_main_item_takes_its_sub_items_along(sessie, agenda, griffier):
    services.agendapunt_move(item=agenda[1], by=griffier, up=True)
    assert rows(sessie) == [
        ("1", "Presentaties", "19:30"),
        ("1a", "Woonkracht10", "19:30"),
        ("1b", "Politie", "19:50"),
        ("2", "Opening", "20:30"),
        ("3", "Debat", "20:40"),
    ]


def test_removing_a_main_item_removes_its_sub_items(sessie, agenda, griffier):
    services.agendapunt_delete(item=agenda[1], by=griffier)
    assert [r[1] for r in rows(sessie)] == ["Opening", "Debat"]


def test_the_session_page_shows_numbers_and_times(client_for, griffier, sessie, agenda):
    page = client_for(griffier).get(sessie.get_absolute_url()).content.decode()
    assert "De agenda duurt 100 van 120 minuten." in page
    assert ">19:40</time>–<time" in page
    assert '<td class="utrecht-table__cell">2b</td>' in page
    assert "Subpunt:" in page


def test_a_sub_item_is_added_through_the_form(client_for, griffier, sessie, agenda):
    presentaties = agenda[1]
    client = client_for(griffier)
    form = client.get(reverse("sessies:agendapunt_create", args=[sessie.pk]))
    assert "— een hoofdpunt —" in form.content.decode()
    services.agendapunt_update(item=presentaties, by=griffier, duration_minutes=70)
    response = client.post(
        reverse("sessies:agendapunt_create", args=[sessie.pk]),
        {"parent": presentaties.pk, "title": "Welzijn", "duration_minutes": "20"},
    )
    assert response.status_code == 302
    assert rows(sessie)[4] == ("2c", "Welzijn", "20:30")


def test_the_calendar_carries_the_agenda_with_times(sessie, agenda):
    [event] = Calendar.from_ical(ical.sessie_ics(sessie)).walk("VEVENT")
    description = str(event["description"])
    assert "19:30  1. Opening" in description
    assert "20:00      2b. Politie" in description


def test_the_raad_reports_get_the_agenda_in_agenda_order(sessie, agenda, griffier):
    sessie.openbaar = True
    sessie.save()
    services.agendapunt_move(item=agenda[1], by=griffier, up=True)
    [raad] = selectors.sessies_for_raad()
    assert [item.title for item in raad.agendapunten.all()] == [
        "Presentaties",
        "Woonkracht10",
        "Politie",
        "Opening",
        "Debat",
    ]


def test_an_agenda_through_the_night_of_the_clock_change_keeps_real_minutes(
    personas, griffier
):
    # 28 March 2027: at 02:00 the clocks jump to 03:00.
    sessie = make_sessie(
        personas.griffier, personas.griffie, start=local(2027, 3, 28, 1, 30), hours=3
    )
    services.agendapunt_create(
        sessie=sessie, by=griffier, title="Nachtwerk", duration_minutes=60
    )
    services.agendapunt_create(
        sessie=sessie, by=griffier, title="Na de wisseling", duration_minutes=30
    )
    assert [r[2] for r in rows(sessie)] == ["01:30", "03:30"]


@pytest.mark.parametrize("n", [1, 30])
def test_the_session_page_with_sub_items_needs_a_bounded_number_of_queries(
    n, client_for, personas, griffier, django_assert_max_num_queries
):
    sessie = make_sessie(griffier, personas.griffie, hours=8)
    for i in range(n):
        main = services.agendapunt_create(
            sessie=sessie, by=griffier, title=f"Punt {i}", duration_minutes=2
        )
        services.agendapunt_create(
            sessie=sessie,
            by=griffier,
            title=f"Sub {i}",
            duration_minutes=1,
            parent=main,
        )
    client = client_for(griffier)
    with django_assert_max_num_queries(30):
        page = client.get(sessie.get_absolute_url()).content.decode()
    assert page.count("Subpunt:") == n

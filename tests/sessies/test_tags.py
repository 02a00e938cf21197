"""The rows of the list of sessions are the markup of the old template loop."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from sessies import selectors
from sessies.models import Antwoord, Sessie, Zaal
from sessies.templatetags.sessies_tags import sessie_rows
from tests.sessies.factories import invite, local, make_sessie

# The loop of templates/sessies/sessie_list.html as it was, with the includes
# for the time and the status that the other session pages still use.
_SESSIE_ROWS_AS_TEMPLATE = """{% load i18n %}{% for sessie in sessies %}
  <tr class="utrecht-table__row">
    <td class="utrecht-table__cell">{% include "sessies/includes/when.html" %}</td>
    <td class="utrecht-table__cell"><a href="{{ sessie.get_absolute_url }}">{{ sessie.title }}</a></td>
    <td class="utrecht-table__cell">{{ sessie.get_soort_display }}{% if sessie.bob_fase %}<br><span class="muted">{{ sessie.get_bob_fase_display }}</span>{% endif %}</td>
    <td class="utrecht-table__cell">{{ sessie.plaats|default:"—" }}{% if sessie.online_url %}<br><span class="muted">{% trans "also online" %}</span>{% endif %}</td>
    <td class="utrecht-table__cell">{% include "sessies/includes/status.html" %}</td>
    <td class="utrecht-table__cell utrecht-table__cell--numeric-column num">{{ sessie.aangemeld }}{% if sessie.capacity %} / {{ sessie.capacity }}{% endif %}</td>
  </tr>
  {% endfor %}"""  # noqa: E501


def _as_template(source: str, **context) -> str:
    from django.template import engines

    return engines["django"].from_string(source).render(context)


def _sessions(p) -> None:
    """A session of every kind, phase and status; in a room, elsewhere or
    nowhere, online or not; on one day, past midnight and past a change of
    summer time; with and without a limit and with people signed up."""
    Soort, Status = Sessie.Soort, Sessie.Status
    zaal = Zaal.objects.create(
        name="Raadzaal & <Foyer>", building="Gemeentehuis", capacity=80
    )
    org, griffier = p.griffie, p.griffier
    for n, fase in enumerate(("beeldvorming", "oordeelsvorming", "besluitvorming")):
        make_sessie(
            griffier,
            org,
            title=f'Werksessie "{fase}" <{n}> & co',
            bob_fase=fase,
            start=local(2031, 1 + n, 6 + n, 19, 30),
            zaal=zaal,
            online_url="https://meet.example.org/raad" if n == 1 else "",
        )
    make_sessie(
        griffier,
        org,
        soort=Soort.PARTICIPATIESESSIE,
        title="Buurtavond",
        start=local(2031, 10, 25, 23, 30),  # ends on the next day, in winter time
        location="  Buurthuis <De Werf> & Kade  ",
        capacity=1200,
        status=Status.VERPLAATST,
    )
    make_sessie(
        griffier,
        org,
        soort=Soort.PARTNEROVERLEG,
        title="Partneroverleg",
        start=local(2031, 3, 29, 9, 0),
        hours=30,
        online_url="https://meet.example.org/partners",
        capacity=12,
        status=Status.GEANNULEERD,
    )
    # Starts now and then: seconds and microseconds in the time's datetime.
    soon = make_sessie(griffier, org, title="Binnenkort", capacity=20)
    for i in range(3):
        invite(soon, email=f"gast{i}@example.org", antwoord=Antwoord.AANMELDEN)
    invite(
        soon,
        email="wacht@example.org",
        antwoord=Antwoord.AANMELDEN,
        wachtlijst_sinds=timezone.now(),
    )
    for n, status in enumerate(Status.values):
        past = make_sessie(
            griffier,
            org,
            soort=(Soort.PARTICIPATIESESSIE, Soort.RAADSWERKSESSIE)[n % 2],
            title=f"Afgelopen {status}",
            start=local(2024, 12, 31, 22, 0) - timedelta(days=30 * n),
            hours=1 + 3 * n,
            status=status,
            zaal=zaal if n % 2 else None,
            capacity=n or None,
        )
        invite(past, p.raadslid, antwoord=Antwoord.AANMELDEN)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("past", [False, True])
def test_the_rows_of_sessions_are_the_markup_of_the_template(personas, language, past):
    _sessions(personas)
    sessies = list(selectors.sessie_list(personas.griffier, past=past))
    assert len(sessies) >= 4
    with translation.override(language):
        expected = _as_template(_SESSIE_ROWS_AS_TEMPLATE, sessies=sessies)
        assert sessie_rows(sessies) == expected
    if not past:
        # The branches are all there: escaped titles and places, a room, the
        # phase, online, a session over two days, people signed up.
        assert "&lt;Foyer&gt;" in expected and "&lt;De Werf&gt;" in expected
        assert expected.count('<span class="muted">') == 6
        assert "3 / 20" in expected and "0 / 1200" in expected
        assert "+01:00" in expected and "+02:00" in expected
        for status in ("gepland", "verplaatst", "geannuleerd"):
            assert f"sessie-status--{status}" in expected
    else:
        assert "sessie-status--afgerond" in expected and "—" in expected


@pytest.mark.django_db
def test_the_rows_read_dutch_dates(personas):
    _sessions(personas)
    sessies = list(selectors.sessie_list(personas.griffier))
    with translation.override("nl"):
        rows = sessie_rows(sessies)
    assert "maandag 6 januari 2031, 19:30</time>–<time" in rows
    assert "zaterdag 25 oktober 2031, 23:30</time>–<time" in rows
    assert ">zondag 26 oktober 2031, 01:30</time>" in rows
    assert 'raadswerksessie<br><span class="muted">oordeelsvorming</span>' in rows
    assert '<br><span class="muted">ook online</span>' in rows
    assert 'sessie-status--geannuleerd">geannuleerd</span>' in rows


def test_no_sessions_make_no_rows():
    assert sessie_rows([]) == ""

"""The index badge: the value as shown decides the band, per language."""

import pytest
from django.utils import translation

from scans.models import Actie, Signaal
from scans.templatetags.scans_tags import band_badge


def test_the_badge_shows_the_rounded_value_with_its_band_in_dutch():
    with translation.override("nl"):
        assert str(band_badge(92.04)) == (
            '<span class="band band--gemiddeld">92,0 · gemiddeld</span>'
        )
        assert "band--gunstig" in band_badge(109.96)  # shown as 110,0
        assert "110,0" in band_badge(109.96)


def test_the_badge_follows_the_language_and_shows_a_dash_without_a_value():
    with translation.override("en"):
        assert "92.0 · average" in band_badge(92.04)
    with translation.override("nl"):
        assert "92,0 · gemiddeld" in band_badge(92.04)
    for nothing in (None, "", "x", True):
        assert band_badge(nothing) == '<span class="muted">—</span>'


# The tables of signalen and acties write their rows in Python; the markup is
# what the include's template loop wrote, byte for byte.
_SIGNAAL_ROWS_AS_TEMPLATE = """{% load i18n %}{% for s in signalen %}<tr class="utrecht-table__row">
    <td class="utrecht-table__cell"><a href="{{ s.get_absolute_url }}">{{ s.waargenomen_op|date:"d-m-Y" }}</a></td>{% if show_gebied %}<td class="utrecht-table__cell"><a href="{{ s.gebied.get_absolute_url }}">{{ s.gebied.name }}</a></td>{% endif %}
    <td class="utrecht-table__cell">{{ s.thema.name }}</td><td class="utrecht-table__cell">{{ s.get_soort_display }}</td><td class="utrecht-table__cell">{{ s.text|truncatechars:160 }}</td>
    <td class="utrecht-table__cell"><span class="tag tag--{{ s.rubricering }}">{{ s.get_rubricering_display }}</span></td><td class="utrecht-table__cell">{{ s.organisation.name }}</td></tr>
  {% endfor %}"""  # noqa: E501

_ACTIE_ROWS_AS_TEMPLATE = """{% load i18n %}{% for a in acties %}<tr class="utrecht-table__row">
    <td class="utrecht-table__cell"><a href="{{ a.get_absolute_url }}">{{ a.title }}</a></td>{% if show_gebied %}<td class="utrecht-table__cell">{{ a.gebied.name }}</td>{% endif %}
    <td class="utrecht-table__cell">{{ a.eigenaar.name }}</td><td class="utrecht-table__cell status">{{ a.get_status_display }}{% if a.is_overdue %} — <strong>{% trans "overdue" %}</strong>{% endif %}</td>
    <td class="utrecht-table__cell">{{ a.deadline|date:"d-m-Y"|default:"—" }}</td><td class="utrecht-table__cell utrecht-table__cell--numeric-column num">{{ a.voortgang }}%</td><td class="utrecht-table__cell utrecht-table__cell--numeric-column num">€ {{ a.budget|floatformat:"2g" }}</td></tr>
  {% endfor %}"""  # noqa: E501


def _as_template(source: str, **context) -> str:
    from django.template import engines

    return engines["django"].from_string(source).render(context)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("show_gebied", [True, False])
def test_the_rows_of_signalen_are_the_markup_of_the_template(
    personas, language, show_gebied
):
    from scans.templatetags.scans_tags import signaal_rows
    from tests.scans import factories as f

    buurt = f.buurt(2, name='Buurt "De Werf" & <Kade>')
    for n, level in enumerate(("openbaar", "partners", "organisatie", "vertrouwelijk")):
        f.signaal(buurt, personas.woonkracht10, level, days_ago=n * 40)
    f.signaal(buurt, personas.woonkracht10, "partners", text="Lang <b>&</b> " * 30)
    # Texts around the limit, before and after Unicode normalisation: an
    # accent as a separate mark (shorter once composed) and a letter that
    # normalisation splits in two (longer).
    for text in ("x" * 160, "x" * 161, "Cafe\u0301 " * 30, "\u0958" * 100):
        f.signaal(buurt, personas.woonkracht10, "openbaar", text=text)
    signalen = list(Signaal.objects.select_related("gebied", "thema", "organisation"))
    with translation.override(language):
        expected = _as_template(
            _SIGNAAL_ROWS_AS_TEMPLATE, signalen=signalen, show_gebied=show_gebied
        )
        assert signaal_rows(signalen, show_gebied) == expected
    assert "&lt;b&gt;" in expected  # the text is escaped, as before


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("show_gebied", [True, False])
def test_the_rows_of_acties_are_the_markup_of_the_template(
    personas, language, show_gebied
):
    from datetime import date, timedelta
    from decimal import Decimal

    from django.utils import timezone

    from scans.templatetags.scans_tags import actie_rows
    from tests.scans import factories as f

    buurt = f.buurt(2, name="Buurt <2> & co")
    owner = personas.woonkracht10
    yesterday = timezone.localdate() - timedelta(days=1)
    f.actie(buurt, owner, title="Te laat <b>", deadline=yesterday, voortgang=40)
    f.actie(buurt, owner, title="Zonder datum", budget=Decimal("12345.5"))
    f.actie(buurt, owner, title="Gestopt", status="gestopt", deadline=yesterday)
    f.actie(buurt, owner, title="Later", deadline=date(2999, 1, 2), voortgang=100)
    acties = list(Actie.objects.select_related("gebied", "eigenaar"))
    with translation.override(language):
        expected = _as_template(
            _ACTIE_ROWS_AS_TEMPLATE, acties=acties, show_gebied=show_gebied
        )
        assert actie_rows(acties, show_gebied) == expected
    assert "<strong>" in expected and "12.345,50" in expected or "12,345.50" in expected

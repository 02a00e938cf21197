"""The rows of the reading room are the markup of the old template loop."""

from datetime import UTC, datetime

import pytest
from django.utils import translation

from portal.rapportage import kinds, selectors
from portal.rapportage.models import Audience, Rapport
from portal.rapportage.templatetags.rapportage import rapport_rows
from tests.rapportage.conftest import make_gebied
from tests.rapportage.factories import make_rapport

# The loop of templates/rapportage/rapport_list.html as it was; the view gave
# each report its kind's label as `kind_label`.
_RAPPORT_ROWS_AS_TEMPLATE = """{% load i18n %}{% for rapport in rapporten %}
  <tr class="utrecht-table__row">
    <td class="utrecht-table__cell"><a href="{{ rapport.get_absolute_url }}">{{ rapport.title }}</a>{% if rapport.superseded_by.published_at %} <span class="tag">{% trans "corrected" %}</span>{% endif %}</td>
    <td class="utrecht-table__cell">{{ rapport.kind_label }}</td>
    <td class="utrecht-table__cell">{{ rapport.gebied.name|default:"–" }}</td>
    <td class="utrecht-table__cell">{{ rapport.get_audience_display }}</td>
    <td class="utrecht-table__cell">{% if rapport.published_at %}{{ rapport.published_at|date:"d-m-Y" }}{% else %}{{ rapport.requested_at|date:"d-m-Y" }}{% endif %}</td>
    <td class="utrecht-table__cell">{% if rapport.published_at %}{% trans "published" %}{% else %}{{ rapport.get_status_display }}{% endif %}</td>
  </tr>
  {% endfor %}"""  # noqa: E501


def _as_template(source: str, **context) -> str:
    from django.template import engines

    return engines["django"].from_string(source).render(context)


def _late_evening(day: int) -> datetime:
    """23:30 UTC: the next day in the Netherlands."""
    return datetime(2026, 3, day, 23, 30, tzinfo=UTC)


def _reports(p) -> None:
    """A report in every state, for each audience and kind (and a kind no
    longer known), with and without an area, published or not, corrected by
    a published correction or by one still in the making."""
    griffier = p.griffier
    gebied = make_gebied(name="Buurt <De Werf> & Kade")
    Status = Rapport.Status
    for n, status in enumerate(Status.values):
        make_rapport(
            requested_by=griffier,
            kind="gebiedsscan",
            audience=(Audience.RAAD, Audience.PARTNERS)[n % 2],
            status=status,
            title=f'Rapport "{status}" <{n}> & co',
            gebied=gebied if n % 2 else None,
        )
    for code in [*kinds.KINDS, "opgeheven-soort"]:
        make_rapport(
            requested_by=griffier,
            kind=code,
            title=f"Soort {code}",
            published_by=griffier,
            published_at=_late_evening(2),
            brief=False,
        )
    original = make_rapport(
        requested_by=griffier, title="Origineel", published_by=griffier
    )
    correction = make_rapport(
        requested_by=griffier, title="Correctie", published_by=griffier
    )
    draft_original = make_rapport(
        requested_by=griffier, title="Origineel met concept", published_by=griffier
    )
    draft = make_rapport(requested_by=griffier, title="Correctie in de maak")
    Rapport.objects.filter(pk=correction.pk).update(
        supersedes=original, change_note="Bijlage 3 herzien."
    )
    Rapport.objects.filter(pk=draft.pk).update(
        supersedes=draft_original, change_note="De kaart."
    )
    # The date shown is the Dutch one, and the request's only before
    # publication.
    Rapport.objects.update(requested_at=_late_evening(1))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_rows_of_reports_are_the_markup_of_the_template(personas, language):
    _reports(personas)
    rapporten = list(selectors.rapporten_search(personas.griffier))
    assert len(rapporten) == Rapport.objects.count()
    with translation.override(language):
        for rapport in rapporten:
            rapport.kind_label = kinds.label(rapport.kind)
        expected = _as_template(_RAPPORT_ROWS_AS_TEMPLATE, rapporten=rapporten)
        assert rapport_rows(rapporten) == expected
    # Every branch is there: escaping, both dates, no area, a correction.
    assert "&lt;De Werf&gt;" in expected and "&quot;bezig&quot; &lt;1&gt;" in expected
    assert "02-03-2026" in expected and "03-03-2026" in expected
    assert expected.count("–") == 2 + len(kinds.KINDS) + 1 + 4
    assert expected.count('<span class="tag">') == 1
    assert "opgeheven-soort" in expected


@pytest.mark.django_db
def test_the_rows_speak_dutch(personas):
    _reports(personas)
    rapporten = list(selectors.rapporten_search(personas.griffier))
    with translation.override("nl"):
        rows = rapport_rows(rapporten)
    assert 'Origineel</a> <span class="tag">gecorrigeerd</span>' in rows
    assert ">gepubliceerd</td>" in rows and ">mislukt</td>" in rows
    assert ">Gebiedsscan-rapport</td>" in rows


def test_no_reports_make_no_rows():
    assert rapport_rows([]) == ""

"""Every report kind renders from the Alblasserdam demo data, in Dutch."""

import pytest
from django.core.management import call_command

from partners.models import Role, User
from portal.rapportage import demo as demo_data
from portal.rapportage import kinds, raad, services
from portal.rapportage.models import Audience, Rapport
from scans.models import Gebied
from tests.rapportage.layout import past_the_margin
from tests.rapportage.pdftext import text_of

#: headings a reader must find in each kind, and the markup that must not show
HEADINGS = {
    "voortgang": [
        "Geachte raad",
        "Bijlagen",
        "Stand van de visie",
        "Gehouden en geplande sessies",
        "Gebiedsscans per buurt",
        "Acties en voortgang",
        "Begroting en besteding",
        "Gemiddelde voortgang per actie",
    ],
    "gebiedsscan": [
        "Kaart",
        "Domeinindexen",
        "Openbare signalen",
        "Thema's",
        "De cijfers komen uit scanronde",
        "de omliggende buurten staan in lichtgrijs",
    ],
    "visie": ["Samenwerkingsafspraken", "Afsprakenmatrix", "Penvoerder"],
    "sessieverslag": ["Aanwezigheid", "Verslag", "Opbrengsten"],
    "begroting": [
        "Verplichtingen en betalingen",
        "Actie: Jongerenwerk",
        "Voldoet: Inzet jongerenwerker Welzijn 2025",
    ],
}
ENGLISH = ["No data", "Area scan", "Progress report", "Lead author", "Action:"]


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # The test database stands in for DATABASE_URL when one is set.
    call_command("load_demo", verbosity=0, allow_production=True)


def _subject(kind):
    if kind.subject == "versie":
        return raad.released_versies()[0].pk
    if kind.subject == "sessie":
        return raad.sessies_with_verslag()[0].pk
    return None


@pytest.mark.parametrize("code", list(kinds.KINDS), ids=str)
def test_every_kind_renders_the_demo_data_with_dutch_headings(
    code, demo, request_rapport
):
    kind = kinds.get(code)
    raad_kind = Audience.RAAD in kind.audiences
    role = Role.GRIFFIER if raad_kind else Role.COORDINATOR
    rapport = request_rapport(
        user=User.objects.filter(memberships__role=role).first(),
        kind=code,
        audience=Audience.RAAD if raad_kind else Audience.PARTNERS,
        gebied=Gebied.objects.get(code="BU04820102") if kind.needs_gebied else None,
        subject_pk=_subject(kind),
    )
    assert rapport.status == Rapport.Status.KLAAR, rapport.error
    text = " ".join(text_of(rapport).split())
    missing = [h for h in HEADINGS[code] if h not in text]
    assert not missing, f"{code} lacks {missing}"
    assert not [w for w in ENGLISH if w in text]
    assert "**" not in text and "##" not in text  # Markdown is rendered
    assert "Geen gegevens" not in text  # the demo fills every section


@pytest.mark.parametrize("code", list(kinds.KINDS), ids=str)
def test_no_kind_runs_past_the_page_margin_with_the_demo_data(code, demo):
    """Raadsleden read these on tablets: a table wider than the page is cut off."""
    kind = kinds.get(code)
    rapport = Rapport(
        kind=code,
        audience=kind.audiences[0],
        gebied=Gebied.objects.get(code="BU04820102") if kind.needs_gebied else None,
        subject_pk=_subject(kind),
        title=kind.default_title(),
    )
    if code == "voortgang":
        # The demo's corrected letter: the correction, the college's text and
        # its signatories, then the annexes.
        rapport = Rapport.objects.get(title=demo_data.DEMO_CORRECTIE)
    assert past_the_margin(services.render_html(rapport)) == []

"""The afspraken matrix of the visie report, read back from the PDF."""

import re
from datetime import date

import pytest
from django.utils import translation

from partners.models import Organisation
from portal.rapportage import services as rapportage_services
from portal.rapportage.kinds import MATRIX_ORGANISATIONS
from portal.rapportage.models import Rapport
from tests.conftest import make_org
from tests.rapportage.layout import past_the_margin
from tests.rapportage.pdftext import text_of
from tests.visie.factories import make_document
from visie import services
from visie.models import Afspraak


def _text(rapport) -> str:
    """The PDF text on one line, with words split by hyphenation joined again."""
    return " ".join(re.sub("\u2010\\s*", "", text_of(rapport)).split())


def _visie_report(personas, request_rapport, *, rollen, language="nl"):
    document, _ = make_document(personas)
    services.afspraak_save(
        document=document,
        user=personas.procesbegeleider,
        title="Buurtoverleg Souburgh",
        rollen=rollen,
        deadline=date(2027, 3, 1),
        status=Afspraak.Status.LOPEND,
    )
    with translation.override(language):
        versie = services.versie_release(
            document=document, user=personas.procesbegeleider
        )
    rapport = request_rapport(
        user=personas.griffier, kind="visie", audience="raad", subject_pk=versie.pk
    )
    assert rapport.status == Rapport.Status.KLAAR, rapport.error
    return rapport


# A version freezes the status label of the moment it was released; released
# with translations off (a script, a shell) that label is the English source.
@pytest.mark.parametrize(
    "language", ["nl", None], ids=["released-in-dutch", "released-untranslated"]
)
def test_the_matrix_shows_the_dutch_status_and_a_dutch_due_date(
    language, personas, request_rapport
):
    rapport = _visie_report(
        personas,
        request_rapport,
        rollen={personas.welzijn: "A", personas.woonkracht10: "R"},
        language=language,
    )
    text = _text(rapport)
    assert "Lopend" in text
    assert "in progress" not in text
    assert "01-03-2027" in text
    assert "2027-03-01" not in text


def test_the_matrix_explains_the_raci_letters_as_the_afspraken_page_does(
    personas, request_rapport
):
    rapport = _visie_report(
        personas,
        request_rapport,
        rollen={
            personas.welzijn: "A",
            personas.woonkracht10: "R",
            personas.politie: "I",
        },
    )
    text = _text(rapport)
    assert "Rollen (RACI)" in text
    for legend in [
        "R = Responsible (voert uit)",
        "A = Accountable (eindverantwoordelijk)",
        "C = Consulted (geraadpleegd)",
        "I = Informed (geïnformeerd)",
        "– = geen rol in deze afspraak",
    ]:
        assert legend in text


def test_a_matrix_of_many_organisations_continues_in_a_second_table_on_the_page(
    personas, request_rapport
):
    partners = [
        make_org(f"partner-{n}", Organisation.Kind.PARTNER, name=f"Buurtpartner {n}")
        for n in range(1, MATRIX_ORGANISATIONS + 1)
    ]
    rollen = {personas.welzijn: "A", **{o: "C" for o in partners}}
    rapport = _visie_report(personas, request_rapport, rollen=rollen)
    text = _text(rapport)
    assert "(deel 1 van 2)" in text and "(deel 2 van 2)" in text
    assert all(o.name in text for o in rollen)
    assert past_the_margin(rapportage_services.render_html(rapport)) == []

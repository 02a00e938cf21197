"""Raad data through one door: no partner-only or organisation-only text leaks.

Canary strings are planted in every place that holds text not cleared for the
raad; every raad report kind is rendered and its PDF text read back.
"""

import ast
import inspect
import types
from datetime import date
from decimal import Decimal

import pytest

from portal.rapportage import kinds
from portal.rapportage.models import Audience, Begroting, Rapport, Uitgave
from scans.models import Actie
from tests.rapportage.pdftext import text_of
from tests.rapportage.subjects import ALL_CANARIES, SUBJECTS

CANARIES = {
    "uitgave": "KANARIE-UITGAVE-7Q2",
    "actie": "KANARIE-ACTIE-9X4",
    "gebied_omschrijving": "KANARIE-GEBIED-3F8",
    "straten": "KANARIE-STRAAT-5K1",
}


@pytest.fixture
def planted(gebied, personas):
    gebied.description = f"Interne notitie {CANARIES['gebied_omschrijving']}"
    gebied.streets = f"Kerkstraat\n{CANARIES['straten']}"
    gebied.save()
    begroting = Begroting.objects.create(year=2025, amount=Decimal("100000"))
    Uitgave.objects.create(
        begroting=begroting,
        soort=Uitgave.Soort.VERPLICHTING,
        amount=Decimal("1234.00"),
        date=date(2025, 2, 1),
        description=f"Inzet hotspot {CANARIES['uitgave']}",
        actie=Actie.objects.create(
            gebied=gebied,
            eigenaar=personas.politie,
            title=CANARIES["actie"],
            voortgang=40,
        ),
        gebied=gebied,
        organisation=personas.politie,
    )
    return gebied


def _render(request_rapport, personas, user, kind, gebied):
    subject_pk = None
    if kind.subject:
        subject_pk = SUBJECTS[kind.subject](personas)
    audience = Audience.RAAD if Audience.RAAD in kind.audiences else Audience.PARTNERS
    rapport = request_rapport(
        user=user,
        kind=kind.code,
        audience=audience,
        gebied=gebied if kind.needs_gebied else None,
        subject_pk=subject_pk,
    )
    assert rapport.status == Rapport.Status.KLAAR, rapport.error
    # Table cells wrap long words; compare without any whitespace.
    return "".join(text_of(rapport).split())


@pytest.mark.parametrize("kind", kinds.raad_kinds(), ids=lambda k: k.code)
def test_no_canary_appears_in_any_raad_report(
    kind, planted, personas, griffier, request_rapport
):
    text = _render(request_rapport, personas, griffier, kind, planted)
    leaked = [name for name, canary in CANARIES.items() if canary in text]
    leaked += [canary for canary in ALL_CANARIES if canary in text]
    assert not leaked, f"{kind.code} shows text not cleared for the raad: {leaked}"


def test_the_canaries_are_visible_in_a_partner_report(
    planted, personas, coordinator, request_rapport
):
    """The check above can fail: partner reports do carry the planted lines."""
    text = _render(
        request_rapport, personas, coordinator, kinds.get("begroting"), planted
    )
    assert CANARIES["uitgave"] in text
    assert CANARIES["actie"] in text


def test_raad_kinds_read_data_only_through_the_raad_module():
    modules = {n for n, obj in vars(kinds).items() if isinstance(obj, types.ModuleType)}
    for kind in kinds.raad_kinds():
        tree = ast.parse(inspect.getsource(kind.build))
        imports = [
            n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)
        ]
        assert not imports, f"{kind.code} imports its own data source"
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} & modules
        assert used <= {"raad", "svg"}, (kind.code, used)


SIGNAAL_CANARIES = {
    "partners": "KANARIE-SIGNAAL-PARTNERS-2M6",
    "organisatie": "KANARIE-SIGNAAL-ORGANISATIE-8T3",
}
OPENBAAR = "OPENBAAR-SIGNAAL-SPEELVELD"


@pytest.fixture
def scans_world(planted, personas):
    """Signalen of every level, metingen and acties in the planted area."""
    factories = pytest.importorskip(
        "tests.scans.factories", reason="the scans app has not landed yet"
    )
    for level, canary in SIGNAAL_CANARIES.items():
        factories.signaal(planted, personas.woonkracht10, level, text=canary)
    factories.signaal(planted, personas.woonkracht10, "openbaar", text=OPENBAAR)
    other = factories.buurt(7, name="Kinderdijk")
    ronde = factories.ronde()
    indicator = factories.indicator()
    for area, value in [(planted, 12), (other, 30)]:
        scan = factories.scan(area, ronde)
        factories.meting(scan, indicator, value, personas.woonkracht10)
    factories.actie(
        planted, personas.woonkracht10, title="KANARIE-ACTIE-TITEL-4P9", voortgang=40
    )
    return planted


@pytest.mark.parametrize("kind", kinds.raad_kinds(), ids=lambda k: k.code)
def test_no_partner_or_organisation_signaal_appears_in_any_raad_report(
    kind, scans_world, personas, griffier, request_rapport
):
    text = _render(request_rapport, personas, griffier, kind, scans_world)
    for level, canary in SIGNAAL_CANARIES.items():
        assert canary not in text, f"{kind.code} shows a {level} signaal"
    assert "KANARIE-ACTIE-TITEL-4P9" not in text
    if kind.needs_gebied:
        assert OPENBAAR in text  # openbaar signalen do reach the raad
        assert "Veiligheid" in text  # and so do the indices
        # acties as aggregates: the mean over both acties of the area
        assert "Gemiddeldevoortgangperactie(zondergestopteacties)40%" in text

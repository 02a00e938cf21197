from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scans.models import Gebiedsscan, Meting
from scans.services import csv_import
from tests.scans import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(personas):
    r = f.ronde()
    f.buurt(2, name="Redersbuurt")
    f.buurt(3, name="Dorpscentrum")
    f.indicator("overlast-jeugd", max_value="2000")
    f.indicator("onveilig", thema_code="beleving", laag="subjectief")
    return r


def upload(client, ronde, content: bytes, name="metingen.csv"):
    return client.post(
        reverse("scans:csv_import", kwargs={"pk": ronde.pk}),
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def confirm(client, ronde):
    return client.post(
        reverse("scans:csv_import", kwargs={"pk": ronde.pk}), {"confirm": "1"}
    )


GOOD = (
    "gebied;indicator;waarde;datum;bron\n"
    "BU04820002;overlast-jeugd;4,5;31-03-2025;Politie\n"
    "BU04820003;overlast-jeugd;1.234,5;;Politie\n"
    "BU04820003;onveilig;22;2025-03-31;Enquête\n"
)


@pytest.mark.parametrize(
    "encoded",
    [
        GOOD.encode("utf-8"),
        b"\xef\xbb\xbf" + GOOD.encode("utf-8"),
        GOOD.replace("Enquête", "Enquête").encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1252"],
)
def test_a_partner_previews_then_imports_all_rows(
    client_for, medewerker, setup, encoded
):
    client = client_for(medewerker)
    response = upload(client, setup, encoded)
    assert response.status_code == 200
    assert "3 metingen" in response.content.decode()
    assert Meting.objects.count() == 0  # the preview saves nothing
    response = confirm(client, setup)
    assert response.status_code == 302
    values = sorted(Meting.objects.values_list("value", flat=True))
    assert values == [Decimal("4.5"), Decimal("22"), Decimal("1234.5")]
    assert Meting.objects.get(value=Decimal("22")).bron == "Enquête"
    assert Gebiedsscan.objects.count() == 2


def test_comma_separated_files_with_quoted_decimal_commas_are_read(setup):
    text = 'gebied,indicator,waarde\nBU04820002,overlast-jeugd,"4,5"\n'
    result = csv_import.parse(text, ronde=setup)
    assert result.is_valid
    assert result.rows[0].value == Decimal("4.5")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("BU09999999;overlast-jeugd;4", "Onbekende buurt"),
        ("BU04820002;bestaat-niet;4", "Onbekende indicator"),
        ("BU04820002;overlast-jeugd;veel", "geen getal"),
        ("BU04820002;overlast-jeugd;4000", "buiten het toegestane bereik"),
    ],
)
def test_a_bad_row_is_shown_with_its_line_and_nothing_is_saved(
    client_for, medewerker, setup, line, message
):
    client = client_for(medewerker)
    content = f"gebied;indicator;waarde\nBU04820003;overlast-jeugd;3\n{line}\n"
    response = upload(client, setup, content.encode())
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "Er is niets opgeslagen" in body
    assert confirm(client, setup).status_code == 302
    assert Meting.objects.count() == 0


def test_a_duplicate_measurement_in_the_file_is_an_error(setup):
    text = (
        "gebied;indicator;waarde\n"
        "BU04820002;overlast-jeugd;3\n"
        "BU04820002;overlast-jeugd;4\n"
    )
    result = csv_import.parse(text, ronde=setup)
    assert not result.is_valid
    assert result.rows[1].errors


def test_a_measurement_that_already_exists_is_an_error(setup, personas):
    s = f.scan(f.buurt(2), setup)
    f.meting(s, f.indicator("overlast-jeugd"), 3, personas.woonkracht10)
    result = csv_import.parse(
        "gebied;indicator;waarde\nBU04820002;overlast-jeugd;4\n", ronde=setup
    )
    assert "heeft al een waarde" in result.rows[0].errors[0] or result.rows[0].errors


def test_rows_for_an_adopted_scan_are_refused(setup):
    f.scan(f.buurt(2), setup, status="vastgesteld")
    result = csv_import.parse(
        "gebied;indicator;waarde\nBU04820002;overlast-jeugd;4\n", ronde=setup
    )
    assert not result.is_valid


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Het bestand is leeg"),
        (b"   \n", "Het bestand is leeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "geen CSV"),
        (b"naam;getal\nx;1\n", "Ontbrekende kolom"),
        (b"gebied;indicator;waarde\n", "geen metingen"),
    ],
    ids=["zero bytes", "empty", "binary", "wrong header", "header only"],
)
def test_an_unusable_file_gets_a_clear_message(
    client_for, medewerker, setup, content, message
):
    client = client_for(medewerker)
    response = upload(client, setup, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Meting.objects.count() == 0


def test_confirming_without_a_preview_saves_nothing(client_for, medewerker, setup):
    response = confirm(client_for(medewerker), setup)
    assert response.status_code == 302
    assert Meting.objects.count() == 0

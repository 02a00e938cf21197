"""Regression tests: paths on which a BSN used to be stored without a word.

111222333 passes the 11-proef. Each path must refuse it with the Dutch
message and save nothing. The generated coverage of every form and import is
in test_personal_data_everywhere.py.
"""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scans.models import Gebied, Meting
from scans.services import csv_import
from tests.scans import factories as f
from tests.visie.factories import make_document, pdf_upload
from visie import services as visie_services
from visie.models import Bron, Revisie

pytestmark = pytest.mark.django_db

BSN = "111222333"
BSN_MESSAGE = "burgerservicenummer (BSN)"


def test_a_bsn_in_a_visie_section_is_refused_on_the_edit_page(client_for, personas):
    _document, (sectie,) = make_document(personas)
    revisies = Revisie.objects.count()
    response = client_for(personas.medewerker).post(
        reverse("visie:sectie_edit", kwargs={"pk": sectie.pk}),
        {
            "text": f"De bewoner met nummer {BSN} meldt overlast.",
            "message": "",
            "base": sectie.current_revisie_id,
        },
    )
    assert response.status_code == 200
    assert BSN_MESSAGE in response.content.decode()
    assert Revisie.objects.count() == revisies


def test_the_visie_section_service_refuses_a_bsn(personas):
    _document, (sectie,) = make_document(personas)
    with pytest.raises(ValidationError) as exc:
        visie_services.sectie_save(
            sectie=sectie,
            user=personas.medewerker,
            text=f"BSN {BSN}",
            message="",
            base_revisie_id=sectie.current_revisie_id,
        )
    assert exc.value.error_dict["text"][0].code == "bsn"
    assert not sectie.revisies.filter(text__contains=BSN).exists()


def test_a_bsn_in_a_meting_note_is_refused_on_the_form(client_for, personas):
    scan = f.scan(f.buurt(2), f.ronde())
    indicator = f.indicator()
    response = client_for(personas.medewerker).post(
        reverse("scans:meting_create", kwargs={"pk": scan.pk}),
        {
            "indicator": indicator.pk,
            "value": "12,5",
            "gemeten_op": "2025-03-31",
            "note": f"Gemeld door {BSN}",
        },
    )
    assert response.status_code == 200
    assert BSN_MESSAGE in response.content.decode()
    assert not Meting.objects.exists()


def test_a_bsn_in_a_csv_import_is_a_row_error_and_nothing_is_saved(
    client_for, personas
):
    buurt, indicator, ronde = f.buurt(2), f.indicator(), f.ronde()
    text = (
        "gebied;indicator;waarde;toelichting\n"
        f"{buurt.code};{indicator.code};7,5;Telling\n"
        f"{buurt.code};{indicator.code}x;7,5;Gemeld door {BSN}\n"
    )
    result = csv_import.parse(text, ronde=ronde)
    bad = result.rows[1]
    assert any(BSN_MESSAGE in e for e in bad.errors)
    assert not result.is_valid
    with pytest.raises(ValidationError):
        csv_import.commit(user=personas.medewerker, ronde=ronde, text=text)
    assert not Meting.objects.exists()


def test_a_bsn_in_the_csv_source_column_is_refused_too(personas):
    buurt, indicator, ronde = f.buurt(2), f.indicator(), f.ronde()
    text = f"gebied;indicator;waarde;bron\n{buurt.code};{indicator.code};7,5;{BSN}\n"
    result = csv_import.parse(text, ronde=ronde)
    assert any(BSN_MESSAGE in e for e in result.rows[0].errors)


def test_a_bsn_in_a_bron_description_is_refused(client_for, personas):
    response = client_for(personas.procesbegeleider).post(
        reverse("visie:bron_create"),
        {
            "title": "Jaarverslag",
            "soort": "beleid",
            "url": "https://www.alblasserdam.nl/jaarverslag",
            "description": f"Dossier van BSN {BSN}",
            "rubricering": "partners",
            "upload": pdf_upload(),
        },
    )
    assert response.status_code == 200
    assert BSN_MESSAGE in response.content.decode()
    assert not Bron.objects.exists()


def test_the_bron_service_refuses_a_bsn(personas):
    with pytest.raises(ValidationError):
        visie_services.bron_create(
            user=personas.procesbegeleider,
            title="Nota",
            soort=Bron.Soort.BELEID,
            url="https://www.alblasserdam.nl/",
            description=f"Over {BSN}",
            rubricering="partners",
        )
    assert not Bron.objects.exists()


def test_a_bsn_in_a_cbs_area_name_stops_the_import_and_nothing_is_saved():
    from scans.cbs import CbsImportError, import_cbs_buurten
    from tests.scans.test_import_cbs_buurten import feature

    data = {
        "type": "FeatureCollection",
        "features": [
            feature("BU04820101", "Centrum"),
            feature("BU04820102", f"Buurt {BSN}", lon=4.66),
        ],
    }
    with pytest.raises(CbsImportError) as exc:
        import_cbs_buurten(json.dumps(data), gemeente_code="GM0482")
    assert "BU04820102" in str(exc.value)
    assert not Gebied.objects.exists()


def test_a_phone_number_in_a_csv_import_asks_for_confirmation_before_saving(
    client_for, personas
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    buurt, indicator, ronde = f.buurt(2), f.indicator(), f.ronde()
    text = (
        "gebied;indicator;waarde;toelichting\n"
        f"{buurt.code};{indicator.code};7,5;Buurthuis 078 691 23 45\n"
    )
    client = client_for(personas.medewerker)
    url = reverse("scans:csv_import", kwargs={"pk": ronde.pk})
    preview = client.post(
        url, {"file": SimpleUploadedFile("m.csv", text.encode())}
    ).content.decode()
    assert "telefoonnummer" in preview
    assert 'name="personal_data_confirmed"' in preview
    refused = client.post(url, {"confirm": "1"})
    assert refused.status_code == 200
    assert "persoonsgegevens" in refused.content.decode()
    assert not Meting.objects.exists()
    saved = client.post(url, {"confirm": "1", "personal_data_confirmed": "1"})
    assert saved.status_code == 302
    assert Meting.objects.get().note == "Buurthuis 078 691 23 45"


def test_a_phone_number_in_an_rsvp_note_can_be_confirmed_on_the_session_page(
    client_for, personas
):
    from sessies.models import Uitnodiging
    from tests.sessies.factories import invite, make_sessie

    sessie = make_sessie(personas.griffier, personas.griffie, openbaar=True)
    invite(sessie, personas.raadslid)
    client = client_for(personas.raadslid)
    url = reverse("sessies:rsvp", args=[sessie.pk])
    note = "Bel me op 06-12345678 als het later wordt."
    asked = client.post(url, {"antwoord": "aanmelden", "note": note})
    page = asked.content.decode()
    assert asked.status_code == 200
    assert "telefoonnummer" in page
    assert 'type="checkbox" name="personal_data_confirmed"' in page
    saved = client.post(
        url, {"antwoord": "aanmelden", "note": note, "personal_data_confirmed": "on"}
    )
    assert saved.status_code == 302
    assert Uitnodiging.objects.get(user=personas.raadslid).note == note

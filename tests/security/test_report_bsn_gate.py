"""The last gate: a report whose text holds a BSN is not made.

Text saved before the guard existed, or through a path it missed (here: an
openbaar signaal written straight to the database), must not leave the
portal in a PDF. The report goes to mislukt with a Dutch reason the
requester reads on its page; no file is stored.
"""

import pytest
from django.urls import reverse

from portal.rapportage.models import Audience, Rapport
from portal.rapportage.pdf import visible_text, without_digests
from tests.scans import factories as f

pytestmark = pytest.mark.django_db

BSN = "111222333"


@pytest.fixture
def request_rapport(django_capture_on_commit_callbacks):
    from portal.rapportage import services

    def _request(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            rapport = services.rapport_request(**kwargs)
        rapport.refresh_from_db()
        return rapport

    return _request


def test_a_raad_report_with_a_bsn_in_its_text_fails_with_a_reason_and_no_file(
    personas, griffier, request_rapport, client_for
):
    buurt = f.buurt(2, name="Redersbuurt")
    f.signaal(buurt, personas.woonkracht10, "openbaar", text=f"Bewoner {BSN} belde")
    rapport = request_rapport(
        user=griffier, kind="gebiedsscan", audience=Audience.RAAD, gebied=buurt
    )
    assert rapport.status == Rapport.Status.MISLUKT
    assert "burgerservicenummer (BSN)" in rapport.error
    assert BSN not in rapport.error
    assert not rapport.file
    assert not rapport.sha256
    page = client_for(griffier).get(rapport.get_absolute_url()).content.decode()
    assert "burgerservicenummer (BSN)" in page
    assert reverse("rapportage:rapport_download", kwargs={"uid": rapport.uid}) not in (
        page
    )


def test_the_same_report_without_the_number_is_made(
    personas, griffier, request_rapport
):
    buurt = f.buurt(2, name="Redersbuurt")
    f.signaal(buurt, personas.woonkracht10, "openbaar", text="Bewoner belde")
    rapport = request_rapport(
        user=griffier, kind="gebiedsscan", audience=Audience.RAAD, gebied=buurt
    )
    assert rapport.status == Rapport.Status.KLAAR, rapport.error


def test_a_content_hash_in_a_report_is_not_taken_for_a_bsn():
    digest = "ab" + BSN + "c" * 53
    html = f"<p>Inhoudshash: {digest}</p><p>Datum 31-03-2025</p>"
    assert BSN not in without_digests(visible_text(html))
    assert BSN in without_digests(visible_text(f"<td>{BSN}</td>"))

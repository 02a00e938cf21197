from decimal import Decimal

import pytest
from django.urls import reverse

from scans.models import Gebiedsscan, Meting
from tests.scans import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(personas):
    return f.scan(f.buurt(2), f.ronde())


def post_meting(client, scan, **data):
    ind = f.indicator()
    payload = {"indicator": ind.pk, "value": "4,5", "gemeten_op": "2025-03-31"}
    payload.update(data)
    return client.post(reverse("scans:meting_create", kwargs={"pk": scan.pk}), payload)


def test_a_partner_records_a_measurement_with_a_decimal_comma(
    client_for, medewerker, draft
):
    response = post_meting(client_for(medewerker), draft)
    assert response.status_code == 302
    meting = Meting.objects.get()
    assert meting.value == Decimal("4.5")
    assert meting.organisation.slug == "woonkracht10"


def test_a_second_measurement_of_the_same_indicator_is_refused(
    client_for, medewerker, draft
):
    client = client_for(medewerker)
    post_meting(client, draft)
    response = post_meting(client, draft, value="6")
    assert response.status_code == 200
    assert "heeft al een meting" in response.content.decode()
    assert Meting.objects.count() == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [("veel", "Voer een getal in"), ("250", "buiten het toegestane bereik")],
)
def test_a_bad_value_is_refused_with_a_dutch_message(
    client_for, medewerker, draft, value, message
):
    response = post_meting(client_for(medewerker), draft, value=value)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meting.objects.exists()


def test_the_status_goes_from_concept_via_review_to_adopted(
    client_for, medewerker, coordinator, draft, personas
):
    f.meting(draft, f.indicator(), 4, personas.woonkracht10)
    url = lambda action: reverse(  # noqa: E731
        "scans:scan_transition", kwargs={"pk": draft.pk, "action": action}
    )
    client_for(medewerker).post(url("indienen"))
    draft.refresh_from_db()
    assert draft.status == "review"
    # A medewerker may not adopt; the coördinator may.
    assert client_for(medewerker).post(url("vaststellen")).status_code == 403
    client_for(coordinator).post(url("vaststellen"))
    draft.refresh_from_db()
    assert draft.status == "vastgesteld"
    assert draft.vastgesteld_by == coordinator


def test_an_adopted_scan_cannot_be_edited(client_for, medewerker, personas):
    scan = f.scan(f.buurt(2), f.ronde(), status="vastgesteld")
    client = client_for(medewerker)
    response = post_meting(client, scan)
    assert response.status_code == 302
    assert not Meting.objects.exists()
    page = client.get(response.url).content.decode()
    assert "kan niet meer gewijzigd worden" in page


def test_a_correction_makes_a_new_version_and_history_shows_both(
    client_for, medewerker, personas
):
    scan = f.scan(f.buurt(2), f.ronde(), status="vastgesteld")
    f.meting(scan, f.indicator(), 4, personas.woonkracht10)
    client = client_for(medewerker)
    response = client.post(
        reverse("scans:scan_correct", kwargs={"pk": scan.pk}),
        {"reden": "Inbraken dubbel geteld"},
    )
    assert response.status_code == 302
    new = Gebiedsscan.objects.get(vorige=scan)
    scan.refresh_from_db()
    assert (new.versie, new.status, new.is_actueel) == (2, "concept", True)
    assert scan.is_actueel is False and scan.status == "vastgesteld"
    assert new.metingen.get().value == Decimal("4")
    history = client.get(reverse("scans:scan_history", kwargs={"pk": new.pk}))
    body = history.content.decode()
    assert "versie 1" in body and "versie 2" in body
    assert "Inbraken dubbel geteld" in body


def test_a_correction_needs_a_reason(client_for, medewerker):
    scan = f.scan(f.buurt(2), f.ronde(), status="vastgesteld")
    response = client_for(medewerker).post(
        reverse("scans:scan_correct", kwargs={"pk": scan.pk}), {"reden": ""}
    )
    assert response.status_code == 200
    assert not Gebiedsscan.objects.filter(vorige=scan).exists()


def test_a_judgement_is_shown_next_to_the_index_not_averaged(
    client_for, medewerker, draft
):
    thema = f.thema()
    client = client_for(medewerker)
    response = client.post(
        reverse("scans:oordeel_create", kwargs={"pk": draft.pk}),
        {
            "thema": thema.pk,
            "score": "2",
            "toelichting": "Hangplek bij de werfkade",
            "rubricering": "partners",
        },
    )
    assert response.status_code == 302
    page = client.get(draft.gebied.get_absolute_url()).content.decode()
    assert "Hangplek bij de werfkade" in page

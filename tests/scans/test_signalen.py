import pytest
from django.urls import reverse

from scans.models import Signaal
from tests.scans import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def gebied(personas):
    return f.buurt(2, name="Redersbuurt")  # square from (4.648, 51.85)


def post(client, gebied, **data):
    payload = {
        "thema": f.thema().pk,
        "soort": "hot_spot",
        "text": "Hangplek bij de werfkade in de avonduren",
        "waargenomen_op": "2026-01-10",
        "rubricering": "partners",
    }
    payload.update(data)
    return client.post(
        reverse("scans:signaal_create", kwargs={"code": gebied.code}), payload
    )


def test_a_partner_adds_a_signaal_with_a_point(client_for, medewerker, gebied):
    response = post(client_for(medewerker), gebied, point="51.852, 4.650")
    assert response.status_code == 302
    s = Signaal.objects.get()
    assert s.point == {"type": "Point", "coordinates": [4.65, 51.852]}
    assert s.organisation.slug == "woonkracht10"


def test_a_point_outside_the_gebied_is_refused(client_for, medewerker, gebied):
    response = post(client_for(medewerker), gebied, point="51.870, 4.680")
    assert response.status_code == 200
    assert "Het punt ligt buiten Redersbuurt" in response.content.decode()
    assert not Signaal.objects.exists()


def test_a_bsn_is_refused(client_for, medewerker, gebied):
    response = post(
        client_for(medewerker),
        gebied,
        text="Bewoner 111222333 veroorzaakt overlast",
        personal_data_confirmed="on",
    )
    assert response.status_code == 200
    assert "burgerservicenummer" in response.content.decode()
    assert not Signaal.objects.exists()


def test_a_phone_number_needs_confirmation(client_for, medewerker, gebied):
    client = client_for(medewerker)
    text = "Beheerder van het buurthuis is bereikbaar op 078-6912345"
    response = post(client, gebied, text=text)
    assert response.status_code == 200
    assert "telefoonnummer" in response.content.decode()
    assert not Signaal.objects.exists()
    response = post(client, gebied, text=text, personal_data_confirmed="on")
    assert response.status_code == 302
    assert Signaal.objects.count() == 1


def test_a_signaal_without_classification_is_refused(client_for, medewerker, gebied):
    response = post(client_for(medewerker), gebied, rubricering="")
    assert response.status_code == 200
    assert not Signaal.objects.exists()


def test_a_new_or_renamed_theme_shows_in_the_filter_at_once(client_for, medewerker):
    thema = f.thema("overlast")
    client = client_for(medewerker)
    url = reverse("scans:signaal_list")
    assert (
        '<option value="overlast">Overlast</option>' in client.get(url).content.decode()
    )

    thema.name = "Overlast en vandalisme"
    thema.save()
    f.thema("eenzaamheid", domein="sociaal")

    body = client.get(url).content.decode()
    assert '<option value="overlast">Overlast en vandalisme</option>' in body
    assert '<option value="eenzaamheid">' in body

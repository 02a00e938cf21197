from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from scans import selectors
from scans.models import Actie
from tests.scans import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def gebied(personas):
    return f.buurt(2, name="Redersbuurt")


def post(client, gebied, personas, **data):
    payload = {
        "title": "Jongerenwerk op de werfkade",
        "description": "Twee avonden per week ambulant jongerenwerk.",
        "eigenaar": personas.woonkracht10.pk,
        "partners": [personas.politie.pk],
        "themas": [f.thema().pk],
        "status": "lopend",
        "deadline": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "voortgang": "40",
        "budget": "12500,50",
    }
    payload.update(data)
    return client.post(
        reverse("scans:actie_create", kwargs={"code": gebied.code}), payload
    )


def test_a_partner_plans_an_actie_with_a_budget_in_euros(
    client_for, medewerker, personas, gebied
):
    response = post(client_for(medewerker), gebied, personas)
    assert response.status_code == 302
    actie = Actie.objects.get()
    assert actie.budget == Decimal("12500.50")
    assert list(actie.partners.all()) == [personas.politie]
    page = client_for(medewerker).get(actie.get_absolute_url()).content.decode()
    assert "12.500,50" in page


def test_a_negative_budget_is_refused(client_for, medewerker, personas, gebied):
    response = post(client_for(medewerker), gebied, personas, budget="-5")
    assert response.status_code == 200
    assert not Actie.objects.exists()


def test_personal_data_in_an_actie_needs_confirmation(
    client_for, medewerker, personas, gebied
):
    response = post(
        client_for(medewerker), gebied, personas, description="Bel 06-12345678"
    )
    assert response.status_code == 200
    assert "telefoonnummer" in response.content.decode()
    assert not Actie.objects.exists()


def test_a_completed_actie_counts_as_100_percent(
    client_for, medewerker, personas, gebied
):
    post(client_for(medewerker), gebied, personas, status="afgerond", voortgang="60")
    assert Actie.objects.get().voortgang == 100


def test_progress_rolls_up_per_gebied_and_per_theme(personas, gebied):
    overlast, wonen = f.thema("overlast"), f.thema("wonen", "fysiek")
    a = f.actie(gebied, personas.woonkracht10, voortgang=40, budget=Decimal("100"))
    b = f.actie(gebied, personas.welzijn, title="B", voortgang=80, budget=Decimal("50"))
    c = f.actie(gebied, personas.politie, title="C", status="gestopt", voortgang=0)
    a.themas.set([overlast, wonen])
    b.themas.set([overlast])
    c.themas.set([overlast])
    acties = list(selectors.acties_of_gebied(gebied))
    assert selectors.actie_progress(acties) == 60  # the stopped actie is left out
    rows = {r["thema"].code: r for r in selectors.progress_per_thema(acties)}
    assert rows["overlast"]["count"] == 3
    assert rows["overlast"]["progress"] == 60
    assert rows["wonen"]["budget"] == Decimal("100")


def test_only_owner_and_partners_involved_change_an_actie(client_for, personas, gebied):
    actie = f.actie(gebied, personas.woonkracht10)
    actie.partners.add(personas.politie)
    url = reverse("scans:actie_update", kwargs={"pk": actie.pk})
    assert client_for(personas.politie_medewerker).get(url).status_code == 200
    assert client_for(personas.outsider).get(url).status_code == 403


def test_the_geojson_export_holds_indices_but_no_free_text(
    client_for, medewerker, personas, gebied
):
    f.signaal(gebied, personas.woonkracht10, "openbaar", text="Openbare tekst")
    response = client_for(medewerker).get(reverse("scans:export_geojson"))
    data = response.json()
    props = data["features"][0]["properties"]
    assert {"index_sociaal", "index_fysiek", "index_veiligheid"} <= props.keys()
    assert "Openbare tekst" not in response.content.decode()

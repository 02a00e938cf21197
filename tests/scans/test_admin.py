import json

import pytest
from django.urls import reverse

from scans.models import Drempels, Indicator
from tests.scans import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "admin:scans_indicator_changelist",
        "admin:scans_indicator_add",
        "admin:scans_thema_changelist",
        "admin:scans_gebied_changelist",
        "admin:scans_scanronde_changelist",
        "admin:scans_drempels_changelist",
    ],
)
def test_the_beheerder_manages_scan_settings_in_the_admin(client_for, beheerder, name):
    f.indicator()
    assert client_for(beheerder).get(reverse(name)).status_code == 200


def test_the_beheerder_adds_an_indicator(client_for, beheerder, personas):
    thema = f.thema()
    response = client_for(beheerder).post(
        reverse("admin:scans_indicator_add"),
        {
            "code": "leegstand",
            "name": "Leegstand woningen",
            "thema": thema.pk,
            "laag": "objectief",
            "unit": "%",
            "polariteit": "-1",
            "bron": personas.woonkracht10.pk,
            "min_value": "0",
            "max_value": "100",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert Indicator.objects.get(code="leegstand").polariteit == -1


def test_the_beheerder_tunes_thresholds(client_for, beheerder):
    drempels = Drempels.current()
    response = client_for(beheerder).post(
        reverse("admin:scans_drempels_change", args=[drempels.pk]),
        {
            "index_daling": "15",
            "signalen_aantal": "4",
            "signalen_dagen": "14",
            "acties_te_laat": "on",
        },
    )
    assert response.status_code == 302
    drempels.refresh_from_db()
    assert (drempels.index_daling, drempels.signalen_aantal) == (15, 4)


def test_signalen_are_not_in_the_admin(client_for, beheerder):
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("admin:scans_signaal_changelist")


def test_a_gebied_shape_is_validated_in_the_admin(client_for, beheerder):
    f.buurt(1)  # the gemeente's areas give the extent
    response = client_for(beheerder).post(
        reverse("admin:scans_gebied_add"),
        {
            "code": "BU04829999",
            "name": "Ver weg",
            "level": "buurt",
            "geometry": json.dumps(f.square(5.5, 52.3)),
        },
    )
    assert response.status_code == 200
    assert "buiten Alblasserdam" in response.content.decode()


def add_buurt(client, lon, lat):
    return client.post(
        reverse("admin:scans_gebied_add"),
        {
            "code": "BU04829999",
            "name": "Eerste buurt",
            "level": "buurt",
            "geometry": json.dumps(f.square(lon, lat)),
        },
    )


def test_before_any_area_is_stored_a_shape_must_lie_in_the_netherlands(
    client_for, beheerder
):
    berlin = add_buurt(client_for(beheerder), 13.4, 52.5)
    assert berlin.status_code == 200
    assert "buiten Alblasserdam" in berlin.content.decode()
    assert add_buurt(client_for(beheerder), 4.65, 51.86).status_code == 302

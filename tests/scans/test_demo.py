import pytest

from partners import demo as partners_demo
from scans import demo
from scans.models import (
    Actie,
    Gebied,
    Gebiedsscan,
    Indicator,
    Meting,
    ScanRonde,
    Signaal,
    Waarschuwing,
)
from scans.services.index import IndexCalculator

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    partners_demo.load()
    return demo.load()


def test_loading_twice_changes_nothing(loaded):
    counts = [m.objects.count() for m in (Gebied, Meting, Signaal, Actie, Waarschuwing)]
    assert demo.load() == {"gebieden": 0, "metingen": 0, "signalen": 0, "acties": 0}
    assert counts == [
        m.objects.count() for m in (Gebied, Meting, Signaal, Actie, Waarschuwing)
    ]


def test_redersbuurt_lies_in_its_wijk_with_an_approximate_shape(loaded):
    buurt = Gebied.objects.get(code="BU04820102")
    assert buurt.name == "Redersbuurt"
    assert buurt.parent.code == "WK048201"
    assert buurt.parent.parent.code == "GM0482"
    assert buurt.approximate and "Benaderde omtrek" in buurt.description
    assert 15 <= Gebied.objects.buurten().count() <= 20


def test_every_buurt_has_three_rounds_with_an_index(loaded):
    assert ScanRonde.objects.count() == 3
    assert Indicator.objects.count() >= 25
    calc = IndexCalculator()
    for ronde in ScanRonde.objects.all():
        indices = calc.for_ronde(ronde)
        for buurt in Gebied.objects.buurten():
            assert Gebiedsscan.objects.filter(gebied=buurt, ronde=ronde).exists()
            assert indices[buurt.pk].domein("veiligheid") is not None


def test_the_demo_shows_every_level_status_and_an_active_warning(loaded):
    assert set(Signaal.objects.values_list("rubricering", flat=True)) == {
        "openbaar",
        "partners",
        "organisatie",
    }
    assert set(Actie.objects.values_list("status", flat=True)) == set(
        Actie.Status.values
    )
    assert Waarschuwing.objects.filter(
        resolved_at__isnull=True, acknowledged_at__isnull=True
    ).exists()
    assert Gebied.objects.straatclusters().count() == 2
    assert all(
        sc.overlapping_buurten.exists() for sc in Gebied.objects.straatclusters()
    )

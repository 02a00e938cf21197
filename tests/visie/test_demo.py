import pytest

from partners import demo as partners_demo
from visie import demo
from visie.models import Ondertekening, Opmerking, VisieDocument

pytestmark = pytest.mark.django_db


def test_the_demo_visie_is_in_consultatie_with_two_versions_and_partial_sign_offs():
    partners_demo.load()
    demo.load()
    document = VisieDocument.objects.get(slug=demo.SLUG)
    assert document.status == "consultatie"
    assert document.versies.count() == 2
    assert len({s.penvoerder_id for s in document.secties.all()}) >= 4
    assert Opmerking.objects.filter(sectie__document=document).count() >= 4
    signed_latest = Ondertekening.objects.filter(versie__number=2).count()
    assert 0 < signed_latest < 6


def test_loading_the_demo_twice_changes_nothing():
    partners_demo.load()
    demo.load()
    counts = (VisieDocument.objects.count(), Opmerking.objects.count())
    assert demo.load() == {"bronnen": 0, "documenten": 0}
    assert (VisieDocument.objects.count(), Opmerking.objects.count()) == counts

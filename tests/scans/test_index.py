from decimal import Decimal

import pytest

from scans.services.index import IndexCalculator, band
from tests.scans import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("score", "key"),
    [
        (120, "gunstig"),
        (110, "gunstig"),
        (109.9, "gemiddeld"),
        (90, "gemiddeld"),
        (89.9, "ongunstig"),
        (70, "ongunstig"),
        (69.9, "zeer-ongunstig"),
        (None, None),
    ],
)
def test_bands_follow_the_method(score, key):
    assert (band(score) or (None,))[0] == key


@pytest.fixture
def three_buurten(personas):
    org = personas.woonkracht10
    r = f.ronde()
    worse = f.indicator("overlast-jeugd", polariteit=-1)
    better = f.indicator(
        "contact-buren",
        thema_code="binding",
        domein="sociaal",
        laag="subjectief",
        polariteit=1,
    )
    buurten = [f.buurt(n) for n in (1, 2, 3)]
    for b, v1, v2 in zip(buurten, (4, 6, 8), (50, 60, 70), strict=True):
        s = f.scan(b, r, status="vastgesteld")
        f.meting(s, worse, v1, org)
        f.meting(s, better, v2, org)
    return r, buurten


def test_the_average_buurt_scores_100(three_buurten):
    r, buurten = three_buurten
    idx = IndexCalculator().for_ronde(r)
    assert idx[buurten[1].pk].domein("veiligheid") == pytest.approx(100)
    assert idx[buurten[1].pk].domein("sociaal") == pytest.approx(100)


def test_polarity_turns_more_overlast_into_a_lower_score(three_buurten):
    r, buurten = three_buurten
    idx = IndexCalculator().for_ronde(r)
    # z = (8 - 6) / pstdev(4, 6, 8) = 1.2247; score = 100 - 12.2
    assert idx[buurten[2].pk].domein("veiligheid") == pytest.approx(87.8, abs=0.05)
    assert idx[buurten[0].pk].domein("veiligheid") == pytest.approx(112.2, abs=0.05)
    assert idx[buurten[2].pk].domein("sociaal") == pytest.approx(112.2, abs=0.05)


def test_domain_index_is_the_mean_of_objective_and_subjective_scores(personas):
    org = personas.woonkracht10
    r = f.ronde()
    obj = f.indicator("overlast-jeugd", laag="objectief", polariteit=-1)
    subj = f.indicator(
        "onveilig", thema_code="beleving", laag="subjectief", polariteit=-1
    )
    buurten = [f.buurt(n) for n in (1, 2, 3)]
    for b, v in zip(buurten, (4, 6, 8), strict=True):
        s = f.scan(b, r)
        f.meting(s, obj, v, org)
        f.meting(s, subj, 20, org)  # no spread: no score, not a division by zero
    idx = IndexCalculator().for_ronde(r)[buurten[2].pk]
    d = idx.domeinen["veiligheid"]
    assert d.subjectief is None
    assert d.index == d.objectief


def test_a_later_round_is_scored_against_the_base_round(three_buurten, personas):
    r, buurten = three_buurten
    later = f.ronde("Najaar 2025", basis=False, month=10)
    s = f.scan(buurten[1], later)
    f.meting(s, f.indicator("overlast-jeugd"), Decimal("8"), personas.woonkracht10)
    idx = IndexCalculator().for_gebied(buurten[1], later)
    assert idx.domein("veiligheid") == pytest.approx(87.8, abs=0.05)


def test_small_areas_are_flagged_not_hidden(three_buurten):
    r, buurten = three_buurten
    buurten[0].inhabitants = 120
    buurten[0].save()
    idx = IndexCalculator().for_ronde(r)
    assert idx[buurten[0].pk].is_flagged
    assert idx[buurten[0].pk].domein("veiligheid") is not None
    assert not idx[buurten[1].pk].is_flagged

"""The raad sees acties as aggregates; the mean progress weighs every actie once."""

import pytest

from portal.rapportage import raad
from tests.scans import factories


@pytest.fixture
def two_buurten(personas):
    owner = personas.woonkracht10
    one, many = factories.buurt(3), factories.buurt(4)
    factories.actie(one, owner, title="Bankjes", voortgang=100, status="afgerond")
    for n in range(3):
        factories.actie(many, owner, title=f"Portiek {n}", voortgang=0)
    factories.actie(many, owner, title="Gestaakt", voortgang=90, status="gestopt")
    return one, many


def _mean(section) -> str:
    return next(r for r in section.rows if r["Status"] == raad.PROGRESS_LABEL)[
        "Aantal acties"
    ]


def test_the_overall_mean_counts_each_actie_not_each_buurt(two_buurten, db):
    # Per buurt the means are 100% and 0%; over the four live acties it is 25%.
    assert _mean(raad.acties()) == "25%"


def test_a_stopped_actie_is_counted_but_left_out_of_the_mean(two_buurten, db):
    section = raad.acties(two_buurten[1])
    assert {"Status": "Gestopt", "Aantal acties": 1} in section.rows
    assert _mean(section) == "0%"

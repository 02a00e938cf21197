"""The classification rule on every page and export that shows signalen.

A signaal of each level is seen (or not) by a colleague of the author's
organisation, another partner, the procesbegeleider and a raadslid.
"""

import pytest
from django.urls import reverse

from scans import selectors
from scans.services.vroegsignalering import evaluate
from tests.scans import factories as f

pytestmark = pytest.mark.django_db

TEXTS = {
    "openbaar": "Openbare waarneming bij het speelveld",
    "partners": "Partnerwaarneming over de hangplek",
    "organisatie": "Interne waarneming van Woonkracht10",
}
#: viewer -> levels they may see (author: Woonkracht10)
EXPECTED = {
    "coordinator": {"openbaar", "partners", "organisatie"},  # same organisation
    "outsider": {"openbaar", "partners"},  # another partner
    "procesbegeleider": {"openbaar", "partners"},
    "raadslid": {"openbaar"},
}


@pytest.fixture
def world(personas):
    gebied = f.buurt(2, name="Redersbuurt")
    signalen = {
        level: f.signaal(gebied, personas.woonkracht10, level, text=text)
        for level, text in TEXTS.items()
    }
    actie = f.actie(gebied, personas.woonkracht10)
    actie.signalen.set(signalen.values())
    return {"gebied": gebied, "signalen": signalen, "actie": actie}


def _seen(body: str) -> set[str]:
    return {level for level, text in TEXTS.items() if text in body}


@pytest.mark.parametrize("viewer", sorted(EXPECTED))
def test_the_selector_applies_the_rule(personas, world, viewer):
    user = getattr(personas, viewer)
    seen = {s.rubricering for s in selectors.signalen_visible_to(user)}
    assert seen == EXPECTED[viewer]


PAGES = {
    "signaal_list": lambda w: reverse("scans:signaal_list"),
    "gebied_detail": lambda w: reverse(
        "scans:gebied_detail", kwargs={"code": w["gebied"].code}
    ),
    "actie_detail": lambda w: reverse(
        "scans:actie_detail", kwargs={"pk": w["actie"].pk}
    ),
}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("viewer", ["coordinator", "outsider", "procesbegeleider"])
def test_pages_show_only_what_the_viewer_may_see(
    client_for, personas, world, page, viewer
):
    response = client_for(getattr(personas, viewer)).get(PAGES[page](world))
    assert response.status_code == 200
    assert _seen(response.content.decode()) == EXPECTED[viewer]


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_raadslid_does_not_reach_the_partner_pages(client_for, raadslid, world, page):
    assert client_for(raadslid).get(PAGES[page](world)).status_code == 403


@pytest.mark.parametrize("viewer", sorted(EXPECTED))
def test_a_signaal_page_of_a_hidden_level_is_not_found(
    client_for, personas, world, viewer
):
    client = client_for(getattr(personas, viewer))
    for level, signaal in world["signalen"].items():
        url = reverse("scans:signaal_detail", kwargs={"pk": signaal.pk})
        if viewer == "raadslid":
            expected = 403  # the raad reads signalen through published reports
        else:
            expected = 200 if level in EXPECTED[viewer] else 404
        assert client.get(url).status_code == expected, (viewer, level)


@pytest.mark.parametrize("viewer", ["coordinator", "outsider", "procesbegeleider"])
def test_exports_carry_no_signal_text(client_for, personas, world, viewer):
    client = client_for(getattr(personas, viewer))
    for name in ("scans:export_csv", "scans:export_geojson"):
        body = client.get(reverse(name)).content
        assert _seen(body.decode("utf-8-sig")) == set()


def test_the_raad_selector_returns_only_openbaar_signalen_and_counts(world):
    summary = selectors.raad_safe_gebied_summary(world["gebied"])
    assert [s.rubricering for s in summary["signalen"]] == ["openbaar"]
    assert set(selectors.signalen_for_raad().values_list("rubricering", flat=True)) == {
        "openbaar"
    }


def test_a_warning_counts_only_signalen_the_organisation_may_see(personas, world):
    """Three signalen on one theme: Woonkracht10 sees three, Welzijn only two."""
    evaluate()
    from scans.models import Waarschuwing

    orgs = set(
        Waarschuwing.objects.filter(regel="signalen").values_list(
            "organisation__slug", flat=True
        )
    )
    assert "woonkracht10" in orgs
    assert "welzijn" not in orgs


def test_warning_evidence_is_filtered_for_the_reader(client_for, personas, world):
    evaluate()
    from scans.models import Waarschuwing

    w = Waarschuwing.objects.get(regel="signalen", organisation=personas.woonkracht10)
    body = client_for(personas.coordinator).get(w.get_absolute_url()).content.decode()
    assert _seen(body) == {"openbaar", "partners", "organisatie"}


@pytest.mark.parametrize("viewer", ["coordinator", "outsider", "procesbegeleider"])
def test_searching_finds_only_what_the_viewer_may_see(
    client_for, personas, world, viewer
):
    client = client_for(getattr(personas, viewer))
    body = client.get(reverse("scans:signaal_list"), {"q": "waarneming"}).content
    assert _seen(body.decode()) == EXPECTED[viewer]
    hidden = client.get(
        reverse("scans:signaal_list"), {"q": "Interne", "rubricering": "organisatie"}
    ).content.decode()
    assert ("Interne waarneming" in hidden) == ("organisatie" in EXPECTED[viewer])

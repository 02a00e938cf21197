"""The area map drawn into the PDF."""

import re

import pytest

from portal.rapportage import svg


def _extent(kaart) -> tuple[float, float, float, float]:
    numbers = [float(n) for d in kaart.paths for n in re.findall(r"[\d.]+", d)]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), max(xs), min(ys), max(ys)


def _rectangle(width_degrees: float, height_degrees: float) -> dict:
    w, h = 4.65 + width_degrees, 51.85 + height_degrees
    ring = [[4.65, 51.85], [w, 51.85], [w, h], [4.65, h], [4.65, 51.85]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.mark.parametrize(
    "shape", [(0.004, 0.01), (0.03, 0.004)], ids=["tall area", "wide area"]
)
def test_an_area_is_drawn_in_the_middle_of_the_frame(shape):
    kaart = svg.gebied_map(_rectangle(*shape))
    left, right, top, bottom = _extent(kaart)
    assert left == pytest.approx(kaart.width - right, abs=0.2)
    assert top == pytest.approx(kaart.height - bottom, abs=0.2)
    # and as large as the frame allows: it touches one pair of margins
    assert min(left, top) == pytest.approx(svg.MARGIN, abs=0.2)


def test_an_area_keeps_its_shape_on_the_map():
    # 0.01 degree of longitude at 51.85° N is about 0.618 of 0.01 of latitude
    kaart = svg.gebied_map(_rectangle(0.01, 0.01))
    left, right, top, bottom = _extent(kaart)
    assert (right - left) / (bottom - top) == pytest.approx(0.618, abs=0.01)


def test_an_area_without_an_outline_has_no_map():
    assert svg.gebied_map(None) is None
    assert svg.gebied_map({"type": "Point", "coordinates": [4.65, 51.85]}) is None


def _square(west: float, south: float, size: float = 0.01) -> dict:
    ring = [
        [west, south],
        [west + size, south],
        [west + size, south + size],
        [west, south + size],
        [west, south],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def _numbers(path: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?[\d.]+", path)]


def test_the_surrounding_buurten_are_drawn_around_the_area_within_the_frame():
    area = _square(4.66, 51.86)
    around = [
        ("Oost", _square(4.67, 51.86)),  # touches the area on the east
        ("Noord", _square(4.66, 51.87)),
        ("Ver weg", _square(4.90, 52.10)),  # far outside the frame
    ]
    kaart = svg.gebied_map(area, surroundings=around)
    assert kaart.names_around == ["Oost", "Noord"]
    for neighbour in kaart.surroundings:
        numbers = _numbers(neighbour.path)
        xs, ys = numbers[0::2], numbers[1::2]
        assert min(xs) >= 0 and max(xs) <= kaart.width + 0.1
        assert min(ys) >= 0 and max(ys) <= kaart.height + 0.1
        assert neighbour.label_x is not None  # large enough to carry its name
    # The area sits in the middle with land around it, not against the margin.
    left, right, top, bottom = _extent(kaart)
    assert left == pytest.approx(kaart.width - right, abs=0.2)
    assert top == pytest.approx(kaart.height - bottom, abs=0.2)
    assert min(left, top) > 3 * svg.MARGIN


def test_a_neighbour_with_a_broken_outline_is_left_out():
    kaart = svg.gebied_map(
        _square(4.66, 51.86),
        surroundings=[("Kapot", {"type": "Polygon", "coordinates": "x"}), ("Leeg", {})],
    )
    assert kaart.surroundings == []


def test_the_area_report_shows_its_surroundings_lighter_and_names_the_round(
    griffier, request_rapport
):
    from portal.rapportage import services
    from tests.rapportage.conftest import make_gebied
    from tests.rapportage.pdftext import text_of
    from tests.scans import factories

    area = make_gebied(geometry=_square(4.66, 51.86))
    make_gebied(code="BU04820103", name="Oostpolder", geometry=_square(4.67, 51.86))
    ronde = factories.ronde("Voorjaar 2026")
    factories.scan(area, ronde)
    rapport = services.rapport_request(
        user=griffier, kind="gebiedsscan", audience="raad", gebied=area
    )
    html = services.render_html(rapport)
    light = html.index('fill="#f1f1f1"')
    assert light < html.index('fill="#cfe0f1"')  # drawn first, under the area
    assert 'stroke-width="2.5"' in html  # the area itself has the thick outline
    assert ">Oostpolder</text>" in html

    rapport = request_rapport(
        user=griffier, kind="gebiedsscan", audience="raad", gebied=area
    )
    text = " ".join(text_of(rapport).split())
    assert rapport.title == "Gebiedsscan-rapport Redersbuurt, Voorjaar 2026"
    assert "De cijfers komen uit scanronde Voorjaar 2026 (peildatum" in text
    assert (
        "Redersbuurt heeft de dikke donkere rand; de omliggende buurten staan in "
        "lichtgrijs: Oostpolder." in text
    )


def test_a_name_on_the_map_never_runs_off_it_and_a_too_long_one_is_left_out():
    area = _square(4.66, 51.86)
    kaart = svg.gebied_map(
        area,
        surroundings=[
            ("Oost", _square(4.67, 51.86)),
            ("Oud-Alblasserdam-Buitengebied-Noord", _square(4.67, 51.87, 0.004)),
        ],
    )
    named = {o.name: o for o in kaart.surroundings}
    assert named["Oud-Alblasserdam-Buitengebied-Noord"].label_x is None
    oost = named["Oost"]
    half = len("Oost") * svg.LABEL_CHAR_WIDTH / 2
    assert half <= float(oost.label_x) <= kaart.width - half

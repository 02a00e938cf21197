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

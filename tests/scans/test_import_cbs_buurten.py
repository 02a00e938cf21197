import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from scans.models import Gebied


def square(lon, lat, size=0.004):
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [lon, lat],
                [lon + size, lat],
                [lon + size, lat + size],
                [lon, lat + size],
                [lon, lat],
            ]
        ],
    }


def feature(
    code,
    name,
    *,
    wijk="WK048201",
    water="NEE",
    old=False,
    geometry=None,
    inhabitants=1200,
    lon=4.65,
    lat=51.86,
):
    if old:
        props = {
            "BU_CODE": code,
            "BU_NAAM": name,
            "WK_CODE": wijk,
            "GM_CODE": "GM0482",
            "WATER": water,
            "AANT_INW": inhabitants,
        }
    else:
        props = {
            "buurtcode": code,
            "buurtnaam": name,
            "wijkcode": wijk,
            "gemeentecode": "GM0482",
            "gemeentenaam": "Alblasserdam",
            "water": water,
            "aantalInwoners": inhabitants,
        }
    return {
        "type": "Feature",
        "properties": props,
        "geometry": geometry or square(lon, lat),
    }


def write(tmp_path, features):
    path = tmp_path / "buurten.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def run(path, *args):
    out = StringIO()
    call_command(
        "import_cbs_buurten", str(path), "--gemeente", "GM0482", *args, stdout=out
    )
    return out.getvalue()


@pytest.mark.django_db
def test_it_creates_gemeente_wijk_and_buurten_from_a_2022_file(tmp_path):
    path = write(
        tmp_path,
        [
            feature("BU04820102", "Redersbuurt"),
            feature("BU04820103", "Oude Dorp", lon=4.66),
        ],
    )
    output = run(path)
    buurt = Gebied.objects.get(code="BU04820102")
    assert buurt.name == "Redersbuurt"
    assert buurt.level == Gebied.Level.BUURT
    assert buurt.parent.code == "WK048201"
    assert buurt.parent.parent.code == "GM0482"
    assert buurt.inhabitants == 1200
    assert "Nieuw: 4" in output  # gemeente, wijk and two buurten
    assert Gebied.objects.count() == 4


@pytest.mark.django_db
def test_it_reads_the_older_field_names(tmp_path):
    run(write(tmp_path, [feature("BU04820102", "Redersbuurt", old=True)]))
    assert Gebied.objects.get(code="BU04820102").name == "Redersbuurt"


@pytest.mark.django_db
def test_it_skips_water_only_areas_and_says_so(tmp_path):
    output = run(
        write(
            tmp_path,
            [
                feature("BU04820102", "Redersbuurt"),
                feature("BU04820199", "Noord (water)", water="JA", lon=4.67),
            ],
        )
    )
    assert not Gebied.objects.filter(code="BU04820199").exists()
    assert "Overgeslagen (alleen water): 1: BU04820199" in output


@pytest.mark.django_db
def test_running_it_again_updates_by_code_and_reports_the_change(tmp_path):
    run(write(tmp_path, [feature("BU04820102", "Redersbuurt")]))
    output = run(write(tmp_path, [feature("BU04820102", "Redersbuurt-Oost")]))
    assert Gebied.objects.filter(code="BU04820102").count() == 1
    assert Gebied.objects.get(code="BU04820102").name == "Redersbuurt-Oost"
    assert "Bijgewerkt: 1: BU04820102" in output
    again = run(write(tmp_path, [feature("BU04820102", "Redersbuurt-Oost")]))
    assert "Ongewijzigd: 3" in again


@pytest.mark.django_db
def test_a_file_with_a_missing_field_changes_nothing_and_names_the_field(tmp_path):
    good = feature("BU04820102", "Redersbuurt")
    bad = feature("BU04820103", "Oude Dorp", lon=4.66)
    del bad["properties"]["wijkcode"]
    with pytest.raises(CommandError, match="wijkcode"):
        run(write(tmp_path, [good, bad]))
    assert Gebied.objects.count() == 0


@pytest.mark.django_db
def test_a_self_intersecting_buurt_changes_nothing(tmp_path):
    bowtie = {
        "type": "Polygon",
        "coordinates": [
            [[4.65, 51.86], [4.66, 51.87], [4.66, 51.86], [4.65, 51.87], [4.65, 51.86]]
        ],
    }
    with pytest.raises(CommandError, match="kruist"):
        run(
            write(
                tmp_path,
                [
                    feature("BU04820102", "Redersbuurt"),
                    feature("BU04820103", "Knoop", geometry=bowtie),
                ],
            )
        )
    assert Gebied.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content,message",
    [
        ("dit is geen json", "geen geldige JSON"),
        ('{"type": "Feature"}', "FeatureCollection"),
        ('{"type": "FeatureCollection", "features": []}', "geen gebieden"),
    ],
)
def test_a_malformed_file_changes_nothing_and_says_why(tmp_path, content, message):
    path = tmp_path / "kapot.geojson"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        run(path)
    assert Gebied.objects.count() == 0


@pytest.mark.django_db
def test_rd_coordinates_are_refused_with_a_hint(tmp_path):
    rd = square(105000, 428000, size=500)
    with pytest.raises(CommandError, match="EPSG:4326"):
        run(write(tmp_path, [feature("BU04820102", "Redersbuurt", geometry=rd)]))


@pytest.mark.django_db
def test_a_file_with_one_buurt_keeps_the_outlines_of_the_others(tmp_path):
    run(
        write(
            tmp_path,
            [
                feature("BU04820102", "Redersbuurt"),
                feature("BU04820103", "Oude Dorp", lon=4.66),
            ],
        )
    )
    gemeente_area = Gebied.objects.get(code="GM0482").shape.area
    run(write(tmp_path, [feature("BU04820102", "Redersbuurt-Oost")]))
    assert Gebied.objects.get(code="GM0482").shape.area == pytest.approx(gemeente_area)
    assert Gebied.objects.get(code="WK048201").shape.area == pytest.approx(
        gemeente_area
    )

import json
import struct
from io import StringIO

import pytest
import shapely
from django.core.management import CommandError, call_command

from scans.cbs import import_cbs_buurten
from scans.cbs.sources import decode_geometry
from scans.models import Gebied
from tests.scans import gpkg


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


def snapshot():
    return list(Gebied.objects.order_by("code").values())


def run_twice(path, *args):
    """Import, then import the same file again: the second run changes nothing
    (not even a timestamp) and says so."""
    first = run(path, *args)
    before = snapshot()
    second = run(path, *args)
    assert "Nieuw: 0\n" in second and "Bijgewerkt: 0\n" in second
    assert "Niets gewijzigd." in second
    assert snapshot() == before
    return first


def refused_twice(path, match, *args):
    """A file that is refused is refused again, and nothing is written."""
    before = snapshot()
    for _attempt in range(2):
        with pytest.raises(CommandError, match=match):
            run(path, *args)
        assert snapshot() == before


@pytest.mark.django_db
def test_it_creates_gemeente_wijk_and_buurten_from_a_2022_file(tmp_path):
    path = write(
        tmp_path,
        [
            feature("BU04820102", "Redersbuurt"),
            feature("BU04820103", "Oude Dorp", lon=4.66),
        ],
    )
    output = run_twice(path)
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
    run_twice(write(tmp_path, [feature("BU04820102", "Redersbuurt", old=True)]))
    assert Gebied.objects.get(code="BU04820102").name == "Redersbuurt"


@pytest.mark.django_db
def test_it_skips_water_only_areas_and_says_so(tmp_path):
    output = run_twice(
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
    run_twice(write(tmp_path, [feature("BU04820102", "Redersbuurt")]))
    output = run_twice(write(tmp_path, [feature("BU04820102", "Redersbuurt-Oost")]))
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
    refused_twice(write(tmp_path, [good, bad]), "wijkcode")
    assert Gebied.objects.count() == 0


@pytest.mark.django_db
def test_a_self_intersecting_buurt_changes_nothing(tmp_path):
    bowtie = {
        "type": "Polygon",
        "coordinates": [
            [[4.65, 51.86], [4.66, 51.87], [4.66, 51.86], [4.65, 51.87], [4.65, 51.86]]
        ],
    }
    refused_twice(
        write(
            tmp_path,
            [
                feature("BU04820102", "Redersbuurt"),
                feature("BU04820103", "Knoop", geometry=bowtie),
            ],
        ),
        "kruist",
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
    refused_twice(path, message)
    assert Gebied.objects.count() == 0


@pytest.mark.django_db
def test_rd_coordinates_are_refused_with_a_hint(tmp_path):
    rd = square(105000, 428000, size=500)
    path = write(tmp_path, [feature("BU04820102", "Redersbuurt", geometry=rd)])
    refused_twice(path, "EPSG:4326")


# --- a file never shrinks what is stored -------------------------------------


def two_buurten(tmp_path):
    return write(
        tmp_path,
        [
            feature("BU04820102", "Redersbuurt"),
            feature("BU04820103", "Oude Dorp", lon=4.66),
        ],
    )


@pytest.mark.django_db
def test_a_file_with_one_buurt_keeps_the_outlines_of_the_others(tmp_path):
    run(two_buurten(tmp_path))
    gemeente_area = Gebied.objects.get(code="GM0482").shape.area
    output = run_twice(write(tmp_path, [feature("BU04820102", "Redersbuurt-Oost")]))
    assert Gebied.objects.get(code="GM0482").shape.area == pytest.approx(gemeente_area)
    assert Gebied.objects.get(code="WK048201").shape.area == pytest.approx(
        gemeente_area
    )
    assert Gebied.objects.get(code="BU04820102").name == "Redersbuurt-Oost"
    assert Gebied.objects.get(code="BU04820103").name == "Oude Dorp"
    assert "Niet in het bestand (blijven staan): 1: BU04820103" in output


@pytest.mark.django_db
def test_a_new_buurt_in_a_partial_file_widens_the_outlines_around_the_stored_ones(
    tmp_path,
):
    run(two_buurten(tmp_path))
    before = Gebied.objects.get(code="GM0482").shape
    run_twice(
        write(tmp_path, [feature("BU04820104", "Kinderdijk", lat=51.87, lon=4.66)])
    )
    after = Gebied.objects.get(code="GM0482").shape
    assert after.contains(before)
    assert after.area == pytest.approx(before.area * 1.5)
    assert Gebied.objects.get(code="WK048201").shape.equals(after)


@pytest.mark.django_db
def test_a_buurt_that_becomes_markedly_smaller_is_refused_and_nothing_is_written(
    tmp_path,
):
    run(two_buurten(tmp_path))
    smaller = write(
        tmp_path,
        [
            feature("BU04820102", "Redersbuurt", geometry=square(4.65, 51.86, 0.002)),
            feature("BU04820103", "Oude Dorp", lon=4.66),
        ],
    )
    refused_twice(smaller, "BU04820102 Redersbuurt \\(buurt\\): 75%")
    with pytest.raises(CommandError) as refusal:
        run(smaller)
    message = str(refusal.value)
    assert "WK048201" in message and "GM0482" in message
    assert "--allow-removals" in message


@pytest.mark.django_db
def test_allow_removals_lets_a_smaller_buurt_through_and_reports_it(tmp_path):
    run(two_buurten(tmp_path))
    smaller = write(
        tmp_path,
        [
            feature("BU04820102", "Redersbuurt", geometry=square(4.65, 51.86, 0.002)),
            feature("BU04820103", "Oude Dorp", lon=4.66),
        ],
    )
    output = run_twice(smaller, "--allow-removals")
    assert "Verkleind of weggehaald (toegestaan):" in output
    assert "BU04820102 Redersbuurt (buurt): 75%" in output
    assert Gebied.objects.get(code="BU04820102").shape.area == pytest.approx(4e-06)
    assert Gebied.objects.get(code="GM0482").shape.area == pytest.approx(2e-05)


@pytest.mark.django_db
def test_a_buurt_moving_to_another_wijk_takes_area_from_the_old_wijk_and_is_refused(
    tmp_path,
):
    run(two_buurten(tmp_path))
    moved = write(
        tmp_path, [feature("BU04820103", "Oude Dorp", lon=4.66, wijk="WK048202")]
    )
    refused_twice(moved, "WK048201")
    assert Gebied.objects.get(code="BU04820103").parent.code == "WK048201"
    assert not Gebied.objects.filter(code="WK048202").exists()


def rectangle(west, east, south=51.86, north=51.864):
    return {
        "type": "Polygon",
        "coordinates": [
            [[west, south], [east, south], [east, north], [west, north], [west, south]]
        ],
    }


@pytest.mark.django_db
def test_a_boundary_moved_between_two_buurten_is_no_removal(tmp_path):
    run(
        write(
            tmp_path,
            [
                feature("BU04820102", "Redersbuurt", geometry=rectangle(4.65, 4.654)),
                feature("BU04820103", "Oude Dorp", geometry=rectangle(4.654, 4.658)),
            ],
        )
    )
    # Redersbuurt gives 2.5 % to Oude Dorp; the wijk and gemeente stay whole.
    output = run_twice(
        write(
            tmp_path,
            [
                feature("BU04820102", "Redersbuurt", geometry=rectangle(4.65, 4.6539)),
                feature("BU04820103", "Oude Dorp", geometry=rectangle(4.6539, 4.658)),
            ],
        )
    )
    assert "Bijgewerkt: 2: BU04820102, BU04820103" in output
    assert "Ongewijzigd: 2: GM0482, WK048201" in output
    assert "Verkleind" not in output


@pytest.mark.django_db
def test_a_buurt_a_little_smaller_at_the_gemeente_edge_still_takes_gemeente_area(
    tmp_path,
):
    run(two_buurten(tmp_path))
    corrected = write(
        tmp_path,
        [
            feature("BU04820102", "Redersbuurt", geometry=square(4.65, 51.86, 0.0039)),
            feature("BU04820103", "Oude Dorp", lon=4.66),
        ],
    )
    # The buurt loses 4.9 %, under its own 5 % limit; the gemeente loses
    # area at its edge and the import is refused for that.
    refused_twice(corrected, "GM0482")
    with pytest.raises(CommandError) as refusal:
        run(corrected)
    assert "BU04820102" not in str(refusal.value)


@pytest.mark.django_db
def test_a_sketched_outline_is_replaced_by_the_official_one_without_refusal(
    tmp_path,
):
    run(two_buurten(tmp_path))
    Gebied.objects.filter(code__in=["GM0482", "WK048201", "BU04820102"]).update(
        approximate=True, geometry=square(4.64, 51.85, 0.03)
    )
    output = run_twice(two_buurten(tmp_path))
    assert "Bijgewerkt: 3" in output
    assert not Gebied.objects.filter(approximate=True).exists()


# --- GeoPackage and RD New --------------------------------------------------


@pytest.mark.django_db
def test_it_imports_the_cbs_geopackage_in_rd_new(tmp_path):
    path = gpkg.write_geopackage(
        tmp_path / "wijkenbuurten.gpkg",
        [
            gpkg.buurt("BU04820102", "Redersbuurt", gpkg.rd_square(105000, 428500)),
            gpkg.buurt("BU04820103", "Oude Dorp", gpkg.rd_square(105400, 428500)),
            gpkg.buurt(
                "BU05050101",
                "Binnenstad",
                gpkg.rd_square(105000, 425000),
                gemeente="GM0505",
                naam="Dordrecht",
            ),
        ],
    )
    output = run_twice(path)
    assert "Bron: GeoPackage, laag buurten, in EPSG:28992, omgerekend naar WGS84" in (
        output
    )
    assert "Andere gemeenten genegeerd: 1" in output
    redersbuurt = Gebied.objects.get(code="BU04820102")
    assert redersbuurt.inhabitants == 1000
    lon, lat = redersbuurt.shape.centroid.coords[0]
    # RD (105200, 428700) lies in the south of Alblasserdam.
    assert 4.63 < lon < 4.70 and 51.83 < lat < 51.88
    # 400 m squares: about 0.0058° of longitude by 0.0036° of latitude.
    west, south, east, north = redersbuurt.shape.bounds
    assert east - west == pytest.approx(0.0058, abs=0.0002)
    assert north - south == pytest.approx(0.0036, abs=0.0001)
    gemeente = Gebied.objects.get(code="GM0482")
    assert gemeente.name == "Alblasserdam"
    assert gemeente.shape.area == pytest.approx(2 * redersbuurt.shape.area, rel=0.01)
    assert not Gebied.objects.filter(code__startswith="BU0505").exists()


@pytest.mark.django_db
def test_it_imports_geojson_in_rd_new_when_its_crs_says_so(tmp_path):
    path = tmp_path / "buurten.geojson"
    data = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": [
            feature(
                "BU04820102", "Redersbuurt", geometry=square(105000, 428500, size=400)
            )
        ],
    }
    path.write_text(json.dumps(data))
    output = run_twice(path)
    assert "GeoJSON, in EPSG:28992, omgerekend naar WGS84" in output
    lon, lat = Gebied.objects.get(code="BU04820102").shape.centroid.coords[0]
    assert 4.63 < lon < 4.70 and 51.83 < lat < 51.88


@pytest.mark.django_db
def test_rd_new_is_converted_to_within_a_metre(tmp_path):
    # The origin of RD: the tower of the Onze Lieve Vrouwe in Amersfoort,
    # RD (155000, 463000) = 52.15517440 N, 5.38720621 E.
    around_origin = gpkg.rd_square(154800, 462800)
    path = gpkg.write_geopackage(
        tmp_path / "amersfoort.gpkg",
        [
            gpkg.buurt(
                "BU03070101",
                "Binnenstad",
                around_origin,
                gemeente="GM0307",
                naam="Amersfoort",
            )
        ],
    )
    out = StringIO()
    call_command("import_cbs_buurten", str(path), "--gemeente", "GM0307", stdout=out)
    lon, lat = Gebied.objects.get(code="BU03070101").shape.centroid.coords[0]
    assert lat == pytest.approx(52.15517440, abs=1e-5)
    assert lon == pytest.approx(5.38720621, abs=1.5e-5)


@pytest.mark.django_db
def test_a_geopackage_without_a_buurten_layer_is_refused_with_its_layers(tmp_path):
    path = gpkg.write_geopackage(
        tmp_path / "gemeenten.gpkg",
        [gpkg.buurt("BU04820102", "Redersbuurt", gpkg.rd_square(105000, 428500))],
        layer="gemeenten",
    )
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("ALTER TABLE gemeenten RENAME COLUMN buurtcode TO code")
    con.commit()
    con.close()
    refused_twice(path, "geen laag met buurten.*gemeenten")


@pytest.mark.django_db
def test_an_sqlite_file_that_is_no_geopackage_is_refused(tmp_path):
    import sqlite3

    path = tmp_path / "leeg.gpkg"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE iets (x)")
    con.commit()
    con.close()
    refused_twice(path, "geen GeoPackage")


@pytest.mark.django_db
def test_coordinates_outside_the_netherlands_are_refused(tmp_path):
    far = write(
        tmp_path,
        [feature("BU04820102", "Redersbuurt", geometry=square(13.4, 52.5))],
    )
    refused_twice(far, "buiten Nederland")


@pytest.mark.django_db
def test_a_buurt_twice_in_the_file_is_refused(tmp_path):
    twice = write(
        tmp_path,
        [feature("BU04820102", "Redersbuurt"), feature("BU04820102", "Redersbuurt")],
    )
    refused_twice(twice, "twee keer")


@pytest.mark.django_db
def test_a_geopackage_given_as_bytes_is_read_from_memory(tmp_path):
    path = gpkg.write_geopackage(
        tmp_path / "wijkenbuurten.gpkg",
        [gpkg.buurt("BU04820102", "Redersbuurt", gpkg.rd_square(105000, 428500))],
    )
    report = import_cbs_buurten(path.read_bytes(), gemeente_code="GM0482")
    assert report.created == ["GM0482", "WK048201", "BU04820102"]


@pytest.mark.parametrize(
    ("flags", "envelope"),
    [
        (0b0000_0001, b""),  # little-endian header, no envelope
        (0b0000_0011, struct.pack("<4d", 0, 1, 0, 1)),  # xy envelope
        (0b0000_0101, struct.pack("<6d", 0, 1, 0, 1, 0, 0)),  # xyz envelope
    ],
)
def test_geopackage_geometry_blobs_are_read_with_any_envelope(flags, envelope):
    square_wkb = shapely.box(0, 0, 1, 1).wkb
    blob = b"GP" + bytes([0, flags]) + struct.pack("<i", 28992) + envelope + square_wkb
    assert decode_geometry(blob).equals(shapely.box(0, 0, 1, 1))


def test_an_empty_geopackage_geometry_is_none():
    blob = b"GP" + bytes([0, 0b0001_0001]) + struct.pack("<i", 28992)
    assert decode_geometry(blob + shapely.Polygon().wkb) is None

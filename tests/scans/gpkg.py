"""Small GeoPackages for import tests, written with sqlite3 as CBS files are laid out.

The geometry blobs are built here from the GeoPackage specification (header,
envelope, WKB), independently of the importer's reader.
"""

import sqlite3
import struct
from pathlib import Path

from shapely.geometry import box

RD_NEW = 28992


def rd_square(x: float, y: float, size: float = 400):
    """A square buurt in RD New metres (Alblasserdam: x 103000-108000)."""
    return box(x, y, x + size, y + size)


def blob(geom, srs_id: int = RD_NEW) -> bytes:
    """A GeoPackage geometry: 'GP', version 0, flags (little-endian, xy
    envelope), the srs id, the envelope minx maxx miny maxy, then WKB."""
    minx, miny, maxx, maxy = geom.bounds
    flags = 0b0000_0011
    return (
        b"GP"
        + bytes([0, flags])
        + struct.pack("<i", srs_id)
        + struct.pack("<4d", minx, maxx, miny, maxy)
        + geom.wkb
    )


def buurt(code, name, geom, *, wijk=None, gemeente="GM0482", naam="Alblasserdam"):
    return {
        "buurtcode": code,
        "buurtnaam": name,
        "wijkcode": wijk or "WK" + code[2:8],
        "wijknaam": None,
        "gemeentecode": gemeente,
        "gemeentenaam": naam,
        "water": "NEE",
        "aantal_inwoners": 1000,
        "geom": geom,
    }


def write_geopackage(
    path: Path, buurten: list[dict], *, layer: str = "buurten", srs_id: int = RD_NEW
) -> Path:
    con = sqlite3.connect(path)
    con.executescript(
        """
        PRAGMA application_id = 1196444487;
        CREATE TABLE gpkg_spatial_ref_sys (
            srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
            organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
            definition TEXT NOT NULL, description TEXT);
        CREATE TABLE gpkg_contents (
            table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT,
            description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE,
            min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
        CREATE TABLE gpkg_geometry_columns (
            table_name TEXT NOT NULL, column_name TEXT NOT NULL,
            geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
            z TINYINT NOT NULL, m TINYINT NOT NULL);
        """
    )
    con.executemany(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
        [
            ("WGS 84", 4326, "EPSG", 4326, "undefined", None),
            ("Amersfoort / RD New", RD_NEW, "EPSG", RD_NEW, "undefined", None),
        ],
    )
    con.execute(
        f'CREATE TABLE "{layer}" (fid INTEGER PRIMARY KEY, geom BLOB, '
        "buurtcode TEXT, buurtnaam TEXT, wijkcode TEXT, wijknaam TEXT, "
        "gemeentecode TEXT, gemeentenaam TEXT, water TEXT, aantal_inwoners INTEGER)"
    )
    con.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
        "VALUES (?, 'features', ?, ?)",
        (layer, layer, srs_id),
    )
    con.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', ?, 0, 0)",
        (layer, srs_id),
    )
    for row in buurten:
        con.execute(
            f'INSERT INTO "{layer}" (geom, buurtcode, buurtnaam, wijkcode, wijknaam, '
            "gemeentecode, gemeentenaam, water, aantal_inwoners) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                blob(row["geom"], srs_id),
                row["buurtcode"],
                row["buurtnaam"],
                row["wijkcode"],
                row["wijknaam"],
                row["gemeentecode"],
                row["gemeentenaam"],
                row["water"],
                row["aantal_inwoners"],
            ),
        )
    con.commit()
    con.close()
    return path

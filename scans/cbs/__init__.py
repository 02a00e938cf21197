"""Import buurten from the CBS Wijk- en Buurtkaart (GeoPackage or GeoJSON).

``sources`` reads the file (WGS84 or RD New, reprojected to WGS84);
``importer`` plans and writes the areas without ever shrinking them unasked.
"""

from scans.cbs.importer import (
    CbsImportRefused,
    ImportReport,
    Shrink,
    import_cbs_buurten,
)
from scans.cbs.sources import CbsImportError

__all__ = [
    "CbsImportError",
    "CbsImportRefused",
    "ImportReport",
    "Shrink",
    "import_cbs_buurten",
]

from scans.models.actie import Actie
from scans.models.gebied import Gebied
from scans.models.indicator import Domein, Indicator, Thema
from scans.models.scan import Gebiedsscan, Meting, Oordeel, ScanRonde
from scans.models.signaal import Signaal
from scans.models.waarschuwing import Drempels, Waarschuwing

__all__ = [
    "Actie",
    "Domein",
    "Drempels",
    "Gebied",
    "Gebiedsscan",
    "Indicator",
    "Meting",
    "Oordeel",
    "ScanRonde",
    "Signaal",
    "Thema",
    "Waarschuwing",
]

from visie.models.afspraak import Afspraak, AfspraakRol, Raci
from visie.models.bron import Bron, Citatie
from visie.models.document import Revisie, Sectie, VisieDocument
from visie.models.opmerking import Opmerking, VermeldingMail
from visie.models.versie import Ondertekening, Versie, VersieSectie

__all__ = [
    "Afspraak",
    "AfspraakRol",
    "Bron",
    "Citatie",
    "Ondertekening",
    "Opmerking",
    "Raci",
    "Revisie",
    "Sectie",
    "VermeldingMail",
    "Versie",
    "VersieSectie",
    "VisieDocument",
]

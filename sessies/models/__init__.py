from sessies.models.sessie import Agendapunt, BobFase, Mijlpaal, Sessie
from sessies.models.uitnodiging import (
    Antwoord,
    KalenderToken,
    Uitnodiging,
    VerzondenMail,
)
from sessies.models.verslag import (
    Amendement,
    Opbrengst,
    Verslag,
)
from sessies.models.zaal import Zaal

__all__ = [
    "Agendapunt",
    "Amendement",
    "Antwoord",
    "BobFase",
    "KalenderToken",
    "Mijlpaal",
    "Opbrengst",
    "Sessie",
    "Uitnodiging",
    "Verslag",
    "VerzondenMail",
    "Zaal",
]

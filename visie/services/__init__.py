"""Writes about the visie. Every write goes through one of these functions."""

from visie.services.afspraken import afspraak_save
from visie.services.bronnen import bron_create, citatie_create, citatie_delete
from visie.services.opmerkingen import (
    opmerking_create,
    opmerking_reopen,
    opmerking_resolve,
)
from visie.services.presence import Presence, presence_beat, presence_leave
from visie.services.tekst import (
    AutoMerge,
    SaveResult,
    document_create,
    revisie_restore,
    sectie_create,
    sectie_move,
    sectie_save,
    sectie_update,
)
from visie.services.versies import (
    ondertekening_create,
    versie_release,
    versie_vaststellen,
)

__all__ = [
    "AutoMerge",
    "Presence",
    "SaveResult",
    "afspraak_save",
    "bron_create",
    "citatie_create",
    "citatie_delete",
    "document_create",
    "ondertekening_create",
    "opmerking_create",
    "opmerking_reopen",
    "opmerking_resolve",
    "presence_beat",
    "presence_leave",
    "revisie_restore",
    "sectie_create",
    "sectie_move",
    "sectie_save",
    "sectie_update",
    "versie_release",
    "versie_vaststellen",
]

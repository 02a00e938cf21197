"""Writes about sessions. Views call these; nothing else writes."""

from sessies.services.publiek import (
    gegevens_wissen,
    publiek_aanmelden,
    publieke_aanmelding_zetten,
)
from sessies.services.sessie import (
    agendapunt_create,
    agendapunt_delete,
    agendapunt_move,
    agendapunt_update,
    mijlpaal_save,
    sessie_cancel,
    sessie_create,
    sessie_restore,
    sessie_update,
)
from sessies.services.uitnodiging import (
    gast_link_renew,
    kalender_token_renew,
    kalender_token_revoke,
    rsvp,
    uitnodiging_for_token,
    uitnodigingen_create,
)
from sessies.services.verslag import (
    aanwezigheid_register,
    amendement_create,
    amendement_decide,
    default_verslag_level,
    opbrengst_create,
    suggested_level,
    verslag_finalise,
    verslag_save,
    verslag_share_draft,
    writable_levels,
)

__all__ = [
    "aanwezigheid_register",
    "agendapunt_create",
    "agendapunt_delete",
    "agendapunt_move",
    "agendapunt_update",
    "amendement_create",
    "amendement_decide",
    "default_verslag_level",
    "gast_link_renew",
    "gegevens_wissen",
    "kalender_token_renew",
    "kalender_token_revoke",
    "mijlpaal_save",
    "opbrengst_create",
    "publiek_aanmelden",
    "publieke_aanmelding_zetten",
    "rsvp",
    "sessie_cancel",
    "sessie_create",
    "sessie_restore",
    "sessie_update",
    "suggested_level",
    "uitnodiging_for_token",
    "uitnodigingen_create",
    "verslag_finalise",
    "verslag_save",
    "writable_levels",
    "verslag_share_draft",
]

"""Pages of the reports app: the reading room, letters, notes and the budget."""

from portal.rapportage.views.begroting import (
    BegrotingView,
    BetalingCreateView,
    VerplichtingCreateView,
)
from portal.rapportage.views.brieven import brief_edit
from portal.rapportage.views.notities import (
    NotitieCreateView,
    notitie_delete,
    notitie_share,
)
from portal.rapportage.views.rapporten import (
    RapportDetailView,
    RapportListView,
    RapportRequestView,
    rapport_correct,
    rapport_download,
    rapport_publish,
    rapport_retry,
    rapport_status,
)

__all__ = [
    "BegrotingView",
    "BetalingCreateView",
    "NotitieCreateView",
    "RapportDetailView",
    "RapportListView",
    "RapportRequestView",
    "VerplichtingCreateView",
    "brief_edit",
    "notitie_delete",
    "notitie_share",
    "rapport_correct",
    "rapport_download",
    "rapport_publish",
    "rapport_retry",
    "rapport_status",
]

"""The registry of report kinds.

A kind names its template, the audiences it may be made for, whether it needs
an area, and a builder that turns a Rapport row into the template context.
Raad builders read only from buurtaanpak.rapportage.raad.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtaanpak.rapportage import raad, svg
from buurtaanpak.rapportage.models import Audience, Rapport


class SubjectGone(Exception):
    """The subject of a report was deleted before it could be rendered."""


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    template: str
    audiences: tuple[str, ...]
    needs_gebied: bool
    build: Callable[[Rapport], dict]
    #: "versie" or "sessie" for kinds about a visie version or a session
    subject: str = ""

    def default_title(self, gebied=None, subject=None) -> str:
        today = timezone.localdate().strftime("%d-%m-%Y")
        about = gebied.name if gebied is not None else subject
        if about:
            return f"{self.label} {about} ({today})"
        return f"{self.label} ({today})"


def _gebied_or_gone(rapport: Rapport):
    gebied = raad.gebied(rapport.gebied_id)
    if gebied is None:
        raise SubjectGone(
            _(
                "The area of this report no longer exists; "
                "it was removed after the request."
            )
        )
    return gebied


def build_gebiedsscan(rapport: Rapport) -> dict:
    gebied = _gebied_or_gone(rapport)
    return {
        "gebied": gebied,
        "kaart": svg.gebied_map(gebied.geometry),
        "indices": raad.scan_indices(gebied),
        "themes": raad.scan_themes(gebied),
        "signalen": raad.openbare_signalen(gebied),
        "acties": raad.acties(gebied),
    }


def build_voortgang(rapport: Rapport) -> dict:
    return {
        "visie": raad.visie_state(),
        "sessies": raad.sessies_overview(),
        "buurten": raad.buurten(),
        "indices": raad.indices_per_buurt(),
        "acties": raad.acties(),
        "budget": raad.budget_per_year(),
    }


def build_begroting(rapport: Rapport) -> dict:
    from buurtaanpak.rapportage import selectors

    return {
        "budget": raad.budget_per_year(),
        "uitgaven": selectors.uitgaven_for_partners(),
    }


def build_visie(rapport: Rapport) -> dict:
    versie = raad.visie_versie(rapport.subject_pk)
    if versie is None:
        raise SubjectGone(_("The vision version of this report no longer exists."))
    organisations = sorted(
        {name for afspraak in versie.afspraken for name in afspraak.get("rollen", {})}
    )
    matrix = [
        {
            "afspraak": afspraak,
            "rollen": [afspraak.get("rollen", {}).get(o, "") for o in organisations],
        }
        for afspraak in versie.afspraken
    ]
    return {"raad_versie": versie, "organisations": organisations, "matrix": matrix}


def build_sessieverslag(rapport: Rapport) -> dict:
    verslag = raad.sessie_verslag(rapport.subject_pk)
    if verslag is None:
        raise SubjectGone(
            _(
                "The session of this report no longer exists or has no final "
                "minutes that the council may read."
            )
        )
    return {"verslag": verslag}


KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in [
        Kind(
            code="voortgang",
            label=_("Progress report Buurtaanpak"),
            template="pdf/voortgang.html",
            audiences=(Audience.RAAD,),
            needs_gebied=False,
            build=build_voortgang,
        ),
        Kind(
            code="gebiedsscan",
            label=_("Area scan report"),
            template="pdf/gebiedsscan.html",
            audiences=(Audience.RAAD, Audience.PARTNERS),
            needs_gebied=True,
            build=build_gebiedsscan,
        ),
        Kind(
            code="visie",
            label=_("Vision document"),
            template="pdf/visie.html",
            audiences=(Audience.RAAD,),
            needs_gebied=False,
            build=build_visie,
            subject="versie",
        ),
        Kind(
            code="sessieverslag",
            label=_("Session minutes"),
            template="pdf/sessieverslag.html",
            audiences=(Audience.RAAD,),
            needs_gebied=False,
            build=build_sessieverslag,
            subject="sessie",
        ),
        Kind(
            code="begroting",
            label=_("Budget statement"),
            template="pdf/begroting.html",
            audiences=(Audience.PARTNERS,),
            needs_gebied=False,
            build=build_begroting,
        ),
    ]
}


def get(code: str) -> Kind | None:
    return KINDS.get(code)


def raad_kinds() -> list[Kind]:
    return [k for k in KINDS.values() if Audience.RAAD in k.audiences]


def choices() -> list[tuple[str, str]]:
    return [(k.code, k.label) for k in KINDS.values()]

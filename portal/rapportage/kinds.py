"""The registry of report kinds.

A kind names its template, the audiences it may be made for, whether it needs
an area, and a builder that turns a Rapport row into the template context.
Raad builders read only from portal.rapportage.raad.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.rapportage import raad, svg
from portal.rapportage.models import Audience, Rapport


class SubjectGone(Exception):
    """The subject of a report was deleted before it could be rendered."""


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    build: Callable[[Rapport], dict]
    audiences: tuple[str, ...] = (Audience.RAAD,)
    needs_gebied: bool = False
    #: "versie" or "sessie" for kinds about a visie version or a session
    subject: str = ""
    #: what the default title says after the label: the area, session or
    #: version by name (read through raad), and a date in words
    names: Callable[..., str] | None = None
    #: the kind shows budget years, which must exist up to next year
    shows_budget: bool = False

    @property
    def template(self) -> str:
        return f"pdf/{self.code}.html"

    def default_title(self, gebied=None, subject_pk: int | None = None) -> str:
        """The label and its subject by name, e.g. "Sessieverslag Werksessie
        Buurtaanpak Souburgh, 15 december 2026"; in Dutch, like the reports."""
        with translation.override("nl"):
            about = self.names(gebied, subject_pk) if self.names else ""
            if about:
                return f"{self.label} {about}"
            return f"{self.label}, {in_words(timezone.localdate())}"


#: every kind, in the order the request form offers them
KINDS: dict[str, Kind] = {}


def in_words(day) -> str:
    """15 december 2026."""
    return date_format(day, "j F Y")


def _name_buurtaanpak(gebied, subject_pk) -> str:
    return f"Buurtaanpak, {in_words(timezone.localdate())}"


def _name_gebied(gebied, subject_pk) -> str:
    if gebied is None:
        return ""
    ronde = raad.latest_ronde()
    if ronde is None:
        return f"{gebied.name}, {in_words(timezone.localdate())}"
    return f"{gebied.name}, {ronde.name}"


def _name_versie(gebied, subject_pk) -> str:
    versie = raad.versie_name(subject_pk)
    return f"{versie}, {in_words(timezone.localdate())}" if versie else ""


def _name_sessie(gebied, subject_pk) -> str:
    sessie = raad.sessie(subject_pk)
    if sessie is None:
        return ""
    return f"{sessie.title}, {in_words(timezone.localtime(sessie.start))}"


def _kind(code: str, label, **options) -> Callable:
    """Register the decorated builder as the report kind `code`."""

    def register(build: Callable[[Rapport], dict]) -> Callable[[Rapport], dict]:
        KINDS[code] = Kind(code=code, label=label, build=build, **options)
        return build

    return register


def _present(found, gone_message):
    """The subject a builder read, or SubjectGone when it was deleted meanwhile."""
    if found is None:
        raise SubjectGone(gone_message)
    return found


@_kind(
    "voortgang",
    _("Progress report Buurtaanpak"),
    shows_budget=True,
)
def build_voortgang(rapport: Rapport) -> dict:
    """The college's letter (as written), then the generated annexes."""
    return {
        "brief": raad.brief(rapport),
        "visie": raad.visie_state(),
        "sessies": raad.sessies_overview(),
        "buurten": raad.buurten(),
        "indices": raad.indices_per_buurt(),
        "acties": raad.acties(),
        "budget": raad.budget_per_year(),
    }


@_kind(
    "gebiedsscan",
    _("Area scan report"),
    audiences=(Audience.RAAD, Audience.PARTNERS),
    needs_gebied=True,
    names=_name_gebied,
)
def build_gebiedsscan(rapport: Rapport) -> dict:
    gebied = _present(
        raad.gebied(rapport.gebied_id),
        _(
            "The area of this report no longer exists; "
            "it was removed after the request."
        ),
    )
    return {
        "gebied": gebied,
        "ronde": raad.scan_ronde(gebied),
        "kaart": svg.gebied_map(
            gebied.geometry, surroundings=raad.surroundings(gebied)
        ),
        "indices": raad.scan_indices(gebied),
        "themes": raad.scan_themes(gebied),
        "signalen": raad.openbare_signalen(gebied),
        "oordelen": raad.openbare_oordelen(gebied),
        "acties": raad.acties(gebied),
    }


#: organisation columns per afspraken table: more would not fit across A4
MATRIX_ORGANISATIONS = 6


@_kind("visie", _("Vision document"), subject="versie", names=_name_versie)
def build_visie(rapport: Rapport) -> dict:
    versie = _present(
        raad.visie_versie(rapport.subject_pk),
        _("The vision version of this report no longer exists."),
    )
    organisations = sorted(
        {name for afspraak in versie.afspraken for name in afspraak.get("rollen", {})}
    )
    # Many organisations: the matrix continues in a second table with the
    # next columns, each table repeating the agreements.
    matrices = [
        {
            "organisations": columns,
            "rows": [
                {
                    "afspraak": afspraak,
                    "status": raad.afspraak_status(afspraak.get("status")),
                    "rollen": [afspraak.get("rollen", {}).get(o, "") for o in columns],
                }
                for afspraak in versie.afspraken
            ],
        }
        for columns in (
            organisations[start : start + MATRIX_ORGANISATIONS]
            for start in range(0, max(len(organisations), 1), MATRIX_ORGANISATIONS)
        )
    ]
    return {
        "raad_versie": versie,
        "matrices": matrices if versie.afspraken else [],
        "raci": raad.raci_legend(),
    }


@_kind("sessieverslag", _("Session minutes"), subject="sessie", names=_name_sessie)
def build_sessieverslag(rapport: Rapport) -> dict:
    verslag = _present(
        raad.sessie_verslag(rapport.subject_pk),
        _(
            "The session of this report no longer exists or has no final "
            "minutes that the council may read."
        ),
    )
    return {"verslag": verslag}


@_kind(
    "begroting",
    _("Budget statement"),
    audiences=(Audience.PARTNERS,),
    names=_name_buurtaanpak,
    shows_budget=True,
)
def build_begroting(rapport: Rapport) -> dict:
    from portal.rapportage import selectors

    return {
        "budget": raad.budget_per_year(),
        "uitgaven": selectors.uitgaven_for_partners(),
    }


def get(code: str) -> Kind | None:
    return KINDS.get(code)


def label(code: str) -> str:
    """The kind's name for readers; the code itself for a kind no longer known."""
    kind = KINDS.get(code)
    return str(kind.label) if kind else code


def raad_kinds() -> list[Kind]:
    return [k for k in KINDS.values() if Audience.RAAD in k.audiences]


def choices() -> list[tuple[str, str]]:
    return [(k.code, k.label) for k in KINDS.values()]

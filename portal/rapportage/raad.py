"""The one door for raad data: everything a raad report shows comes from here.

Raad reports are built from openbaar information and aggregates only. This
module is the only source the raad report kinds read from; a test plants canary
strings in partner-only and organisation-only data, renders every raad kind and
checks that none leaks into the PDF text. A new raad kind adds a function
here, never a query of its own.

The data apps (scans, visie, sessies) expose raad-safe selectors of their own;
this module calls them (signalen_for_raad, raad_safe_gebied_summary,
versie_for_raad, sessies_for_raad, verslag_for_raad) and reads nothing else
that holds text. Those selectors ask core.policy as `policy.RAAD`, the
raadslid's row of the table: openbaar free text only. Sections are handed to
the templates as rows: dicts keyed by the Dutch column heading; an empty
section renders "geen gegevens".
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from portal.rapportage.models import Begroting, Raadsinformatiebrief, Uitgave
from scans import selectors as scans_selectors
from scans.models import Actie, Gebied
from scans.services.index import IndexCalculator, band
from sessies import selectors as sessies_selectors
from sessies.models import Verslag
from visie import selectors as visie_selectors
from visie.models import Afspraak, Raci, Versie

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class BudgetJaar:
    """One budget year. `committed` is what commitments still hold open (their
    amount less the payments that settle them); `spent` is every payment
    charged to the year. A settled euro is spent, no longer committed."""

    year: int
    budget: Decimal
    committed: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.committed - self.spent

    @property
    def overspent(self) -> bool:
        return self.remaining < 0

    @property
    def overspent_by(self) -> Decimal:
        return -self.remaining if self.overspent else ZERO


@dataclass
class Section:
    """A part of a raad report: its rows, empty when nothing was recorded."""

    rows: list[dict] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        return list(self.rows[0]) if self.rows else []


def budget_per_year() -> list[BudgetJaar]:
    """Per budget year: budget, open commitments, payments (totals only).

    A payment that settles a commitment is charged to that commitment's year
    (ADR 0422), so it is subtracted from the year's commitments and counted
    once, as spent.
    """
    V, B = Uitgave.Soort.VERPLICHTING, Uitgave.Soort.BETALING
    rows = Begroting.objects.annotate(
        committed=Sum("uitgaven__amount", filter=Q(uitgaven__soort=V)),
        settled=Sum(
            "uitgaven__amount",
            filter=Q(uitgaven__soort=B, uitgaven__verplichting__isnull=False),
        ),
        spent=Sum("uitgaven__amount", filter=Q(uitgaven__soort=B)),
    ).order_by("year")
    return [
        BudgetJaar(
            year=row.year,
            budget=row.amount,
            committed=(row.committed or ZERO) - (row.settled or ZERO),
            spent=row.spent or ZERO,
        )
        for row in rows
    ]


def gebied(pk: int | None) -> Gebied | None:
    """The area of a report: name, code, level and its public outline."""
    if pk is None:
        return None
    return (
        Gebied.objects.filter(pk=pk)
        .only("pk", "code", "name", "level", "geometry", "inhabitants", "approximate")
        .first()
    )


def buurten() -> list[Gebied]:
    return list(
        Gebied.objects.buurten().only("pk", "code", "name", "inhabitants", "geometry")
    )


def surroundings(gebied_obj: Gebied) -> list[tuple[str, dict]]:
    """The other buurten by name and public outline, to draw around an area."""
    return [
        (buurt.name, buurt.geometry)
        for buurt in buurten()
        if buurt.pk != gebied_obj.pk and buurt.geometry
    ]


def latest_ronde():
    """The most recent scan round with scans: what an area report shows."""
    return scans_selectors.latest_ronde()


class BandLabel(str):
    """A band's label that knows its band, so a report can show its colour."""

    band: str = ""


def _band_label(score) -> str:
    found = band(score)
    if not found:
        return "geen gegevens"
    label = BandLabel(found[1])
    label.band = found[0]
    return label


def _cap(label) -> str:
    text = str(label)
    return text[:1].upper() + text[1:]


def _fmt(score) -> str:
    return "–" if score is None else f"{score:.0f}"


def _summary(gebied_obj: Gebied) -> dict:
    cache = getattr(gebied_obj, "_raad_summary", None)
    if cache is None:
        cache = scans_selectors.raad_safe_gebied_summary(gebied_obj)
        gebied_obj._raad_summary = cache
    return cache


def _previous_index(gebied_obj: Gebied, ronde):
    earlier = [r for r in scans_selectors.rondes() if r.peildatum < ronde.peildatum]
    if not earlier:
        return None
    return IndexCalculator().for_gebied(gebied_obj, earlier[-1])


def scan_ronde(gebied_obj: Gebied):
    """The scan round the area's indices come from (name and reference date)."""
    return _summary(gebied_obj)["ronde"]


def scan_indices(gebied_obj: Gebied) -> Section:
    """Domain indices with bands and the change since the previous round."""
    summary = _summary(gebied_obj)
    index = summary["index"]
    if index is None:
        return Section()
    previous = _previous_index(gebied_obj, summary["ronde"])
    rows = []
    for key, domein in index.domeinen.items():
        before = previous.domein(key) if previous else None
        trend = "–"
        if before is not None and domein.index is not None:
            trend = f"{domein.index - before:+.0f}"
        rows.append(
            {
                "Domein": _cap(domein.label),
                "Index": _fmt(domein.index),
                "Klasse": _band_label(domein.index),
                "Verschil met vorige ronde": trend,
            }
        )
    return Section(rows=rows)


def scan_themes(gebied_obj: Gebied) -> Section:
    index = _summary(gebied_obj)["index"]
    if index is None:
        return Section()
    names = {t.pk: t.name for t in scans_selectors.themas()}
    return Section(
        rows=[
            {
                "Thema": names.get(pk, "?"),
                "Score": _fmt(score),
                "Klasse": _band_label(score),
            }
            for pk, score in sorted(
                index.thema_scores.items(), key=lambda kv: names.get(kv[0], "")
            )
        ]
    )


def openbare_signalen(gebied_obj: Gebied) -> Section:
    """Signalen classified openbaar, never partners or organisatie."""
    return Section(
        rows=[
            {
                "Datum": s.waargenomen_op.strftime("%d-%m-%Y"),
                "Thema": s.thema.name if s.thema_id else "–",
                "Signaal": s.text,
            }
            for s in _summary(gebied_obj)["signalen"]
        ]
    )


def openbare_oordelen(gebied_obj: Gebied) -> Section:
    """Professional judgements whose reasoning is openbaar, next to the index."""
    return Section(
        rows=[
            {
                "Thema": o.thema.name,
                "Partner": o.organisation.name,
                "Oordeel (1–5)": o.score,
                "Toelichting": o.toelichting,
            }
            for o in _summary(gebied_obj)["oordelen"]
        ]
    )


PROGRESS_LABEL = "Gemiddelde voortgang per actie (zonder gestopte acties)"


def acties(gebied_obj: Gebied | None = None) -> Section:
    """Acties as aggregates: the number per status and the mean progress.

    The mean is taken over the acties themselves, so an area with ten acties
    weighs ten times as much as an area with one; stopped acties do not count.
    """
    areas = [gebied_obj] if gebied_obj is not None else buurten()
    counts: dict[str, int] = {}
    for area in areas:
        for status, n in _summary(area)["acties_per_status"].items():
            counts[status] = counts.get(status, 0) + n
    if not counts:
        return Section()
    labels = dict(Actie.Status.choices)
    rows = [
        {"Status": _cap(labels.get(status, status)), "Aantal acties": n}
        for status, n in sorted(counts.items())
    ]
    if gebied_obj is not None:
        mean = _summary(gebied_obj)["acties_voortgang"]
    else:
        mean = scans_selectors.actie_progress(
            Actie.objects.filter(gebied__in=areas).only("status", "voortgang")
        )
    if mean is not None:
        rows.append({"Status": PROGRESS_LABEL, "Aantal acties": f"{mean}%"})
    return Section(rows=rows)


def indices_per_buurt() -> Section:
    """The domain indices of every buurt in the latest round."""
    rows = []
    for buurt in buurten():
        index = _summary(buurt)["index"]
        if index is None:
            continue
        row = {"Buurt": buurt.name}
        for domein in index.domeinen.values():
            row[_cap(domein.label)] = (
                f"{_fmt(domein.index)} ({_band_label(domein.index)})"
            )
        rows.append(row)
    return Section(rows=rows)


# --- visie and sessies -------------------------------------------------------


def released_versies() -> list[Versie]:
    """Released visie versions: the raad reads every released version."""
    return list(Versie.objects.select_related("document").order_by("-released_at"))


def visie_state() -> Section:
    """Released visie versions and how many partners signed each."""
    rows = []
    for versie in released_versies():
        besluiten = [o.get_besluit_display() for o in versie.ondertekeningen.all()]
        rows.append(
            {
                "Versie": f"{versie.document} {versie.number}",
                "Status": _cap(versie.get_status_display()),
                "Vrijgegeven": timezone.localtime(versie.released_at).strftime(
                    "%d-%m-%Y"
                ),
                "Ondertekeningen": ", ".join(
                    f"{besluiten.count(b)}× {b}" for b in sorted(set(besluiten))
                )
                or "nog geen",
            }
        )
    return Section(rows=rows)


def versie_name(pk: int | None) -> str:
    """The version's name ("Visie Buurtaanpak — versie 2"); empty when gone."""
    if pk is None:
        return ""
    versie = Versie.objects.select_related("document").filter(pk=pk).first()
    return str(versie) if versie else ""


def visie_versie(pk: int | None):
    """A released version as the raad may read it, or None when it is gone."""
    if pk is None:
        return None
    versie = Versie.objects.select_related("document").filter(pk=pk).first()
    return visie_selectors.versie_for_raad(versie) if versie else None


def afspraak_status(frozen: str | None):
    """The label of an afspraak status as a released version froze it."""
    return Afspraak.Status.from_frozen(frozen)


def raci_legend() -> list[tuple[str, str]]:
    """The RACI letters with their meaning, worded as on the afspraken page."""
    return list(Raci.choices)


def sessies_overview() -> Section:
    """Public council work sessions held and planned (title and date only)."""
    now = timezone.now()
    return Section(
        rows=[
            {
                "Datum": timezone.localtime(s.start).strftime("%d-%m-%Y %H:%M"),
                "Sessie": s.title,
                "Stand": "gehouden" if s.start < now else "gepland",
            }
            for s in sessies_selectors.sessies_for_raad()
        ]
    )


def sessies_with_verslag() -> list:
    return list(
        sessies_selectors.sessies_for_raad().filter(
            verslag__status=Verslag.Status.DEFINITIEF
        )
    )


def sessie(pk: int | None):
    """A public council session by its key (title and time), or None."""
    if pk is None:
        return None
    return sessies_selectors.sessies_for_raad().filter(pk=pk).first()


def sessie_verslag(pk: int | None):
    """A finalised verslag with attendance counts and public outcomes, or None."""
    if pk is None:
        return None
    sessie = sessies_selectors.sessies_for_raad().filter(pk=pk).first()
    return sessies_selectors.verslag_for_raad(sessie) if sessie else None


# --- the college's letter ----------------------------------------------------


def brief(rapport) -> Raadsinformatiebrief | None:
    """The letter the college wrote for this report; None while not written.

    Its text is the college's own, written for the raad: openbaar by nature.
    """
    return Raadsinformatiebrief.objects.filter(rapport_id=rapport.pk).first()

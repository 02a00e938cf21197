"""The gebiedsscan index, after the Rotterdam Wijkprofiel.

score   = 100 + 10 · z · polarity, with z = (value − mean) / sd of the buurten
          in the base round (population standard deviation);
theme   = mean of its indicator scores (per layer);
domain  = mean of the objective and the subjective theme scores.
100 is the gemeente average of the base round. See docs/gebiedsscan-methode.md.
"""

from dataclasses import dataclass, field
from statistics import fmean, pstdev

from django.utils.translation import gettext_lazy as _

from scans.models import Domein, Gebied, Indicator, Meting, ScanRonde

#: Areas below these numbers are flagged (not hidden): their scores are shaky.
MIN_INHABITANTS = 500
MIN_RESPONDENTS = 30

BANDS = [
    (110, "gunstig", _("favourable")),
    (90, "gemiddeld", _("average")),
    (70, "ongunstig", _("unfavourable")),
    (float("-inf"), "zeer-ongunstig", _("very unfavourable")),
]


def band(score) -> tuple[str, str] | None:
    """(css key, label) of the band a score falls in."""
    if isinstance(score, bool) or not isinstance(score, (int, float)):
        return None
    for lower, key, label in BANDS:
        if score >= lower:
            return key, str(label)
    return None  # pragma: no cover


@dataclass
class DomeinIndex:
    domein: str
    objectief: float | None = None
    subjectief: float | None = None

    @property
    def index(self) -> float | None:
        parts = [v for v in (self.objectief, self.subjectief) if v is not None]
        return round(fmean(parts), 1) if parts else None

    @property
    def band(self):
        return band(self.index)

    @property
    def label(self) -> str:
        return str(Domein(self.domein).label)


@dataclass
class GebiedIndex:
    gebied_id: int
    ronde_id: int
    indicator_scores: dict[int, float] = field(default_factory=dict)
    thema_scores: dict[int, float] = field(default_factory=dict)
    domeinen: dict[str, DomeinIndex] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)

    @property
    def is_flagged(self) -> bool:
        return bool(self.flags)

    def domein(self, key: str) -> float | None:
        d = self.domeinen.get(key)
        return d.index if d else None


class IndexCalculator:
    """Computes indices with a fixed number of queries, whatever the data size."""

    def __init__(self) -> None:
        self.indicators: dict[int, Indicator] = {
            i.pk: i for i in Indicator.objects.select_related("thema")
        }
        self.base_ronde = ScanRonde.objects.filter(is_basis=True).first()
        self._baseline: dict[int, tuple[float, float]] | None = None

    @property
    def baseline(self) -> dict[int, tuple[float, float]]:
        if self._baseline is None:
            self._baseline = {}
            if self.base_ronde is not None:
                values: dict[int, list[float]] = {}
                rows = Meting.objects.filter(
                    scan__ronde=self.base_ronde,
                    scan__is_actueel=True,
                    scan__gebied__level=Gebied.Level.BUURT,
                ).values_list("indicator_id", "value")
                for indicator_id, value in rows:
                    values.setdefault(indicator_id, []).append(float(value))
                for indicator_id, vs in values.items():
                    sd = pstdev(vs) if len(vs) >= 2 else 0.0
                    if sd > 0:
                        self._baseline[indicator_id] = (fmean(vs), sd)
        return self._baseline

    def score(self, indicator: Indicator, value: float) -> float | None:
        stats = self.baseline.get(indicator.pk)
        if stats is None:
            return None
        mean, sd = stats
        return 100 + 10 * ((value - mean) / sd) * indicator.polariteit

    def for_ronde(
        self, ronde: ScanRonde, gebieden: list[Gebied] | None = None
    ) -> dict[int, GebiedIndex]:
        """Index per gebied id for one round (current scan versions only)."""
        qs = Meting.objects.filter(scan__ronde=ronde, scan__is_actueel=True)
        if gebieden is not None:
            qs = qs.filter(scan__gebied__in=[g.pk for g in gebieden])
        rows = qs.values_list(
            "scan__gebied_id",
            "scan__gebied__inhabitants",
            "indicator_id",
            "value",
            "respondenten",
        )
        per_gebied: dict[int, list] = {}
        inhabitants: dict[int, int | None] = {}
        for gebied_id, inh, indicator_id, value, respondents in rows:
            per_gebied.setdefault(gebied_id, []).append(
                (indicator_id, float(value), respondents)
            )
            inhabitants[gebied_id] = inh
        return {
            gebied_id: self._compute(gebied_id, ronde.pk, inhabitants[gebied_id], items)
            for gebied_id, items in per_gebied.items()
        }

    def for_gebied(self, gebied: Gebied, ronde: ScanRonde) -> GebiedIndex | None:
        return self.for_ronde(ronde, [gebied]).get(gebied.pk)

    def trend_for_gebied(
        self, gebied: Gebied, rondes: list[ScanRonde]
    ) -> dict[int, GebiedIndex]:
        """Index per ronde id for one gebied, in one query however many rounds."""
        rows = Meting.objects.filter(
            scan__ronde__in=[r.pk for r in rondes],
            scan__gebied=gebied,
            scan__is_actueel=True,
        ).values_list("scan__ronde_id", "indicator_id", "value", "respondenten")
        per_ronde: dict[int, list] = {}
        for ronde_id, indicator_id, value, respondents in rows:
            per_ronde.setdefault(ronde_id, []).append(
                (indicator_id, float(value), respondents)
            )
        return {
            ronde_id: self._compute(gebied.pk, ronde_id, gebied.inhabitants, items)
            for ronde_id, items in per_ronde.items()
        }

    def _compute(self, gebied_id, ronde_id, inhabitants, items) -> GebiedIndex:
        result = GebiedIndex(gebied_id=gebied_id, ronde_id=ronde_id)
        # (theme, layer) -> indicator scores
        per_thema_laag: dict[tuple[int, str], list[float]] = {}
        per_thema: dict[int, list[float]] = {}
        few_respondents = False
        for indicator_id, value, respondents in items:
            indicator = self.indicators.get(indicator_id)
            if indicator is None:
                continue
            if (
                indicator.laag == Indicator.Laag.SUBJECTIEF
                and respondents is not None
                and respondents < MIN_RESPONDENTS
            ):
                few_respondents = True
            score = self.score(indicator, value)
            if score is None:
                continue
            result.indicator_scores[indicator_id] = round(score, 1)
            per_thema_laag.setdefault((indicator.thema_id, indicator.laag), []).append(
                score
            )
            per_thema.setdefault(indicator.thema_id, []).append(score)
        for thema_id, scores in per_thema.items():
            result.thema_scores[thema_id] = round(fmean(scores), 1)
        thema_domein = {i.thema_id: i.thema.domein for i in self.indicators.values()}
        layered: dict[tuple[str, str], list[float]] = {}
        for (thema_id, laag), scores in per_thema_laag.items():
            layered.setdefault((thema_domein[thema_id], laag), []).append(fmean(scores))
        for domein in Domein.values:
            d = DomeinIndex(domein=domein)
            obj = layered.get((domein, Indicator.Laag.OBJECTIEF))
            subj = layered.get((domein, Indicator.Laag.SUBJECTIEF))
            d.objectief = round(fmean(obj), 1) if obj else None
            d.subjectief = round(fmean(subj), 1) if subj else None
            if d.index is not None:
                result.domeinen[domein] = d
        if inhabitants is None:
            result.flags.append(str(_("number of inhabitants unknown")))
        elif inhabitants < MIN_INHABITANTS:
            result.flags.append(
                str(_("fewer than %(n)s inhabitants")) % {"n": MIN_INHABITANTS}
            )
        if few_respondents:
            result.flags.append(
                str(_("fewer than %(n)s survey respondents")) % {"n": MIN_RESPONDENTS}
            )
        return result

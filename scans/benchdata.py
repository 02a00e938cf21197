"""Benchmark gebieden, rounds, scans, measurements, signalen and acties.

Scale 1 is Alblasserdam size: 20 buurten, 30 straatclusters, 10 rounds, 5,000
measurements, 2,000 signalen and 200 acties. Rows go in with bulk_create:
values are generated inside each indicator's range, so per-row full_clean()
would only cost minutes at scale 10.

A preset (`build_bench_data --preset drechtsteden`) gives the dimensions
themselves instead of multiples of Alblasserdam: a region has more areas and
a longer history, not ten copies of one town (ADR 0014).
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from core.policy import Rubricering
from partners.models import Organisation, User
from scans import demo_data as D
from scans.demo import _themas_en_indicatoren
from scans.models import (
    Actie,
    Gebied,
    Gebiedsscan,
    Indicator,
    Meting,
    ScanRonde,
    Signaal,
    Thema,
)
from scans.services import index_cache

BUURTEN, CLUSTERS, RONDES, INDICATORS = 20, 30, 10, 10
SIGNALEN, ACTIES = 2000, 200
WIJKEN = 5


def _square(lon: float, lat: float, size: float) -> dict:
    ring = [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size * 0.6],
        [lon, lat + size * 0.6],
        [lon, lat],
    ]
    return {
        "type": "Polygon",
        "coordinates": [[[round(v, 6) for v in p] for p in ring]],
    }


def _gebieden(
    *, n_wijken: int, n_buurten: int, n_clusters: int, columns: int
) -> tuple[list[Gebied], list[Gebied]]:
    code, name, inhabitants = D.GEMEENTE
    gemeente = Gebied.objects.create(
        code=code, name=name, level=Gebied.Level.GEMEENTE, inhabitants=inhabitants
    )
    wijken = Gebied.objects.bulk_create(
        Gebied(
            code=f"WK0482{w:02d}",
            name=f"Wijk {w + 1}",
            level=Gebied.Level.WIJK,
            parent=gemeente,
        )
        for w in range(n_wijken)
    )
    buurten = Gebied.objects.bulk_create(
        Gebied(
            code=f"BU0482{b:04d}",
            name=f"Buurt {b + 1}",
            level=Gebied.Level.BUURT,
            parent=wijken[b % len(wijken)],
            inhabitants=800 + (b * 37) % 900,
            approximate=True,
            geometry=_square(
                4.64 + (b % columns) * 0.005, 51.85 + (b // columns) * 0.004, 0.005
            ),
        )
        for b in range(n_buurten)
    )
    clusters = Gebied.objects.bulk_create(
        Gebied(
            code=f"SC-{c + 1:04d}",
            name=f"Straatcluster {c + 1}",
            level=Gebied.Level.STRAATCLUSTER,
            parent=buurten[c % len(buurten)].parent,
            streets=f"Straat {c + 1}\nKade {c + 1}",
            approximate=True,
            geometry=_square(
                4.641 + (c % columns) * 0.005, 51.851 + (c // columns) * 0.004, 0.002
            ),
        )
        for c in range(n_clusters)
    )
    through = Gebied.overlapping_buurten.through
    through.objects.bulk_create(
        through(from_gebied_id=c.pk, to_gebied_id=buurten[i % len(buurten)].pk)
        for i, c in enumerate(clusters)
    )
    return buurten, clusters


def _value(indicator: Indicator, rng: random.Random) -> Decimal:
    lo, hi = float(indicator.min_value), float(indicator.max_value)
    middle, spread = (lo + hi) / 2, (hi - lo) / 6
    return Decimal(str(round(min(hi, max(lo, rng.gauss(middle, spread))), 1)))


@dataclass(frozen=True)
class Dimensions:
    buurten: int
    straatclusters: int
    rondes: int
    signalen: int
    acties: int
    #: Days back over which the signalen are spread.
    signaal_days: int
    #: Areas per row of the benchmark map's grid.
    columns: int

    @classmethod
    def at_scale(cls, scale: int) -> "Dimensions":
        return cls(
            buurten=BUURTEN * scale,
            straatclusters=CLUSTERS * scale,
            rondes=RONDES,
            signalen=SIGNALEN * scale,
            acties=ACTIES * scale,
            signaal_days=730,
            columns=10 * scale,
        )


#: Regions by their own dimensions rather than multiples of Alblasserdam: a
#: region has more areas and a longer history, not ten copies of one town.
PRESETS = {
    # The Drechtsteden: some 150 buurten, 500 straatclusters, 100,000
    # signalen and ten years of half-yearly rounds (ADR 0014).
    "drechtsteden": Dimensions(
        buurten=150,
        straatclusters=500,
        rondes=20,
        signalen=100_000,
        acties=2_000,
        signaal_days=3650,
        columns=25,
    ),
}


def build(*, scale: int, rng: random.Random, preset: str | None = None) -> dict:
    dims = PRESETS[preset] if preset else Dimensions.at_scale(scale)
    orgs = {o.slug: o for o in Organisation.objects.all()}
    _themas_en_indicatoren(orgs)
    buurten, clusters = _gebieden(
        n_wijken=max(WIJKEN * scale, dims.buurten // 5),
        n_buurten=dims.buurten,
        n_clusters=dims.straatclusters,
        columns=dims.columns,
    )
    areas = buurten + clusters
    # Half-yearly rounds; the last at the same date whatever their number.
    last = date(2022, 3, 31) + timedelta(days=182 * (RONDES - 1))
    rondes = ScanRonde.objects.bulk_create(
        ScanRonde(
            name=f"Ronde {r + 1}",
            peildatum=last - timedelta(days=182 * (dims.rondes - 1 - r)),
            is_basis=r == 0,
        )
        for r in range(dims.rondes)
    )
    scans = Gebiedsscan.objects.bulk_create(
        (
            Gebiedsscan(
                gebied=area,
                ronde=ronde,
                status=Gebiedsscan.Status.VASTGESTELD
                if r < dims.rondes - 1
                else Gebiedsscan.Status.CONCEPT,
                samenvatting=f"Scan van {area.name} in {ronde.name}.",
                vastgesteld_at=timezone.now() if r < dims.rondes - 1 else None,
            )
            for area in areas
            for r, ronde in enumerate(rondes)
        ),
        batch_size=2000,
    )
    indicators = list(Indicator.objects.order_by("code")[:INDICATORS])
    organisation = orgs["woonkracht10"]
    metingen = Meting.objects.bulk_create(
        (
            Meting(
                scan=scan,
                indicator=indicator,
                value=_value(indicator, rng),
                gemeten_op=scan.ronde.peildatum,
                bron="Benchmark",
                organisation=indicator.bron or organisation,
            )
            for scan in scans
            for indicator in indicators
        ),
        batch_size=5000,
    )
    themas = list(Thema.objects.all())
    partner_orgs = list(orgs.values())
    authors = list(User.objects.filter(email__startswith="bench-")[:50])
    today = timezone.localdate()
    levels = list(Rubricering.values)
    signalen = Signaal.objects.bulk_create(
        (
            Signaal(
                gebied=rng.choice(areas),
                thema=rng.choice(themas),
                soort=rng.choice(Signaal.Soort.values),
                text=f"Waarneming {i + 1}: overlast en zorgen bij bewoners.",
                waargenomen_op=today - timedelta(days=rng.randrange(dims.signaal_days)),
                rubricering=levels[i % len(levels)],
                organisation=rng.choice(partner_orgs),
                author=rng.choice(authors) if authors else None,
            )
            for i in range(dims.signalen)
        ),
        batch_size=5000,
    )
    acties = Actie.objects.bulk_create(
        (
            Actie(
                gebied=rng.choice(areas),
                title=f"Actie {i + 1}: integrale aanpak",
                description="Onderdeel van de integrale aanpak in deze buurt.",
                eigenaar=rng.choice(partner_orgs),
                status=rng.choice(Actie.Status.values),
                deadline=today + timedelta(days=rng.randrange(-90, 365)),
                voortgang=rng.randrange(0, 101, 10),
                budget=Decimal(rng.randrange(0, 50000, 500)),
            )
            for i in range(dims.acties)
        ),
        batch_size=2000,
    )
    links = Actie.signalen.through
    links.objects.bulk_create(
        links(actie_id=a.pk, signaal_id=rng.choice(signalen).pk) for a in acties
    )
    index_cache.invalidate()  # bulk_create sends no signals
    return {
        "buurten": len(buurten),
        "straatclusters": len(clusters),
        "rondes": len(rondes),
        "metingen": len(metingen),
        "signalen": len(signalen),
        "acties": len(acties),
        "urls": {
            "overview": ["/gebieden/overzicht/"],
            "gebied": [f"/gebieden/{g.code}/" for g in (buurten[:10] + clusters[:5])],
            "signalen": ["/gebieden/signalen/"],
            "gebieden": ["/gebieden/"],
            "acties": ["/gebieden/acties/"],
        },
    }

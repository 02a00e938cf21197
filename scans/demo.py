"""Demo data for gebieden and gebiedsscans (idempotent: a second run changes nothing).

Three rounds for every buurt, signalen at every classification level, acties
in every status and at least one active early warning. Outlines are
approximate (see scans/demo_data.py).
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from shapely.geometry import Polygon, mapping
from shapely.ops import unary_union

from partners.models import Organisation, User
from scans import demo_data as D
from scans.models import (
    Actie,
    Drempels,
    Gebied,
    Gebiedsscan,
    Indicator,
    Meting,
    Oordeel,
    ScanRonde,
    Signaal,
    Thema,
)
from scans.services import index_cache
from scans.services.gebieden import buurten_overlapping

APPROXIMATE_NOTE = (
    "Benaderde omtrek voor de demo, niet de officiële CBS-grens. "
    "Importeer de CBS Wijk- en Buurtkaart voor de echte grenzen."
)

RONDES = [
    ("Voorjaar 2025", date(2025, 3, 31), True),
    ("Najaar 2025", date(2025, 10, 31), False),
    ("Voorjaar 2026", date(2026, 3, 31), False),
]

#: Buurten with a character: positive is better than average (in sd units).
CHARACTER = {
    "BU04820102": {"veiligheid": -0.9, "fysiek": -0.6, "sociaal": -0.5},
    "BU04820001": {"veiligheid": -0.4, "fysiek": -0.8, "sociaal": -0.3},
    "BU04820002": {"veiligheid": -0.3, "fysiek": 0.4, "sociaal": 0.2},
    "BU04820202": {"veiligheid": 0.8, "fysiek": 0.7, "sociaal": 0.6},
    "BU04820304": {"veiligheid": 0.6, "fysiek": 0.5, "sociaal": 0.8},
    "BU04820401": {"veiligheid": -0.2, "fysiek": -1.0, "sociaal": -0.6},
}
#: Change per round (sd units) to show a trend; Redersbuurt worsens sharply.
DRIFT = {
    "BU04820102": {"veiligheid": [0, -0.3, -1.6]},
    "BU04820203": {"sociaal": [0, 0.3, 0.7]},
    "BU04820001": {"fysiek": [0, 0.4, 0.8]},
}


def _grid_vertex(col: int, row: int) -> tuple[float, float]:
    lon, lat = D.LON_EDGES[col], D.LAT_EDGES[row]
    if 0 < col < len(D.LON_EDGES) - 1 and 0 < row < len(D.LAT_EDGES) - 1:
        rng = random.Random(col * 31 + row)
        lon += rng.uniform(-0.0025, 0.0025)
        lat += rng.uniform(-0.0015, 0.0015)
    elif col == 0:
        # The west edge follows the Noord, which bends a little.
        lon += 0.002 * (row % 2)
    return round(lon, 6), round(lat, 6)


def _cell(col: int, row: int) -> Polygon:
    corners = [(col, row), (col + 1, row), (col + 1, row + 1), (col, row + 1)]
    return Polygon([_grid_vertex(c, r) for c, r in corners])


def _geo(shape) -> dict:
    data = mapping(shape.buffer(0))
    return {"type": data["type"], "coordinates": _lists(data["coordinates"])}


def _lists(value):
    if (
        isinstance(value, (list, tuple))
        and value
        and isinstance(value[0], (int, float))
    ):
        return [round(v, 6) for v in value]
    return [_lists(v) for v in value]


def _gebieden() -> dict[str, Gebied]:
    code, name, inhabitants = D.GEMEENTE
    cells = {b[0]: _cell(b[3], b[4]) for b in D.BUURTEN}
    gemeente, _c = Gebied.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "level": Gebied.Level.GEMEENTE,
            "inhabitants": inhabitants,
            "approximate": True,
            "description": APPROXIMATE_NOTE,
            "geometry": _geo(unary_union(list(cells.values()))),
        },
    )
    result = {code: gemeente}
    for wk_code, wk_name in D.WIJKEN:
        members = [b for b in D.BUURTEN if b[2] == wk_code]
        result[wk_code], _c = Gebied.objects.update_or_create(
            code=wk_code,
            defaults={
                "name": wk_name,
                "level": Gebied.Level.WIJK,
                "parent": gemeente,
                "inhabitants": sum(b[5] for b in members),
                "approximate": True,
                "description": APPROXIMATE_NOTE,
                "geometry": _geo(unary_union([cells[b[0]] for b in members])),
            },
        )
    for bu_code, bu_name, wk_code, _col, _row, inhabitants in D.BUURTEN:
        result[bu_code], _c = Gebied.objects.update_or_create(
            code=bu_code,
            defaults={
                "name": bu_name,
                "level": Gebied.Level.BUURT,
                "parent": result[wk_code],
                "inhabitants": inhabitants,
                "approximate": True,
                "description": APPROXIMATE_NOTE,
                "geometry": _geo(cells[bu_code]),
            },
        )
    return result


STRAATCLUSTERS = [
    (
        "SC-001",
        "Rederskwartier en Havenstraat",
        "Straten rond de oude scheepswerven, waar partners samen optrekken "
        "tegen overlast en verloedering.",
        "Havenstraat\nRederstraat\nScheepmakerij\nWerfkade",
        [(4.6465, 51.8575), (4.6575, 51.8570), (4.6580, 51.8625), (4.6470, 51.8630)],
    ),
    (
        "SC-002",
        "Molenstraat Kinderdijk",
        "Doorgaande route langs de molens met veel bezoekers en parkeerdruk.",
        "Molenstraat\nWest-Kinderdijk\nMolenkade",
        [(4.6540, 51.8700), (4.6680, 51.8695), (4.6685, 51.8735), (4.6545, 51.8740)],
    ),
]


def _straatclusters(gebieden, author) -> None:
    for code, name, description, streets, ring in STRAATCLUSTERS:
        shape = Polygon(ring)
        buurten = buurten_overlapping(shape)
        cluster, _c = Gebied.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "level": Gebied.Level.STRAATCLUSTER,
                "parent": buurten[0].parent if buurten else None,
                "description": description,
                "streets": streets,
                "approximate": True,
                "geometry": _geo(shape),
                "created_by": author,
            },
        )
        cluster.overlapping_buurten.set(buurten)
        gebieden[code] = cluster


def _themas_en_indicatoren(orgs) -> None:
    for order, (code, name, domein) in enumerate(D.THEMAS):
        Thema.objects.update_or_create(
            code=code, defaults={"name": name, "domein": domein, "order": order}
        )
    themas = {t.code: t for t in Thema.objects.all()}
    for code, name, thema, laag, unit, pol, lo, hi, _m, _sd, bron in D.INDICATORS:
        Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "thema": themas[thema],
                "laag": laag,
                "unit": unit,
                "polariteit": pol,
                "min_value": Decimal(str(lo)),
                "max_value": Decimal(str(hi)),
                "bron": orgs.get(bron),
            },
        )


def _value(bu_code, indicator_row, round_no) -> Decimal:
    code, _n, thema, laag, _u, pol, lo, hi, mean, sd, _b = indicator_row
    domein = next(t[2] for t in D.THEMAS if t[0] == thema)
    rng = random.Random(f"{bu_code}:{code}:{round_no}")
    character = CHARACTER.get(bu_code, {}).get(domein, 0.0)
    drift = DRIFT.get(bu_code, {}).get(domein, [0, 0, 0])[round_no]
    z = character + drift + rng.gauss(0, 0.45)
    value = mean + sd * z * pol
    value = min(max(value, lo), hi)
    return Decimal(str(round(value, 1 if sd >= 1 else 2)))


def _scans(gebieden, orgs, users) -> None:
    rondes = []
    for name, peildatum, is_basis in RONDES:
        ronde, _c = ScanRonde.objects.get_or_create(
            name=name, defaults={"peildatum": peildatum, "is_basis": is_basis}
        )
        rondes.append(ronde)
    indicators = {i.code: i for i in Indicator.objects.all()}
    coordinator = users["coordinator@woonkracht10.demo"]
    for round_no, ronde in enumerate(rondes):
        for bu_code, _n, _w, _c, _r, inhabitants in D.BUURTEN:
            gebied = gebieden[bu_code]
            if Gebiedsscan.objects.filter(gebied=gebied, ronde=ronde).exists():
                continue
            last = round_no == len(rondes) - 1
            status = Gebiedsscan.Status.VASTGESTELD
            if last:
                status = (
                    Gebiedsscan.Status.REVIEW
                    if bu_code.endswith(("1", "3"))
                    else Gebiedsscan.Status.CONCEPT
                )
            scan = Gebiedsscan.objects.create(
                gebied=gebied,
                ronde=ronde,
                status=status,
                created_by=coordinator,
                vastgesteld_at=timezone.now() if not last else None,
                vastgesteld_by=coordinator if not last else None,
                samenvatting=(
                    f"Integrale scan van {gebied.name}, {ronde.name}: cijfers van "
                    "politie, Woonkracht10, Welzijn en de gemeente, aangevuld met "
                    "straatkennis van de partners."
                ),
            )
            respondents = max(6, inhabitants // 14)
            Meting.objects.bulk_create(
                [
                    Meting(
                        scan=scan,
                        indicator=indicators[row[0]],
                        value=_value(bu_code, row, round_no),
                        gemeten_op=ronde.peildatum,
                        bron="Buurtmonitor Alblasserdam"
                        if row[3] == "subjectief"
                        else (orgs[row[10]].name if row[10] in orgs else ""),
                        respondenten=respondents if row[3] == "subjectief" else None,
                        organisation=orgs.get(row[10]) or orgs["woonkracht10"],
                        created_by=coordinator,
                    )
                    for row in D.INDICATORS
                ]
            )
    # A correction of an adopted scan: version 2 replaces version 1.
    first = Gebiedsscan.objects.get(
        gebied=gebieden["BU04820102"], ronde=rondes[1], versie=1
    )
    if not Gebiedsscan.objects.filter(vorige=first).exists():
        from scans.services.scan import scan_correct

        v2 = scan_correct(
            user=coordinator,
            scan=first,
            reden="Het aantal woninginbraken was dubbel geteld in de politiecijfers.",
        )
        m = v2.metingen.get(indicator__code="woninginbraak")
        m.value = m.value - Decimal("1.0") if m.value >= 1 else m.value
        m.save()
        v2.status = Gebiedsscan.Status.VASTGESTELD
        v2.vastgesteld_at = timezone.now()
        v2.vastgesteld_by = coordinator
        v2.save()


OORDELEN = [
    # (buurt, thema, org, score, reasoning, classification)
    (
        "BU04820102",
        "overlast",
        "politie",
        2,
        "Vaste hangplek bij de werfkade in de avonduren; meer meldingen dan de cijfers laten zien.",  # noqa: E501
        "partners",
    ),
    (
        "BU04820102",
        "overlast",
        "welzijn",
        2,
        "Jongerenwerk ziet een nieuwe groep die zich verplaatst tussen werfkade en speelveld.",  # noqa: E501
        "partners",
    ),
    (
        "BU04820102",
        "wonen",
        "woonkracht10",
        3,
        "Onderhoud aan de portiekflats is gepland; bewoners merken nog weinig.",
        "openbaar",
    ),
    (
        "BU04820102",
        "binding",
        "welzijn",
        3,
        "Buurthuis wordt goed bezocht, maar nieuwe bewoners haken moeilijk aan.",
        "openbaar",
    ),
    (
        "BU04820002",
        "openbare-ruimte",
        "buitenruimte",
        3,
        "Zwerfafval rond het winkelcentrum op marktdagen.",
        "openbaar",
    ),
    (
        "BU04820202",
        "samenredzaamheid",
        "welzijn",
        4,
        "Actieve bewonersgroep en goed burencontact.",
        "openbaar",
    ),
]

SIGNALEN = [
    # (buurt, thema, soort, days ago, level, org, text, point)
    (
        "BU04820102",
        "overlast",
        "hot_group",
        3,
        "partners",
        "welzijn",
        "Groep jongeren van 15–18 jaar hangt 's avonds bij de werfkade; geluidsoverlast en afval.",  # noqa: E501
        (51.8590, 4.6470),
    ),
    (
        "BU04820102",
        "overlast",
        "hot_spot",
        10,
        "organisatie",
        "politie",
        "Meerdere meldingen over drugshandel bij de achteringang van de garageboxen; onderzoek loopt.",  # noqa: E501
        (51.8583, 4.6480),
    ),
    (
        "BU04820102",
        "overlast",
        "hot_spot",
        17,
        "partners",
        "woonkracht10",
        "Portiek aan de westkant van de buurt wordt als hangplek gebruikt; deur staat vaak open.",  # noqa: E501
        None,
    ),
    (
        "BU04820102",
        "vandalisme",
        "hot_facility",
        40,
        "openbaar",
        "buitenruimte",
        "Bankjes en afvalbakken in het speelveld zijn opnieuw vernield.",
        (51.8575, 4.6490),
    ),
    (
        "BU04820002",
        "milieu",
        "hot_spot",
        5,
        "openbaar",
        "buitenruimte",
        "Zwerfafval rond de ondergrondse containers bij het winkelcentrum.",
        (51.8585, 4.6570),
    ),
    (
        "BU04820002",
        "milieu",
        "hot_spot",
        12,
        "partners",
        "woonkracht10",
        "Bijplaatsingen naast de containers na het weekend.",
        None,
    ),
    (
        "BU04820002",
        "milieu",
        "overig",
        20,
        "openbaar",
        "buitenruimte",
        "Meldingen over vol zittende afvalbakken op marktdag.",
        None,
    ),
    (
        "BU04820001",
        "wonen",
        "hot_facility",
        25,
        "partners",
        "woonkracht10",
        "Leegstaand winkelpand aan de haven trekt ongedierte en graffiti aan.",
        None,
    ),
    (
        "BU04820203",
        "binding",
        "overig",
        8,
        "openbaar",
        "welzijn",
        "Bewoners organiseren een buurtbarbecue in het Blokweerpark; goede opkomst.",
        None,
    ),
    (
        "BU04820301",
        "overlast",
        "hot_spot",
        15,
        "organisatie",
        "veiligheid",
        "Parkeeroverlast door touringcars bij de molens; afstemming met de beheerder van het erfgoed loopt.",  # noqa: E501
        None,
    ),
    (
        "BU04820401",
        "diefstal-inbraak",
        "hot_facility",
        30,
        "partners",
        "politie",
        "Inbraken in bedrijfsbusjes op het bedrijventerrein, vooral in het weekend.",
        None,
    ),
    (
        "BU04820304",
        "zelfredzaamheid",
        "hot_group",
        45,
        "organisatie",
        "welzijn",
        "Toename van oudere alleenstaanden die hulp vragen bij formulieren.",
        None,
    ),
]

ACTIES = [
    # (buurt, title, owner, partners, themas, status, days to due date,
    #  progress, budget)
    (
        "BU04820102",
        "Jongerenwerk op de werfkade",
        "welzijn",
        ["politie", "woonkracht10"],
        ["overlast"],
        "lopend",
        30,
        40,
        "12500.00",
    ),
    (
        "BU04820102",
        "Portiekdeuren vervangen en verlichting",
        "woonkracht10",
        ["buitenruimte"],
        ["overlast", "wonen"],
        "lopend",
        -14,
        60,
        "38000.00",
    ),
    (
        "BU04820102",
        "Speelveld herinrichten met bewoners",
        "buitenruimte",
        ["welzijn"],
        ["vandalisme", "openbare-ruimte"],
        "gepland",
        120,
        0,
        "45000.00",
    ),
    (
        "BU04820002",
        "Extra ledigingen op marktdag",
        "buitenruimte",
        [],
        ["milieu"],
        "afgerond",
        -30,
        100,
        "4800.00",
    ),
    (
        "BU04820001",
        "Tijdelijke invulling leeg winkelpand",
        "ruimtelijke-ontwikkeling",
        ["woonkracht10"],
        ["wonen"],
        "gestopt",
        -60,
        20,
        "7500.00",
    ),
    (
        "BU04820203",
        "Buurtcirkel Blokweer",
        "welzijn",
        [],
        ["binding", "samenredzaamheid"],
        "lopend",
        60,
        70,
        "3000.00",
    ),
]


def _signalen_en_acties(gebieden, orgs, users_by_org) -> None:
    themas = {t.code: t for t in Thema.objects.all()}
    today = timezone.localdate()
    signalen = {}
    for bu, thema, soort, ago, level, org, text, point in SIGNALEN:
        s, _c = Signaal.objects.get_or_create(
            gebied=gebieden[bu],
            text=text,
            defaults={
                "thema": themas[thema],
                "soort": soort,
                "waargenomen_op": today - timedelta(days=ago),
                "rubricering": level,
                "organisation": orgs[org],
                "author": users_by_org.get(org),
                "point": {"type": "Point", "coordinates": [point[1], point[0]]}
                if point
                else None,
            },
        )
        signalen.setdefault(bu, []).append(s)
    for bu, title, owner, partners, ts, status, days, progress, budget in ACTIES:
        actie, created = Actie.objects.get_or_create(
            gebied=gebieden[bu],
            title=title,
            defaults={
                "eigenaar": orgs[owner],
                "status": status,
                "deadline": today + timedelta(days=days),
                "voortgang": progress,
                "budget": Decimal(budget),
                "description": "Onderdeel van de integrale aanpak in deze buurt.",
                "created_by": users_by_org.get(owner),
            },
        )
        if created:
            actie.partners.set([orgs[p] for p in partners])
            actie.themas.set([themas[t] for t in ts])
            actie.signalen.set(
                [s for s in signalen.get(bu, []) if s.thema.code in ts][:2]
            )


@transaction.atomic
def load() -> dict[str, int]:
    orgs = {o.slug: o for o in Organisation.objects.all()}
    users = {u.email: u for u in User.objects.filter(email__endswith=".demo")}
    users_by_org: dict[str, User] = {}
    for email, user in sorted(users.items()):
        slug = email.split("@")[1].removesuffix(".demo")
        users_by_org.setdefault(slug, user)
    before = {
        "gebieden": Gebied.objects.count(),
        "metingen": Meting.objects.count(),
        "signalen": Signaal.objects.count(),
        "acties": Actie.objects.count(),
    }
    gebieden = _gebieden()
    _straatclusters(gebieden, users.get("medewerker@woonkracht10.demo"))
    if not orgs or "coordinator@woonkracht10.demo" not in users:
        return {k: 0 for k in before}
    _themas_en_indicatoren(orgs)
    _scans(gebieden, orgs, users)
    rondes = list(ScanRonde.objects.order_by("peildatum"))
    for bu, thema, org, score, text, level in OORDELEN:
        scan = Gebiedsscan.objects.get(
            gebied=gebieden[bu], ronde=rondes[-1], is_actueel=True
        )
        Oordeel.objects.get_or_create(
            scan=scan,
            thema=Thema.objects.get(code=thema),
            organisation=orgs[org],
            defaults={
                "score": score,
                "toelichting": text,
                "rubricering": level,
                "author": users_by_org.get(org),
            },
        )
    _signalen_en_acties(gebieden, orgs, users_by_org)
    Drempels.current()

    from scans.services.vroegsignalering import evaluate

    evaluate()
    index_cache.invalidate()  # the metingen went in with bulk_create
    return {
        "gebieden": Gebied.objects.count() - before["gebieden"],
        "metingen": Meting.objects.count() - before["metingen"],
        "signalen": Signaal.objects.count() - before["signalen"],
        "acties": Actie.objects.count() - before["acties"],
    }

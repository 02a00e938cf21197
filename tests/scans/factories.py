"""Small builders for scan tests: a few buurten with shapes, themes, indicators."""

from datetime import date
from decimal import Decimal

from scans.models import (
    Actie,
    Gebied,
    Gebiedsscan,
    Indicator,
    Meting,
    ScanRonde,
    Signaal,
    Thema,
    Waarschuwing,
)


def square(lon: float, lat: float, size: float = 0.004) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [lon, lat],
                [lon + size, lat],
                [lon + size, lat + size],
                [lon, lat + size],
                [lon, lat],
            ]
        ],
    }


def gemeente() -> Gebied:
    gm, _ = Gebied.objects.get_or_create(
        code="GM0482", defaults={"name": "Alblasserdam", "level": "gemeente"}
    )
    wk, _ = Gebied.objects.get_or_create(
        code="WK048201",
        defaults={"name": "West", "level": "wijk", "parent": gm},
    )
    return wk


def buurt(n: int = 2, *, inhabitants: int = 1500, name: str = "") -> Gebied:
    wk = gemeente()
    col, row = n % 10, n // 10
    gebied, _ = Gebied.objects.get_or_create(
        code=f"BU0482{n:04d}",
        defaults={
            "name": name or f"Buurt {n}",
            "level": Gebied.Level.BUURT,
            "parent": wk,
            "inhabitants": inhabitants,
            "geometry": square(4.64 + col * 0.004, 51.85 + row * 0.004),
        },
    )
    return gebied


def thema(code: str = "overlast", domein: str = "veiligheid") -> Thema:
    t, _ = Thema.objects.get_or_create(
        code=code, defaults={"name": code.title(), "domein": domein}
    )
    return t


def indicator(
    code: str = "overlast-jeugd",
    *,
    thema_code: str = "overlast",
    domein: str = "veiligheid",
    laag: str = "objectief",
    polariteit: int = -1,
    max_value: str = "100",
) -> Indicator:
    ind, _ = Indicator.objects.get_or_create(
        code=code,
        defaults={
            "name": code.replace("-", " ").title(),
            "thema": thema(thema_code, domein),
            "laag": laag,
            "unit": "per 1.000 inwoners",
            "polariteit": polariteit,
            "min_value": Decimal("0"),
            "max_value": Decimal(max_value),
        },
    )
    return ind


def ronde(name: str = "Voorjaar 2025", *, basis: bool = True, month: int = 3):
    r, _ = ScanRonde.objects.get_or_create(
        name=name, defaults={"peildatum": date(2025, month, 31), "is_basis": basis}
    )
    return r


def scan(gebied, r, *, status: str = "concept", user=None) -> Gebiedsscan:
    s, _ = Gebiedsscan.objects.get_or_create(
        gebied=gebied,
        ronde=r,
        versie=1,
        defaults={"status": status, "created_by": user},
    )
    return s


def meting(s, ind, value, org) -> Meting:
    return Meting.objects.create(
        scan=s,
        indicator=ind,
        value=Decimal(str(value)),
        gemeten_op=s.ronde.peildatum,
        organisation=org,
    )


def signaal(gebied, org, level, *, text="", thema_code="overlast", days_ago=1):
    from datetime import timedelta

    from django.utils import timezone

    return Signaal.objects.create(
        gebied=gebied,
        thema=thema(thema_code),
        soort="hot_spot",
        text=text or f"Signaal {level} van {org.name}",
        waargenomen_op=timezone.localdate() - timedelta(days=days_ago),
        rubricering=level,
        organisation=org,
    )


def actie(gebied, owner, **kwargs) -> Actie:
    defaults = {"title": "Jongerenwerk op de werfkade", "status": "lopend"}
    defaults.update(kwargs)
    return Actie.objects.create(gebied=gebied, eigenaar=owner, **defaults)


def waarschuwing(gebied, org, *, sleutel: str = "test") -> Waarschuwing:
    """An open early warning of an overdue actie, for `org` in `gebied`."""
    return Waarschuwing.objects.create(
        regel="actie_te_laat",
        sleutel=sleutel,
        organisation=org,
        gebied=gebied,
        details={"deadline": "2026-01-01"},
    )

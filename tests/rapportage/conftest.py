from datetime import date
from decimal import Decimal

import pytest

from portal.rapportage.models import Begroting, Uitgave
from scans.models import Gebied

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [
            [4.655, 51.858],
            [4.672, 51.858],
            [4.672, 51.866],
            [4.655, 51.866],
            [4.655, 51.858],
        ]
    ],
}


def make_gebied(code="BU04820102", name="Redersbuurt", geometry=SQUARE) -> Gebied:
    gebied, _ = Gebied.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "level": Gebied.Level.BUURT,
            "geometry": geometry,
            "inhabitants": 1840,
        },
    )
    return gebied


def make_budget() -> dict:
    b2025 = Begroting.objects.create(year=2025, amount=Decimal("100000.00"))
    b2024 = Begroting.objects.create(year=2024, amount=Decimal("70000.00"))
    Uitgave.objects.create(
        begroting=b2025,
        soort=Uitgave.Soort.VERPLICHTING,
        amount=Decimal("30000.00"),
        date=date(2025, 1, 15),
        description="Buurtwerker Souburgh",
    )
    Uitgave.objects.create(
        begroting=b2025,
        soort=Uitgave.Soort.BESTEDING,
        amount=Decimal("9400.10"),
        date=date(2025, 4, 3),
        description="Verlichting Kortland",
    )
    return {"2024": b2024, "2025": b2025}


@pytest.fixture
def gebied(db):
    return make_gebied()


@pytest.fixture
def budget(db):
    return make_budget()


@pytest.fixture
def request_rapport(django_capture_on_commit_callbacks):
    """Request a report as a user would, running the after-commit enqueue."""
    from portal.rapportage import services

    def _request(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            rapport = services.rapport_request(**kwargs)
        rapport.refresh_from_db()
        return rapport

    return _request

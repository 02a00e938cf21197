"""The one door for raad data: everything a raad report shows comes from here.

Raad reports are built from openbaar information and aggregates only. This
module is the only source the raad report kinds read from; a test plants canary
strings in partner-only and organisation-only data, renders every raad kind and
checks that none leaks into the PDF text. A new raad kind adds a function
here, never a query of its own.

The data apps (scans, visie, sessies) expose raad-safe selectors of their own;
this module calls them when they exist, so a raad report shows "no data" for a
part whose app has not landed yet instead of reaching into its tables. Such a
selector returns dicts, one per table row, keyed by the (Dutch) column heading.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module

from django.db.models import Q, Sum

from buurtaanpak.rapportage.models import Begroting, Uitgave
from scans.models import Gebied

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class BudgetJaar:
    year: int
    budget: Decimal
    committed: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.committed - self.spent


@dataclass
class Section:
    """A part of a raad report: rows when the data exists, else empty."""

    rows: list[dict] = field(default_factory=list)
    available: bool = True

    @property
    def columns(self) -> list[str]:
        return list(self.rows[0]) if self.rows else []


def _raad_selector(module: str, name: str):
    """A raad-safe selector of a data app, or None while that app has none."""
    try:
        return getattr(import_module(module), name, None)
    except ModuleNotFoundError:
        return None


def _section(module: str, name: str, *args) -> Section:
    selector = _raad_selector(module, name)
    if selector is None:
        return Section(available=False)
    return Section(rows=list(selector(*args)))


def budget_per_year() -> list[BudgetJaar]:
    """Per budget year: budget, committed, spent (totals only, no line items)."""
    V, B = Uitgave.Soort.VERPLICHTING, Uitgave.Soort.BESTEDING
    rows = Begroting.objects.annotate(
        committed=Sum("uitgaven__amount", filter=Q(uitgaven__soort=V)),
        spent=Sum("uitgaven__amount", filter=Q(uitgaven__soort=B)),
    ).order_by("year")
    return [
        BudgetJaar(
            year=row.year,
            budget=row.amount,
            committed=row.committed or ZERO,
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


def scan_indices(gebied_obj: Gebied) -> Section:
    """Domain indices with bands and trend for one area (aggregates)."""
    return _section("scans.selectors", "raad_indices", gebied_obj)


def scan_themes(gebied_obj: Gebied) -> Section:
    return _section("scans.selectors", "raad_themes", gebied_obj)


def openbare_signalen(gebied_obj: Gebied) -> Section:
    """Signalen classified openbaar, never partners or organisatie."""
    return _section("scans.selectors", "raad_signalen", gebied_obj)


def acties(gebied_obj: Gebied | None = None) -> Section:
    return _section("scans.selectors", "raad_acties", gebied_obj)


def indices_per_buurt() -> Section:
    return _section("scans.selectors", "raad_indices_per_buurt")


def visie_state() -> Section:
    """The released visie version and its sign-offs."""
    return _section("visie.selectors", "raad_visie_state")


def sessies_overview() -> Section:
    """Sessions held and planned (titles and dates only)."""
    return _section("sessies.selectors", "raad_sessies")

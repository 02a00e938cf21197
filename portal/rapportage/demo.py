"""Demo budget of the ingroeimodel: 2023 start budget, 2024, structural from 2025."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from partners.models import Organisation
from portal.rapportage.models import Begroting, Uitgave
from scans.models import Actie

BEGROTINGEN = [
    (2023, Decimal("40000.00"), "Startbudget: fundament voor de samenwerking"),
    (2024, Decimal("70000.00"), "Ingroeimodel, tweede jaar"),
    (2025, Decimal("100000.00"), "Structureel budget"),
    (2026, Decimal("100000.00"), "Structureel budget"),
]

#: (year, soort, date, amount, description, organisation slug, actie title);
#: the acties come from scans.demo, which load_demo runs first.
UITGAVEN = [
    (
        2023,
        "besteding",
        date(2023, 3, 1),
        "18500.00",
        "Procesbegeleiding visietraject maart-juli",
        "koersbekenners",
        "",
    ),
    (
        2023,
        "besteding",
        date(2023, 6, 14),
        "2350.00",
        "Werksessies met raad en partners (zaalhuur, catering)",
        "",
        "",
    ),
    (
        2023,
        "verplichting",
        date(2023, 9, 1),
        "6500.00",
        "Opstellen samenwerkingsafspraken",
        "koersbekenners",
        "",
    ),
    (
        2024,
        "besteding",
        date(2024, 2, 12),
        "12000.00",
        "Eerste gebiedsscans Kinderdijk-Oost en Souburgh",
        "",
        "",
    ),
    (
        2024,
        "besteding",
        date(2024, 5, 20),
        "8750.00",
        "Ontwerpsessies speelveld met bewoners",
        "buitenruimte",
        "Speelveld herinrichten met bewoners",
    ),
    (
        2024,
        "verplichting",
        date(2024, 10, 1),
        "15000.00",
        "Inzet jongerenwerker Welzijn, najaar",
        "welzijn",
        "Jongerenwerk op de werfkade",
    ),
    (
        2025,
        "verplichting",
        date(2025, 1, 15),
        "30000.00",
        "Inzet jongerenwerker Welzijn 2025",
        "welzijn",
        "Jongerenwerk op de werfkade",
    ),
    (
        2025,
        "besteding",
        date(2025, 4, 3),
        "9400.00",
        "Portiekverlichting en snoeiwerk",
        "woonkracht10",
        "Portiekdeuren vervangen en verlichting",
    ),
]


DEMO_RAPPORT = "Voortgangsrapportage Buurtaanpak (demo)"


def _published_voortgang() -> int:
    """One published raad report, so the reading room is not empty."""
    from partners.models import Role, User
    from portal.rapportage import services
    from portal.rapportage.models import Rapport

    if Rapport.objects.filter(title=DEMO_RAPPORT).exists():
        return 0
    griffier = User.objects.filter(memberships__role=Role.GRIFFIER).first()
    if griffier is None:
        return 0
    rapport = services.rapport_request(
        user=griffier, kind="voortgang", audience="raad", title=DEMO_RAPPORT
    )
    services.rapport_process(pk=rapport.pk)
    rapport.refresh_from_db()
    if rapport.status == Rapport.Status.KLAAR:
        services.rapport_publish(rapport=rapport, by=griffier, notify=False)
    return 1


@transaction.atomic
def load() -> dict:
    years = {}
    for year, amount, note in BEGROTINGEN:
        years[year], _ = Begroting.objects.get_or_create(
            year=year, defaults={"amount": amount, "note": note}
        )
    orgs = {o.slug: o for o in Organisation.objects.all()}
    acties = {a.title: a for a in Actie.objects.select_related("gebied")}
    created = 0
    for year, soort, when, amount, description, slug, title in UITGAVEN:
        actie = acties.get(title)
        obj, was_created = Uitgave.objects.get_or_create(
            begroting=years[year],
            description=description,
            date=when,
            defaults={
                "soort": soort,
                "amount": Decimal(amount),
                "organisation": orgs.get(slug),
                "actie": actie,
                "gebied": actie.gebied if actie else None,
            },
        )
        created += was_created
        if actie is not None and obj.actie_id is None:
            # A demo database from before the link existed.
            obj.actie, obj.gebied = actie, actie.gebied
            obj.save(update_fields=["actie", "gebied"])
    _published_voortgang()
    return {
        "begrotingen": len(years),
        "uitgaven": Uitgave.objects.count(),
        "rapporten": _rapport_count(),
    }


def _rapport_count() -> int:
    from portal.rapportage.models import Rapport

    return Rapport.objects.count()

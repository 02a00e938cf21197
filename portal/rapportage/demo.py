"""Demo data of the reports app.

- the budget of the ingroeimodel: 2023 start budget, 2024, structural from
  2025, with commitments and the payments that settle them (one in full, one
  in two parts, one of them paid early the next year, one half);
- a published raadsinformatiebrief with the college's text, reference and
  signatories, and a published correction of it that says what changed;
- notes of raadsleden on the correction: one private, one shared.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from partners.models import Organisation, Role, User
from portal.rapportage.models import Begroting, Notitie, Rapport, Uitgave
from scans.models import Actie

BEGROTINGEN = [
    (2023, Decimal("40000.00"), "Startbudget: fundament voor de samenwerking"),
    (2024, Decimal("70000.00"), "Ingroeimodel, tweede jaar"),
    (2025, Decimal("100000.00"), "Structureel budget"),
    (2026, Decimal("100000.00"), "Structureel budget"),
]

#: (year, soort, date, amount, description, organisation slug, actie title,
#: description of the commitment a payment settles); the acties come from
#: scans.demo, which load_demo runs first. A payment is booked in the year of
#: the commitment it settles, even when it is paid the year after.
UITGAVEN = [
    (
        2023,
        "betaling",
        date(2023, 3, 1),
        "18500.00",
        "Procesbegeleiding visietraject maart-juli",
        "koersbekenners",
        "",
        "",
    ),
    (
        2023,
        "betaling",
        date(2023, 6, 14),
        "2350.00",
        "Werksessies met raad en partners (zaalhuur, catering)",
        "",
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
        "",
    ),
    (
        2023,
        "betaling",
        date(2023, 12, 1),
        "6500.00",
        "Factuur samenwerkingsafspraken",
        "koersbekenners",
        "",
        "Opstellen samenwerkingsafspraken",
    ),
    (
        2024,
        "betaling",
        date(2024, 2, 12),
        "12000.00",
        "Eerste gebiedsscans Kinderdijk-Oost en Souburgh",
        "",
        "",
        "",
    ),
    (
        2024,
        "betaling",
        date(2024, 5, 20),
        "8750.00",
        "Ontwerpsessies speelveld met bewoners",
        "buitenruimte",
        "Speelveld herinrichten met bewoners",
        "",
    ),
    (
        2024,
        "verplichting",
        date(2024, 10, 1),
        "15000.00",
        "Inzet jongerenwerker Welzijn, najaar",
        "welzijn",
        "Jongerenwerk op de werfkade",
        "",
    ),
    (
        2024,
        "betaling",
        date(2024, 12, 16),
        "7500.00",
        "Eerste termijn jongerenwerker najaar",
        "welzijn",
        "Jongerenwerk op de werfkade",
        "Inzet jongerenwerker Welzijn, najaar",
    ),
    (
        2024,
        "betaling",
        date(2025, 1, 20),
        "7500.00",
        "Slottermijn jongerenwerker najaar",
        "welzijn",
        "Jongerenwerk op de werfkade",
        "Inzet jongerenwerker Welzijn, najaar",
    ),
    (
        2025,
        "verplichting",
        date(2025, 1, 15),
        "30000.00",
        "Inzet jongerenwerker Welzijn 2025",
        "welzijn",
        "Jongerenwerk op de werfkade",
        "",
    ),
    (
        2025,
        "betaling",
        date(2025, 6, 30),
        "15000.00",
        "Eerste halfjaar jongerenwerker 2025",
        "welzijn",
        "Jongerenwerk op de werfkade",
        "Inzet jongerenwerker Welzijn 2025",
    ),
    (
        2025,
        "betaling",
        date(2025, 4, 3),
        "9400.00",
        "Portiekverlichting en snoeiwerk",
        "woonkracht10",
        "Portiekdeuren vervangen en verlichting",
        "",
    ),
]


DEMO_RAPPORT = "Voortgangsrapportage Buurtaanpak (demo)"
DEMO_CORRECTIE = "Voortgangsrapportage Buurtaanpak (demo, gecorrigeerd)"

BRIEF = {
    "kenmerk": "Z-2026-00412",
    "date": date(2026, 11, 24),
    "text": (
        "Met deze brief informeren wij u over de voortgang van de Buurtaanpak "
        "in het afgelopen halfjaar.\n\n"
        "## Wat er is bereikt\n\n"
        "- De partners hebben de gezamenlijke visie ondertekend; de "
        "samenwerkingsafspraken zijn vastgelegd.\n"
        "- In Souburgh en Kinderdijk-Oost is de tweede gebiedsscan afgerond.\n"
        "- In de werksessies met uw raad zijn de speerpunten voor 2027 "
        "besproken.\n\n"
        "## Hoe verder\n\n"
        "In het voorjaar van 2027 volgt de derde scanronde. Wij informeren u "
        "daarna opnieuw. In de bijlagen vindt u de voortgang per buurt, de "
        "begroting, de sessies en de stand van de visie."
    ),
    "burgemeester": "J. van der Linden",
    "secretaris": "A.M. Verhoef",
}
CHANGE_NOTE = (
    "In bijlage 3 stond de slottermijn van € 7.500 voor de jongerenwerker "
    "(najaar 2024) nog als openstaande verplichting. Die is in januari 2025 "
    "betaald en telt nu als betaling in 2024."
)
NOTITIES = [
    (
        "raadslid1@alblasserdam.demo",
        3,
        "Wat er is bereikt",
        "Vragen in de commissie: hoe meten we of de jongerenwerker effect heeft?",
        False,
    ),
    (
        "raadslid2@alblasserdam.demo",
        5,
        "Begroting en besteding",
        "De verplichting voor 2025 is pas voor de helft betaald. Navragen bij "
        "de wethouder wanneer de rest volgt.",
        True,
    ),
]


def _load_budget() -> tuple[dict, int]:
    years = {}
    for year, amount, note in BEGROTINGEN:
        years[year], _ = Begroting.objects.get_or_create(
            year=year, defaults={"amount": amount, "note": note}
        )
    orgs = {o.slug: o for o in Organisation.objects.all()}
    acties = {a.title: a for a in Actie.objects.select_related("gebied")}
    created = 0
    for year, soort, when, amount, description, slug, title, settles in UITGAVEN:
        actie = acties.get(title)
        verplichting = None
        if settles:
            verplichting = Uitgave.objects.filter(
                soort=Uitgave.Soort.VERPLICHTING, description=settles
            ).first()
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
                "verplichting": verplichting,
            },
        )
        created += was_created
        if actie is not None and obj.actie_id is None:
            # A demo database from before the link existed.
            obj.actie, obj.gebied = actie, actie.gebied
            obj.save(update_fields=["actie", "gebied"])
    return years, created


def _published(griffier, *, title: str, original: Rapport | None = None) -> Rapport:
    """A raadsinformatiebrief with the college's letter, rendered and published."""
    from portal.rapportage import services
    from portal.rapportage.services import brieven

    if original is None:
        rapport = services.rapport_request(
            user=griffier, kind="voortgang", audience="raad", title=title
        )
        brieven.brief_save(rapport=rapport, by=griffier, **BRIEF)
    else:
        rapport = services.rapport_correct(
            rapport=original, by=griffier, title=title, change_note=CHANGE_NOTE
        )
    services.rapport_process(pk=rapport.pk)
    rapport.refresh_from_db()
    if rapport.status == Rapport.Status.KLAAR:
        rapport = services.rapport_publish(rapport=rapport, by=griffier, notify=False)
    return rapport


def _letters() -> int:
    """The published letter and its published correction, once."""
    griffier = User.objects.filter(memberships__role=Role.GRIFFIER).first()
    if griffier is None:
        return 0
    made = 0
    original = Rapport.objects.filter(title=DEMO_RAPPORT).first()
    if original is None:
        original = _published(griffier, title=DEMO_RAPPORT)
        made += 1
    if (
        original.is_published
        and not Rapport.objects.filter(supersedes=original).exists()
    ):
        _published(griffier, title=DEMO_CORRECTIE, original=original)
        made += 1
    return made


def _notes() -> int:
    correctie = Rapport.objects.filter(
        title=DEMO_CORRECTIE, published_at__isnull=False
    ).first()
    if correctie is None:
        return 0
    users = {u.email: u for u in User.objects.filter(memberships__role=Role.RAADSLID)}
    made = 0
    for email, page, passage, text, shared in NOTITIES:
        author = users.get(email)
        if author is None:
            continue
        _, was_created = Notitie.objects.get_or_create(
            rapport=correctie,
            author=author,
            text=text,
            defaults={
                "page": min(page, correctie.page_count or page),
                "passage": passage,
                "shared": shared,
            },
        )
        made += was_created
    return made


@transaction.atomic
def load() -> dict:
    years, _created = _load_budget()
    _letters()
    _notes()
    return {
        "begrotingen": len(years),
        "uitgaven": Uitgave.objects.count(),
        "rapporten": Rapport.objects.count(),
        "notities": Notitie.objects.count(),
    }

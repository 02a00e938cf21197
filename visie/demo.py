"""Demo visie: in consultatie, sections by several partners, two versions,
comments and partial sign-offs. Runs after partners.demo; idempotent."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from core.policy import Rubricering
from partners.models import Organisation, User
from visie import citations, services
from visie.models import Bron, Ondertekening, VisieDocument

SLUG = "visie-buurtaanpak-alblasserdam"

BRONNEN = [
    {
        "title": "Coalitieakkoord 2022-2026 “Samen zijn wij Alblasserdam”",
        "soort": Bron.Soort.BELEID,
        "rubricering": Rubricering.OPENBAAR,
        "publisher": "Gemeente Alblasserdam",
        "published_on": date(2022, 6, 1),
        "url": "https://www.alblasserdam.nl/",
        "description": (
            "Noemt de Buurtaanpak als instrument voor leefbaarheid en sociale "
            "veiligheid, met gebiedsscans op buurtniveau als vertrekpunt."
        ),
    },
    {
        "title": "Uitvoeringsprogramma 2023",
        "soort": Bron.Soort.BELEID,
        "rubricering": Rubricering.OPENBAAR,
        "publisher": "Gemeente Alblasserdam",
        "published_on": date(2023, 1, 1),
        "url": "https://www.alblasserdam.nl/",
        "description": "Benoemt de Buurtaanpak als prioriteit voor 2023.",
    },
    {
        "title": "213a-onderzoek “In vertrouwen professioneel samenwerken”",
        "soort": Bron.Soort.ONDERZOEK,
        "rubricering": Rubricering.OPENBAAR,
        "publisher": "Gemeente Alblasserdam",
        "published_on": date(2021, 11, 1),
        "url": "https://www.alblasserdam.nl/",
        "description": (
            "Doelmatigheidsonderzoek (art. 213a Gemeentewet) naar de samenwerking "
            "met maatschappelijke partners; inzichten en richting voor de rollen."
        ),
    },
]

SECTIES = [
    (
        "Aanleiding",
        "veiligheid",
        "Het coalitieakkoord *Samen zijn wij Alblasserdam* en het "
        "uitvoeringsprogramma 2023 noemen de Buurtaanpak als belangrijke "
        "prioriteit.\n\n> Verbeteren leefbaarheid in buurten en wijken, "
        "verminderen overlast.\n\nPartners werken als **slimme schakels** samen "
        "aan leefbaarheid en sociale veiligheid, per buurt of cluster van straten.",
    ),
    (
        "Gezamenlijke ambitie",
        "woonkracht10",
        "## Waar wij voor staan\n\n"
        "- Prettig wonen in elke buurt van Alblasserdam\n"
        "- Vroeg signaleren en voorkomen in plaats van achteraf oplossen\n"
        "- Eén aanpak in het sociale én het fysieke domein\n",
    ),
    (
        "Slimme schakels in de buurt",
        "welzijn",
        "Buurtwerkers, wijkagent en woonconsulent kennen de straat. Zij delen "
        "signalen in het portaal en stemmen acties af in het buurtoverleg.\n\n"
        "| Partner | Rol in de buurt |\n|---|---|\n"
        "| Woonkracht10 | woonconsulent, huurdersoverleg |\n"
        "| Stichting Welzijn | buurtwerk, jongerenwerk |\n"
        "| Politie | wijkagent |\n",
    ),
    (
        "Veiligheid en vroegsignalering",
        "politie",
        "Hot spots, hot groups en hot facilities worden per buurt besproken. "
        "Gebiedsscans geven inzicht; het oordeel van de professional staat "
        "ernaast en wordt niet weggemiddeld.",
    ),
    (
        "Buitenruimte en voorzieningen",
        "buitenruimte",
        "Een schone, hele en veilige openbare ruimte is de basis. Meldingen uit "
        "de buurt en scanresultaten sturen het onderhoud.",
    ),
    (
        "Financiën: het ingroeimodel",
        "veiligheid",
        "In 2023 leggen de partners het fundament voor de samenwerking. Vanaf "
        "2025 is structureel **€ 100.000** per jaar beschikbaar; de raad stelt "
        "dat kader vast en volgt de besteding.",
    ),
]

AFSPRAKEN = [
    (
        "Buurtoverleg per buurt, elke zes weken",
        {"welzijn": "A", "woonkracht10": "R", "politie": "R", "buitenruimte": "C"},
        "medewerker@welzijn.demo",
        Decimal("120"),
        None,
        date(2026, 12, 31),
    ),
    (
        "Jaarlijkse gebiedsscan per buurt opstellen",
        {"veiligheid": "A", "woonkracht10": "R", "welzijn": "R", "politie": "C"},
        "coordinator@veiligheid.demo",
        Decimal("80"),
        Decimal("15000.00"),
        date(2026, 10, 1),
    ),
    (
        "Aanpak hot spot Kinderdijkseweg (overlast jongeren)",
        {"politie": "A", "welzijn": "R", "buitenruimte": "R", "woonkracht10": "I"},
        "wijkagent@politie.demo",
        Decimal("40"),
        Decimal("7500.00"),
        date(2026, 9, 1),
    ),
]


def _user(email: str) -> User:
    return User.objects.get(email=email)


#: Which section cites which kind of scan finding, when the scans demo ran.
SCAN_CITATIONS = [
    (3, "signaal", "Een openbaar signaal uit de gebiedsscan onderbouwt deze aanpak."),
    (
        1,
        "gebiedsscan",
        "De leefbaarheidsindex van deze scan maakt de ambitie meetbaar.",
    ),
    (2, "actie", "Voorbeeld van slimme schakels in de praktijk."),
]


def _cite_scan_findings(user: User, secties: list) -> None:
    for index, key, toelichting in SCAN_CITATIONS:
        kind = citations.kind_by_key(key)
        target = kind.citable().order_by("pk").first() if kind else None
        if target is not None:
            services.citatie_create(
                sectie=secties[index], user=user, target=target, toelichting=toelichting
            )


@transaction.atomic
def load() -> dict[str, int]:
    created = {"bronnen": 0, "documenten": 0}
    pb = _user("procesbegeleider@koersbekenners.demo")
    for data in BRONNEN:
        if not Bron.objects.filter(title=data["title"]).exists():
            services.bron_create(user=pb, **data)
            created["bronnen"] += 1
    if VisieDocument.objects.filter(slug=SLUG).exists():
        return created
    orgs = {o.slug: o for o in Organisation.objects.all()}
    document = services.document_create(
        user=pb,
        title="Visie Buurtaanpak Alblasserdam",
        summary="Gezamenlijke visie en samenwerkingsafspraken van de partners.",
    )
    document.slug = SLUG
    document.save(update_fields=["slug"])
    secties = [
        services.sectie_create(
            user=pb, document=document, title=t, penvoerder=orgs[slug], text=text
        )
        for t, slug, text in SECTIES
    ]
    coalitie, programma, onderzoek = (
        Bron.objects.get(title=b["title"]) for b in BRONNEN
    )
    services.citatie_create(
        sectie=secties[0],
        user=pb,
        target=coalitie,
        toelichting="Citaat over de Buurtaanpak als instrument.",
    )
    services.citatie_create(sectie=secties[0], user=pb, target=programma)
    services.citatie_create(
        sectie=secties[2],
        user=pb,
        target=onderzoek,
        toelichting="Rollen en verantwoordelijkheden volgen het 213a-onderzoek.",
    )
    _cite_scan_findings(pb, secties)
    for title, rollen, contact, uren, budget, deadline in AFSPRAKEN:
        services.afspraak_save(
            document=document,
            user=pb,
            title=title,
            rollen={orgs[s]: letter for s, letter in rollen.items()},
            contactpersoon=_user(contact),
            uren=uren,
            budget=budget,
            deadline=deadline,
        )
    versie1 = services.versie_release(
        document=document, user=pb, note="Eerste versie na de partnersessie in april"
    )
    services.ondertekening_create(
        versie=versie1,
        user=_user("coordinator@woonkracht10.demo"),
        organisation=orgs["woonkracht10"],
        besluit=Ondertekening.Besluit.AKKOORD,
    )
    sanne = _user("medewerker@woonkracht10.demo")
    services.opmerking_create(
        sectie=secties[1],
        user=sanne,
        text="Kunnen we ‘prettig wonen’ meetbaar maken met de scanindicatoren?",
        rubricering=Rubricering.PARTNERS,
        quote="Prettig wonen in elke buurt van Alblasserdam",
    )
    fatima = _user("medewerker@welzijn.demo")
    vraag = services.opmerking_create(
        sectie=secties[3],
        user=fatima,
        text="@politie: nemen jullie de jongerenwerkers mee in het hot-group-overleg?",
        rubricering=Rubricering.PARTNERS,
    )
    services.opmerking_create(
        sectie=secties[3],
        user=_user("wijkagent@politie.demo"),
        text="Ja, vanaf het volgende overleg schuift het jongerenwerk aan.",
        rubricering=Rubricering.PARTNERS,
        parent=vraag,
    )
    services.opmerking_resolve(opmerking=vraag, user=fatima)
    services.opmerking_create(
        sectie=secties[5],
        user=_user("coordinator@welzijn.demo"),
        text="Intern: onze inzet in uren moet nog door het bestuur.",
        rubricering=Rubricering.ORGANISATIE,
    )
    services.sectie_save(
        sectie=secties[1],
        user=sanne,
        text=secties[1].text
        + "- Meetbaar: we volgen de leefbaarheidsindex per buurt\n",
        message="Meetbaarheid toegevoegd na opmerking",
        base_revisie_id=secties[1].current_revisie_id,
    )
    versie2 = services.versie_release(
        document=document, user=pb, note="Versie voor de consultatieronde in juni"
    )
    services.ondertekening_create(
        versie=versie2,
        user=_user("coordinator@welzijn.demo"),
        organisation=orgs["welzijn"],
        besluit=Ondertekening.Besluit.VOORBEHOUD,
        voorbehoud="Onder voorbehoud van instemming van ons bestuur met de uren.",
    )
    services.ondertekening_create(
        versie=versie2,
        user=_user("coordinator@politie.demo"),
        organisation=orgs["politie"],
        besluit=Ondertekening.Besluit.AKKOORD,
    )
    services.opmerking_create(
        sectie=secties[5],
        versie=versie2,
        user=_user("raadslid1@alblasserdam.demo"),
        text=(
            "Hoe rapporteren de partners aan de raad over de besteding van het budget?"
        ),
        rubricering=Rubricering.OPENBAAR,
    )
    created["documenten"] += 1
    return created

"""Demo sessions of the Buurtaanpak traject (idempotent: keyed by title).

The traject itself is fixed in 2026 (participation March–July, the visie to the
raad after the summer); the upcoming sessions are placed relative to today so
the demo always has something ahead.
"""

import secrets
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from core.audit.services import Action, record
from core.policy import Rubricering
from partners.models import Organisation, User
from sessies.models import (
    Agendapunt,
    Amendement,
    Antwoord,
    Mijlpaal,
    Opbrengst,
    Sessie,
    Uitnodiging,
    Verslag,
    Zaal,
)

AMS = ZoneInfo("Europe/Amsterdam")
Soort = Sessie.Soort
GEMEENTEHUIS = "Gemeentehuis Alblasserdam"

#: The rooms of the gemeentehuis that sessions book (name, seats).
ZALEN = [("Raadzaal", 60), ("Commissiekamer", 20), ("Trouwzaal", 30)]

#: Residents who signed up on the public page of the demo bewonersavond.
BEWONERS = [
    ("Anja de Graaf", "anja.degraaf@example.org", Antwoord.AANMELDEN),
    ("Kees Verhoef", "kees.verhoef@example.org", Antwoord.AANMELDEN),
    ("Samira El Idrissi", "samira.elidrissi@example.org", Antwoord.AANMELDEN),
    ("Jolanda Kruithof", "jolanda.kruithof@example.org", Antwoord.MISSCHIEN),
    # Signed up, but did not click the link in the mail yet: no place.
    ("Bram Tukker", "bram.tukker@example.org", Antwoord.OPEN),
]

MIJLPALEN = [
    (
        "Participatietraject met Koersbekenners",
        "Bewoners, partners en raad denken in sessies mee over de visie.",
        date(2026, 3, 1),
        date(2026, 7, 15),
    ),
    (
        "Conceptvisie gereed",
        "Koersbekenners voegt de opbrengsten van de sessies samen.",
        date(2026, 7, 15),
        None,
    ),
    (
        "Visie naar de gemeenteraad",
        "Na het zomerreces: beeldvorming, oordeelsvorming en besluitvorming.",
        date(2026, 9, 24),
        None,
    ),
    (
        "Samenwerkingsafspraken ondertekend",
        "Iedere partner tekent voor zijn rol en inzet.",
        date(2027, 1, 21),
        None,
    ),
]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=AMS)


def _ahead(days: int, hour: int, minute: int = 0) -> datetime:
    """About `days` from today, moved on to a working day (Tuesday–Thursday)."""
    day = timezone.localdate() + timedelta(days=days)
    while day.weekday() not in (1, 2, 3):
        day += timedelta(days=1)
    return _at(day, hour, minute)


def _sessie(title, soort, start, hours, organiser, organisation, **fields):
    existing = Sessie.objects.filter(title=title).first()
    if existing:
        return existing, False
    start_utc = start.astimezone(ZoneInfo("UTC"))
    sessie = Sessie(
        title=title,
        soort=soort,
        start=start_utc,
        end=start_utc + timedelta(hours=hours),
        organiser=organiser,
        organisation=organisation,
        **fields,
    )
    sessie.full_clean()
    sessie.save()
    return sessie, True


def _agenda(sessie, items, parent=None):
    """Items as (title, minutes, presenter) or with a list of sub-items."""
    for order, (title, minutes, presenter, *subs) in enumerate(items, start=1):
        item = Agendapunt.objects.create(
            sessie=sessie,
            parent=parent,
            order=order,
            title=title,
            duration_minutes=minutes,
            presenter=presenter,
        )
        if subs:
            _agenda(sessie, subs[0], parent=item)


def _zalen() -> dict[str, Zaal]:
    zalen = {}
    for name, seats in ZALEN:
        zalen[name], _new = Zaal.objects.get_or_create(
            name=name,
            building=GEMEENTEHUIS,
            defaults={"capacity": seats, "address": "Cortgene 2, Alblasserdam"},
        )
    return zalen


def _invite(sessie, by, user=None, *, email="", name="", **fields):
    Uitnodiging.objects.create(
        sessie=sessie,
        user=user,
        email=user.email if user else email,
        name=user.get_full_name() if user else name,
        invited_by=by,
        answered_at=timezone.now() if fields.get("antwoord") else None,
        **fields,
    )


@transaction.atomic
def load() -> dict[str, int]:
    created = {"mijlpalen": 0, "sessies": 0}
    zalen = _zalen()
    for title, description, start, end in MIJLPALEN:
        _m, was_created = Mijlpaal.objects.get_or_create(
            title=title,
            defaults={"description": description, "start_date": start, "end_date": end},
        )
        created["mijlpalen"] += was_created

    users = {u.email: u for u in User.objects.all()}
    orgs = {o.slug: o for o in Organisation.objects.all()}
    needed = [
        "griffier@alblasserdam.demo",
        "procesbegeleider@koersbekenners.demo",
        "coordinator@woonkracht10.demo",
    ]
    if not all(e in users for e in needed):
        return created  # the partners demo has not been loaded
    griffier = users["griffier@alblasserdam.demo"]
    eva = users["procesbegeleider@koersbekenners.demo"]
    peter = users["coordinator@woonkracht10.demo"]
    raad = [users[f"raadslid{i}@alblasserdam.demo"] for i in (1, 2, 3)]
    A = Antwoord

    # Past: participation in spring, a raad session with final minutes.
    s, new = _sessie(
        "Participatiesessie Kinderdijk: wat maakt de buurt leefbaar?",
        Soort.PARTICIPATIESESSIE,
        _at(date(2026, 3, 18), 19, 30),
        2,
        eva,
        orgs["koersbekenners"],
        location="Wijkgebouw, Kinderdijk",
        description="Eerste sessie van het participatietraject. Bewoners en "
        "partners vertellen wat goed gaat en wat beter kan in de buurt.",
        capacity=40,
        status=Sessie.Status.AFGEROND,
    )
    if new:
        created["sessies"] += 1
        _agenda(
            s,
            [
                ("Welkom en doel van de avond", 15, "Eva Koers"),
                ("Rondetafelgesprekken per thema", 75, "Koersbekenners"),
                ("Terugkoppeling en vervolg", 30, "Eva Koers"),
            ],
        )
        _invite(
            s,
            eva,
            users["medewerker@woonkracht10.demo"],
            antwoord=A.AANMELDEN,
            aanwezig=True,
        )
        _invite(
            s,
            eva,
            users["medewerker@welzijn.demo"],
            antwoord=A.AANMELDEN,
            aanwezig=True,
        )
        _invite(
            s,
            eva,
            email="bewonerscommissie.kdw@example.org",
            name="Bewonerscommissie Kinderdijk",
            antwoord=A.AANMELDEN,
            aanwezig=True,
        )

    s, new = _sessie(
        "Raadswerksessie: beeldvorming Buurtaanpak",
        Soort.RAADSWERKSESSIE,
        _at(date(2026, 6, 9), 19, 30),
        2,
        griffier,
        orgs["griffie"],
        bob_fase="beeldvorming",
        zaal=zalen["Raadzaal"],
        online_url="https://alblasserdam.raadsinformatie.example/live",
        description="De raad laat zich informeren over de opbrengsten van het "
        "participatietraject en de eerste gebiedsscans.",
        openbaar=True,
        status=Sessie.Status.AFGEROND,
    )
    if new:
        created["sessies"] += 1
        _agenda(
            s,
            [
                ("Opening door de voorzitter", 5, "Griffie"),
                ("Presentatie opbrengsten participatie", 40, "Koersbekenners"),
                ("Gebiedsscans: eerste beeld per buurt", 35, "Team Veiligheid"),
                ("Vragen van de raad", 35, ""),
                ("Afsluiting en vervolgproces", 5, "Griffie"),
            ],
        )
        for member, present in zip(raad, (True, True, False), strict=True):
            _invite(
                s,
                griffier,
                member,
                antwoord=A.AANMELDEN if present else A.AFMELDEN,
                aanwezig=present,
            )
        verslag = Verslag.objects.create(
            sessie=s,
            text="De raad is geïnformeerd over de opbrengsten van vier "
            "participatiesessies. Raadsleden vroegen naar de rol van de "
            "jongerenwerkers en naar de spreiding van de inzet over de buurten.\n\n"
            "Afgesproken is dat de conceptvisie na het zomerreces in "
            "oordeelsvorming komt.\n\n"
            "Ook de bereikbaarheid van de wijkagent is besproken.",
            rubricering=Rubricering.OPENBAAR,
            concept_gedeeld_at=_at(date(2026, 6, 12), 9),
            status=Verslag.Status.DEFINITIEF,
            finalised_at=_at(date(2026, 6, 23), 10),
            finalised_by=griffier,
        )
        Amendement.objects.create(
            verslag=verslag,
            author=raad[0],
            text="Ook de bereikbaarheid van de wijkagent is besproken.",
            toelichting="Dit punt ontbreekt in het concept.",
            status=Amendement.Status.VERWERKT,
            decided_at=_at(date(2026, 6, 19), 11),
            decided_by=griffier,
        )
        for title, description, rubricering in [
            (
                "Jongeren eerder betrekken",
                "Jongerenwerk en Woonkracht10 organiseren samen ontmoetingsplekken.",
                Rubricering.OPENBAAR,
            ),
            (
                "Eén aanspreekpunt per buurt",
                "Partners werken met een vast buurtteam als aanspreekpunt.",
                Rubricering.OPENBAAR,
            ),
            (
                "Signalen eerder delen",
                "Partners delen signalen over overlast binnen twee weken.",
                Rubricering.PARTNERS,
            ),
        ]:
            Opbrengst.objects.create(
                sessie=s,
                title=title,
                description=description,
                rubricering=rubricering,
                created_by=griffier,
            )

    s, new = _sessie(
        "Partneroverleg veiligheid en woonoverlast",
        Soort.PARTNEROVERLEG,
        _at(date(2026, 10, 6), 10),
        1.5,
        peter,
        orgs["woonkracht10"],
        location="Kantoor Woonkracht10",
    )
    if new:
        created["sessies"] += 1
        _agenda(
            s, [("Casuïstiek woonoverlast", 60, "Peter Bakker"), ("Afspraken", 30, "")]
        )
        _invite(
            s,
            peter,
            users["wijkagent@politie.demo"],
            organisation=orgs["politie"],
            antwoord=A.AANMELDEN,
            aanwezig=True,
        )
        _invite(
            s,
            peter,
            users["coordinator@welzijn.demo"],
            organisation=orgs["welzijn"],
            antwoord=A.AANMELDEN,
            aanwezig=True,
        )
        # A draft shared with those present, with an amendment still to handle.
        verslag = Verslag.objects.create(
            sessie=s,
            text="Drie casussen van woonoverlast zijn besproken. De politie "
            "neemt contact op met de bewoners van de Kerkstraat.\n\n"
            "Afgesproken is dat Woonkracht10 de buurtbemiddeling inschakelt.",
            rubricering=Rubricering.PARTNERS,
            concept_gedeeld_at=_at(date(2026, 10, 8), 9),
        )
        Amendement.objects.create(
            verslag=verslag,
            author=users["coordinator@welzijn.demo"],
            passage="Woonkracht10 de buurtbemiddeling inschakelt",
            text="Woonkracht10 samen met Stichting Welzijn de buurtbemiddeling "
            "inschakelt",
            toelichting="Welzijn levert de bemiddelaars.",
        )

    # Upcoming.
    s, new = _sessie(
        "Raadswerksessie: oordeelsvorming visie Buurtaanpak",
        Soort.RAADSWERKSESSIE,
        _ahead(14, 19, 30),
        2,
        griffier,
        orgs["griffie"],
        bob_fase="oordeelsvorming",
        zaal=zalen["Raadzaal"],
        description="De raad bespreekt de conceptvisie en de samenwerkingsafspraken.",
        capacity=25,
        openbaar=True,
    )
    if new:
        created["sessies"] += 1
        _agenda(
            s,
            [
                ("Opening", 5, "Griffie"),
                ("Toelichting conceptvisie", 30, "Koersbekenners"),
                (
                    "Reactie van de partners",
                    30,
                    "",
                    [
                        ("Woonkracht10", 10, "Peter Bakker"),
                        ("Stichting Welzijn Alblasserdam", 10, ""),
                        ("Politie", 10, "Wijkagent"),
                    ],
                ),
                (
                    "Debat",
                    45,
                    "",
                    [
                        ("Eerste termijn van de fracties", 25, ""),
                        ("Tweede termijn", 20, ""),
                    ],
                ),
                ("Vervolg naar besluitvorming", 10, "Griffie"),
            ],
        )
        for member, answer, note in zip(
            raad,
            (A.AANMELDEN, A.MISSCHIEN, A.AFMELDEN),
            ("", "Afhankelijk van commissievergadering.", "Op vakantie."),
            strict=True,
        ):
            _invite(s, griffier, member, antwoord=answer, note=note)
        _invite(s, griffier, peter, organisation=orgs["woonkracht10"])
        _invite(
            s,
            griffier,
            email="voorzitter@ondernemersvereniging.example",
            name="Ondernemersvereniging Alblasserdam",
        )

    s, new = _sessie(
        "Participatiesessie samenwerkingsafspraken",
        Soort.PARTICIPATIESESSIE,
        _ahead(21, 15),
        2,
        eva,
        orgs["koersbekenners"],
        location="Bibliotheek Alblasserdam",
        online_url="https://meet.example/buurtaanpak-afspraken",
        description="Partners maken de rolverdeling (RACI) per afspraak concreet.",
        capacity=3,
    )
    if new:
        created["sessies"] += 1
        _agenda(
            s,
            [
                ("Rollen per afspraak", 60, "Eva Koers"),
                ("Inzet per partner", 45, ""),
                ("Afronding", 15, ""),
            ],
        )
        _invite(
            s,
            eva,
            users["coordinator@welzijn.demo"],
            organisation=orgs["welzijn"],
            antwoord=A.AANMELDEN,
        )
        _invite(
            s,
            eva,
            users["coordinator@politie.demo"],
            organisation=orgs["politie"],
            antwoord=A.AANMELDEN,
        )
        _invite(
            s,
            eva,
            users["coordinator@buitenruimte.demo"],
            organisation=orgs["buitenruimte"],
            antwoord=A.AANMELDEN,
        )
        _invite(
            s,
            eva,
            users["coordinator@veiligheid.demo"],
            organisation=orgs["veiligheid"],
            antwoord=A.AANMELDEN,
            wachtlijst_sinds=timezone.now(),
        )
        _invite(
            s,
            eva,
            users["medewerker@ruimtelijke-ontwikkeling.demo"],
            organisation=orgs["ruimtelijke-ontwikkeling"],
        )

    s, new = _sessie(
        "Partneroverleg straatcluster Kerkstraat",
        Soort.PARTNEROVERLEG,
        _ahead(10, 9, 30),
        1,
        peter,
        orgs["woonkracht10"],
        zaal=zalen["Commissiekamer"],
    )
    if new:
        created["sessies"] += 1
        # Cancelled because the room seemed taken, restored the next day:
        # SEQUENCE 2, and both steps on the audit trail.
        s.sequence = 2
        s.save(update_fields=["sequence"])
        record(
            actor=peter,
            action=Action.CHANGE,
            obj=s,
            label=f"geannuleerd: {s.title}",
            details={"reden": "De Commissiekamer leek bezet.", "sequence": 1},
        )
        record(
            actor=peter,
            action=Action.CHANGE,
            obj=s,
            label=f"hersteld: {s.title}",
            details={
                "was_geannuleerd_om": "De Commissiekamer leek bezet.",
                "sequence": 2,
            },
        )
        _agenda(
            s,
            [
                ("Signalen van de afgelopen maand", 30, "Sanne de Vries"),
                ("Acties", 30, ""),
            ],
        )
        _invite(
            s,
            peter,
            users["medewerker@woonkracht10.demo"],
            organisation=orgs["woonkracht10"],
            antwoord=A.AANMELDEN,
        )
        _invite(
            s,
            peter,
            users["medewerker@buitenruimte.demo"],
            organisation=orgs["buitenruimte"],
            antwoord=A.MISSCHIEN,
        )

    s, new = _sessie(
        "Raadswerksessie: werkbezoek Kinderdijk",
        Soort.RAADSWERKSESSIE,
        _ahead(30, 16),
        2,
        griffier,
        orgs["griffie"],
        bob_fase="beeldvorming",
        location="Verzamelen bij het Wijkgebouw, Kinderdijk",
        openbaar=True,
        status=Sessie.Status.GEANNULEERD,
        cancel_reason="Valt samen met de begrotingsbehandeling; een nieuwe datum "
        "volgt.",
        cancelled_at=timezone.now(),
        description="De raad bezoekt Kinderdijk met de wijkagent en Woonkracht10.",
    )
    if new:
        created["sessies"] += 1
        s.sequence = 1
        s.save(update_fields=["sequence"])
        _invite(s, griffier, raad[0], antwoord=A.AANMELDEN)

    s, new = _sessie(
        "Bewonersavond Souburgh: samen de buurt veiliger",
        Soort.PARTICIPATIESESSIE,
        _ahead(18, 19, 30),
        2,
        eva,
        orgs["koersbekenners"],
        zaal=zalen["Trouwzaal"],
        description="Bewoners van Souburgh praten mee over veiligheid en "
        "leefbaarheid in hun buurt. Aanmelden kan zonder account.",
        capacity=4,
        publieke_aanmelding=True,
        aanmeldcode=secrets.token_urlsafe(16),
    )
    if new:
        created["sessies"] += 1
        _agenda(
            s,
            [
                ("Welkom", 10, "Eva Koers"),
                (
                    "Gesprekken aan tafel",
                    90,
                    "Koersbekenners",
                    [
                        ("Veilig over straat", 45, ""),
                        ("Ontmoeten in de buurt", 45, ""),
                    ],
                ),
                ("Wat nemen we mee?", 20, "Eva Koers"),
            ],
        )
        for name, email, antwoord in BEWONERS:
            _invite(s, None, email=email, name=name, antwoord=antwoord, publiek=True)
        # The fifth who confirmed found the evening full: waiting list.
        _invite(
            s,
            None,
            email="wim.boer@example.org",
            name="Wim Boer",
            antwoord=A.AANMELDEN,
            publiek=True,
            wachtlijst_sinds=timezone.now(),
        )
    _past_sign_ups_removed()
    _link_to_visie_and_scans()
    return created


def _past_sign_ups_removed() -> None:
    """Residents of the spring session: their details went after a week."""
    sessie = Sessie.objects.filter(
        title="Participatiesessie Kinderdijk: wat maakt de buurt leefbaar?"
    ).first()
    if sessie is None or sessie.uitnodigingen.filter(publiek=True).exists():
        return
    for n in (1, 2):
        uitnodiging = Uitnodiging.objects.create(
            sessie=sessie,
            email=f"bewoner{n}@example.org",
            antwoord=Antwoord.AANMELDEN,
            aanwezig=True,
            publiek=True,
        )
        uitnodiging.email = f"verwijderd-{uitnodiging.pk}@bewaartermijn.invalid"
        uitnodiging.gegevens_gewist_at = sessie.end + timedelta(days=8)
        uitnodiging.save(update_fields=["email", "gegevens_gewist_at"])


def _link_to_visie_and_scans() -> None:
    """Point demo sessions at the demo visie and scans, where those exist.

    Only empty links are filled, so running the demo twice changes nothing.
    """
    from scans.models import Gebied, Gebiedsscan
    from visie.models import Sectie, Versie

    buurten = {g.name: g for g in Gebied.objects.buurten()}
    for title, names in [
        ("Participatiesessie Kinderdijk: wat maakt de buurt leefbaar?", ["Kinderdijk"]),
        ("Raadswerksessie: beeldvorming Buurtaanpak", ["Kinderdijk", "Souburgh"]),
        ("Raadswerksessie: werkbezoek Kinderdijk", ["Kinderdijk"]),
    ]:
        sessie = Sessie.objects.filter(title=title).first()
        wanted = [buurten[n] for n in names if n in buurten]
        if sessie and wanted and not sessie.buurten.exists():
            sessie.buurten.set(wanted)

    scan = (
        Gebiedsscan.objects.filter(gebied__name="Kinderdijk")
        .order_by("-ronde__peildatum", "-versie")
        .first()
        if "Kinderdijk" in buurten
        else None
    )
    versie = Versie.objects.order_by("-number").first()
    for title, field, target in [
        ("Gebiedsscans: eerste beeld per buurt", "gebiedsscan", scan),
        ("Toelichting conceptvisie", "visie_versie", versie),
    ]:
        if target is not None:
            Agendapunt.objects.filter(title=title, **{f"{field}__isnull": True}).update(
                **{field: target}
            )

    secties = {s.title: s for s in Sectie.objects.all()}
    for opbrengst_title, sectie_title in [
        ("Jongeren eerder betrekken", "Slimme schakels in de buurt"),
        ("Eén aanspreekpunt per buurt", "Slimme schakels in de buurt"),
        ("Signalen eerder delen", "Veiligheid en vroegsignalering"),
    ]:
        opbrengst = Opbrengst.objects.filter(title=opbrengst_title).first()
        sectie = secties.get(sectie_title)
        if opbrengst and sectie and not opbrengst.visie_secties.exists():
            opbrengst.visie_secties.add(sectie)

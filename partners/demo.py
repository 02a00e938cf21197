"""Demo organisations and one account per role (embedded mode only)."""

from django.db import transaction

from partners.models import Membership, Organisation, Role, User
from partners.services import account_email_verified

DEMO_PASSWORD = "Buurtaanpak-demo-2026"

ORGANISATIONS = [
    ("Woonkracht10", "woonkracht10", Organisation.Kind.PARTNER, False),
    (
        "Stichting Welzijn Alblasserdam",
        "welzijn",
        Organisation.Kind.PARTNER,
        False,
    ),
    ("Politie", "politie", Organisation.Kind.PARTNER, True),
    ("Team Buitenruimte", "buitenruimte", Organisation.Kind.GEMEENTETEAM, False),
    (
        "Team Ruimtelijke Ontwikkeling",
        "ruimtelijke-ontwikkeling",
        Organisation.Kind.GEMEENTETEAM,
        False,
    ),
    ("Team Veiligheid", "veiligheid", Organisation.Kind.GEMEENTETEAM, False),
    ("Koersbekenners", "koersbekenners", Organisation.Kind.PROCESBEGELEIDER, False),
    ("Griffie", "griffie", Organisation.Kind.GRIFFIE, False),
    ("Gemeenteraad", "gemeenteraad", Organisation.Kind.RAAD, False),
    ("Functioneel beheer", "beheer", Organisation.Kind.BEHEER, False),
]

#: (e-mail, name, organisation slug, role)
USERS = [
    ("medewerker@woonkracht10.demo", "Sanne de Vries", "woonkracht10", Role.MEDEWERKER),
    ("coordinator@woonkracht10.demo", "Peter Bakker", "woonkracht10", Role.COORDINATOR),
    ("medewerker@welzijn.demo", "Fatima El Amrani", "welzijn", Role.MEDEWERKER),
    ("coordinator@welzijn.demo", "Johan Visser", "welzijn", Role.COORDINATOR),
    ("wijkagent@politie.demo", "Mark Jansen", "politie", Role.MEDEWERKER),
    ("coordinator@politie.demo", "Ingrid Smit", "politie", Role.COORDINATOR),
    ("medewerker@buitenruimte.demo", "Kees van Dam", "buitenruimte", Role.MEDEWERKER),
    (
        "coordinator@buitenruimte.demo",
        "Anouk Mulder",
        "buitenruimte",
        Role.COORDINATOR,
    ),
    (
        "medewerker@ruimtelijke-ontwikkeling.demo",
        "Ruben de Graaf",
        "ruimtelijke-ontwikkeling",
        Role.MEDEWERKER,
    ),
    ("coordinator@veiligheid.demo", "Lotte Bos", "veiligheid", Role.COORDINATOR),
    (
        "procesbegeleider@koersbekenners.demo",
        "Eva Koers",
        "koersbekenners",
        Role.PROCESBEGELEIDER,
    ),
    ("griffier@alblasserdam.demo", "Willem de Griffier", "griffie", Role.GRIFFIER),
    (
        "raadslid1@alblasserdam.demo",
        "Marieke van Leeuwen",
        "gemeenteraad",
        Role.RAADSLID,
    ),
    ("raadslid2@alblasserdam.demo", "Ahmed Yilmaz", "gemeenteraad", Role.RAADSLID),
    ("raadslid3@alblasserdam.demo", "Greet Hoogendoorn", "gemeenteraad", Role.RAADSLID),
    ("beheerder@alblasserdam.demo", "Bas Beheer", "beheer", Role.BEHEERDER),
]


def load_organisations() -> int:
    created = 0
    for name, slug, kind, requires_mfa in ORGANISATIONS:
        _org, was_created = Organisation.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "kind": kind, "requires_mfa": requires_mfa},
        )
        created += was_created
    return created


@transaction.atomic
def load() -> dict[str, int]:
    created = {"organisations": load_organisations(), "users": 0}
    orgs = {o.slug: o for o in Organisation.objects.all()}
    for email, full_name, slug, role in USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=DEMO_PASSWORD, full_name=full_name
            )
            created["users"] += 1
        Membership.objects.get_or_create(
            user=user, organisation=orgs[slug], defaults={"role": role}
        )
        account_email_verified(user=user)
    return created

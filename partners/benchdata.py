"""Benchmark accounts: the partners' share of `build_bench_data`."""

import random

from allauth.mfa.totp.internal.auth import TOTP

from partners.demo import ORGANISATIONS, load_organisations
from partners.models import Membership, Organisation, Role, User

#: The share of the 200 benchmark users per (organisation slug, role).
MIX = [
    ("woonkracht10", Role.MEDEWERKER, 40),
    ("woonkracht10", Role.COORDINATOR, 4),
    ("welzijn", Role.MEDEWERKER, 30),
    ("welzijn", Role.COORDINATOR, 3),
    ("politie", Role.MEDEWERKER, 20),
    ("buitenruimte", Role.MEDEWERKER, 25),
    ("ruimtelijke-ontwikkeling", Role.MEDEWERKER, 20),
    ("veiligheid", Role.MEDEWERKER, 20),
    ("koersbekenners", Role.PROCESBEGELEIDER, 4),
    ("griffie", Role.GRIFFIER, 5),
    ("gemeenteraad", Role.RAADSLID, 27),
    ("beheer", Role.BEHEERDER, 2),
]
#: Shared by every benchmark account that needs TOTP; benchmark data only.
BENCH_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def build(*, scale: int, rng: random.Random) -> dict:
    load_organisations()
    orgs = {o.slug: o for o in Organisation.objects.all()}
    assert len(orgs) >= len(ORGANISATIONS)
    users, memberships = [], []
    for slug, role, count in MIX:
        for i in range(count * scale):
            users.append(
                User(
                    email=f"bench-{slug}-{role}-{i}@bench.test",
                    full_name=f"Bench {slug} {role} {i}",
                    password="!",  # unusable: benchmark users sign in by session
                )
            )
            memberships.append((slug, role))
    created = User.objects.bulk_create(users, batch_size=1000)
    Membership.objects.bulk_create(
        [
            Membership(user=user, organisation=orgs[slug], role=role)
            for user, (slug, role) in zip(created, memberships, strict=True)
        ],
        batch_size=1000,
    )
    needs_mfa = [
        u
        for u, (slug, role) in zip(created, memberships, strict=True)
        if role in {Role.GRIFFIER, Role.BEHEERDER} or orgs[slug].requires_mfa
    ]
    for user in needs_mfa:
        TOTP.activate(user, BENCH_TOTP_SECRET)
    return {"users": len(created), "urls": {"partners": ["/partners/"]}}

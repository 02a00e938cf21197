"""Benchmark sessies: 50 per scale, each with its invitations."""

import random
from datetime import timedelta

from django.utils import timezone

from partners.models import Organisation, User
from sessies.models import Sessie, Uitnodiging

SESSIES, INVITED = 50, 12


def build(*, scale: int, rng: random.Random) -> dict:
    users = list(User.objects.filter(email__startswith="bench-").order_by("pk"))
    griffie = Organisation.objects.get(slug="griffie")
    organisers = [u for u in users if "-griffie-" in u.email]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    starts = [
        now + timedelta(days=rng.randrange(-365, 180), hours=2)
        for _i in range(SESSIES * scale)
    ]
    sessies = Sessie.objects.bulk_create(
        Sessie(
            title=f"Sessie {i + 1}: buurtaanpak",
            soort=Sessie.Soort.values[i % len(Sessie.Soort.values)],
            start=start,
            end=start + timedelta(hours=2),
            location="Raadhuis Alblasserdam",
            status=Sessie.Status.GEPLAND,
            organiser=rng.choice(organisers),
            organisation=griffie,
        )
        for i, start in enumerate(starts)
    )
    invitations = Uitnodiging.objects.bulk_create(
        (
            Uitnodiging(sessie=sessie, user=user, email=user.email, name=user.full_name)
            for sessie in sessies
            for user in rng.sample(users, INVITED)
        ),
        batch_size=5000,
    )
    return {
        "sessies": len(sessies),
        "uitnodigingen": len(invitations),
        "urls": {"sessies": ["/sessies/"]},
    }

"""Benchmark visie: one document with sections, each with a revision history."""

import random

from partners.models import Organisation, User
from visie.models import Revisie, Sectie, VisieDocument

SECTIES, REVISIES = 12, 5


def build(*, scale: int, rng: random.Random) -> dict:
    orgs = list(Organisation.objects.order_by("slug"))
    authors = list(User.objects.filter(email__startswith="bench-")[:20])
    document = VisieDocument.objects.create(
        title="Visie Buurtaanpak Alblasserdam",
        slug="visie-buurtaanpak",
        summary="Gezamenlijke visie en samenwerkingsafspraken van de partners.",
        status=VisieDocument.Status.CONSULTATIE,
    )
    secties = Sectie.objects.bulk_create(
        Sectie(
            document=document,
            position=i + 1,
            title=f"Hoofdstuk {i + 1}",
            penvoerder=orgs[i % len(orgs)],
        )
        for i in range(SECTIES)
    )
    revisies = Revisie.objects.bulk_create(
        Revisie(
            sectie=sectie,
            number=n + 1,
            text=" ".join(
                f"Alinea {p + 1} van versie {n + 1}: de partners werken samen "
                "aan veilige en leefbare buurten." * 3
                for p in range(4 * scale)
            ),
            message=f"Versie {n + 1}",
            author=rng.choice(authors),
            organisation=sectie.penvoerder,
        )
        for sectie in secties
        for n in range(REVISIES)
    )
    for sectie in secties:
        sectie.current_revisie = max(
            (r for r in revisies if r.sectie_id == sectie.pk), key=lambda r: r.number
        )
    Sectie.objects.bulk_update(secties, ["current_revisie"])
    return {
        "secties": len(secties),
        "revisies": len(revisies),
        # The raad reads released versions only, so the shared flow uses the index.
        "urls": {"visie": ["/visie/"]},
    }

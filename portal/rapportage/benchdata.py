"""Benchmark reports: 100 per scale. The load test only lists them, so most are
marked ready without rendering a PDF (rendering is measured by benchmarks.reports)."""

import random

from django.utils import timezone

from partners.models import User
from portal.rapportage.models import Audience, Rapport

RAPPORTEN = 100


def build(*, scale: int, rng: random.Random) -> dict:
    requesters = list(User.objects.filter(email__startswith="bench-griffie-"))
    now = timezone.now()
    kinds = [
        ("voortgang", Audience.RAAD),
        ("gebiedsscan", Audience.RAAD),
        ("gebiedsscan", Audience.PARTNERS),
        ("visie", Audience.RAAD),
    ]
    rapporten = []
    for i in range(RAPPORTEN * scale):
        kind, audience = kinds[i % len(kinds)]
        ready = i % 10 != 0
        rapporten.append(
            Rapport(
                kind=kind,
                title=f"Rapport {i + 1}: {kind}",
                audience=audience,
                status=Rapport.Status.KLAAR if ready else Rapport.Status.WACHTRIJ,
                requested_by=rng.choice(requesters),
                finished_at=now if ready else None,
                published_at=now if ready and i % 3 else None,
                page_count=4 if ready else None,
            )
        )
    Rapport.objects.bulk_create(rapporten, batch_size=2000)
    return {"rapporten": len(rapporten), "urls": {"rapporten": ["/rapporten/"]}}

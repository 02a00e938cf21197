"""Sessions built directly, so tests can also place them in the past."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from sessies.models import Sessie, Uitnodiging

AMS = ZoneInfo("Europe/Amsterdam")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=AMS)


def make_sessie(
    organiser,
    organisation,
    *,
    soort=Sessie.Soort.RAADSWERKSESSIE,
    start=None,
    hours=2,
    **fields,
) -> Sessie:
    # Arithmetic on a Europe/Amsterdam datetime is wall-clock arithmetic;
    # in UTC "two hours later" stays two real hours across a DST change.
    start = (start or timezone.now() + timedelta(days=7)).astimezone(UTC)
    if soort == Sessie.Soort.RAADSWERKSESSIE:
        fields.setdefault("bob_fase", "beeldvorming")
    fields.setdefault("title", "Raadswerksessie Buurtaanpak")
    return Sessie.objects.create(
        soort=soort,
        start=start,
        end=start + timedelta(hours=hours),
        organiser=organiser,
        organisation=organisation,
        **fields,
    )


def invite(sessie, user=None, *, email="", **fields) -> Uitnodiging:
    return Uitnodiging.objects.create(
        sessie=sessie,
        user=user,
        email=user.email if user else email,
        name=user.get_full_name() if user else "",
        **fields,
    )

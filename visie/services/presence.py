"""Who has a section's edit page open: short-lived entries in the cache.

The edit page beats every HEARTBEAT_SECONDS; an entry not renewed within
PRESENCE_SECONDS is gone. The cache is shared by all web processes (Redis in
production), so everyone sees the same list. Concurrent beats may overwrite
each other's entry for one interval; the next beat restores it.
"""

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from partners.models import User
from visie import permissions
from visie.models import Sectie

HEARTBEAT_SECONDS = 20
PRESENCE_SECONDS = 60


@dataclass(frozen=True)
class Presence:
    user_id: int
    name: str
    organisation: str
    since: datetime


def _key(sectie: Sectie) -> str:
    return f"visie:presence:{sectie.pk}"


def _live(entries: dict, now: float) -> dict:
    return {
        user_id: entry
        for user_id, entry in entries.items()
        if now - entry["seen"] < PRESENCE_SECONDS
    }


def _others(entries: dict, user: User) -> list[Presence]:
    return sorted(
        (
            Presence(
                user_id=user_id,
                name=entry["name"],
                organisation=entry["organisation"],
                since=datetime.fromtimestamp(entry["since"], tz=UTC),
            )
            for user_id, entry in entries.items()
            if user_id != user.pk
        ),
        key=lambda p: p.since,
    )


def presence_beat(*, sectie: Sectie, user: User) -> list[Presence]:
    """Note that user has the section open; return the others who have it open."""
    if not permissions.can_edit_sectie(user, sectie):
        raise PermissionDenied
    now = time.time()
    entries = _live(cache.get(_key(sectie)) or {}, now)
    own = entries.get(user.pk)
    organisation = permissions.acting_organisation(user)
    entries[user.pk] = {
        "name": user.get_full_name(),
        "organisation": organisation.name if organisation else "",
        "since": own["since"] if own else now,
        "seen": now,
    }
    cache.set(_key(sectie), entries, PRESENCE_SECONDS)
    return _others(entries, user)


def presence_leave(*, sectie: Sectie, user: User) -> None:
    """The user closed the edit page or saved."""
    entries = _live(cache.get(_key(sectie)) or {}, time.time())
    if entries.pop(user.pk, None) is not None:
        cache.set(_key(sectie), entries, PRESENCE_SECONDS)

"""Record to the audit trail. Every app calls `record()`; nothing else writes."""

from typing import Any, NamedTuple

from django.db import models

from core.audit.models import AuditEntry
from core.policy import most_restricted, restricted_levels
from core.ratelimits import client_ip

Action = AuditEntry.Action


class ShownRecord(NamedTuple):
    """What the trail needs of a record a page showed: its kind, id and level.

    A page that keeps what it shows rendered keeps these instead of the
    model instances (ADR 0016).
    """

    object_type: str
    pk: int
    rubricering: str

    @classmethod
    def of(cls, obj: models.Model) -> "ShownRecord":
        return cls(obj._meta.label_lower, obj.pk, obj.rubricering)


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return client_ip(request) or None


def _without_nul(value):
    """PostgreSQL text and jsonb cannot hold NUL: filters may carry one."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_without_nul(v) for v in value]
    return value


def _actor_label(user) -> str:
    """The account's id and its address at the time: the id stays the same.

    An address can change (only functioneel beheer changes one); the trail
    names the account by its id, shown with its current name when read.
    """
    return f"#{user.pk} {user.email}"[:254]


def _entry(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    label: str = "",
    classification: str = "",
    request=None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """One validated entry, not yet written."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        label = label or str(obj)[:255]
        classification = classification or getattr(obj, "classification", "") or ""
    authenticated = getattr(actor, "is_authenticated", False)
    # No actor at all means a scheduled task or management command.
    anonymous_label = "systeem" if actor is None else "anoniem"
    entry = AuditEntry(
        actor=actor if authenticated else None,
        actor_label=_actor_label(actor) if authenticated else anonymous_label,
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        object_label=_without_nul(label)[:255],
        classification=str(classification)[:20],
        ip_address=_client_ip(request),
        details=_without_nul(details or {}),
    )
    # The actor is the signed-in user: no query to check that it exists.
    entry.full_clean(exclude=["actor"])
    return entry


def record(**fields) -> AuditEntry:
    """Append one entry. `obj` fills type, id and label unless given.

    Takes the keywords of `_entry`: actor, action, obj, object_type,
    object_id, label, classification, request and details.
    """
    entry = _entry(**fields)
    entry.save()
    return entry


def _shown_entry(*, actor, objects, request, what: str) -> AuditEntry | None:
    shown = [
        o if isinstance(o, ShownRecord) else ShownRecord.of(o)
        for o in objects
        if getattr(o, "rubricering", "") in restricted_levels()
    ]
    if not shown:
        return None
    return _entry(
        actor=actor,
        action=Action.VIEW,
        object_type=shown[0].object_type,
        label=what,
        classification=most_restricted(o.rubricering for o in shown),
        request=request,
        details={"ids": [o.pk for o in shown]},
    )


def record_shown(*, actor, objects, request=None, what: str) -> AuditEntry | None:
    """One entry for a page that showed classified records (a list, a thread).

    Records with a level above openbaar are named by id in the details; the
    entry carries the most restricted level shown. Nothing is written when
    the page showed only openbaar records. `objects` are model instances or
    `ShownRecord`s of one model.
    """
    entry = _shown_entry(actor=actor, objects=objects, request=request, what=what)
    if entry is not None:
        entry.save()
    return entry


def record_shown_together(
    *, actor, shown: list[tuple[Any, str]], request=None
) -> list[AuditEntry]:
    """`record_shown` for several lists on one page, written in one statement.

    `shown` pairs each list of records with what it was; every list that
    held a classified record gets its own entry, as `record_shown` gives it.
    """
    entries = []
    for objects, what in shown:
        entry = _shown_entry(actor=actor, objects=objects, request=request, what=what)
        if entry is not None:
            entries.append(entry)
    if len(entries) == 1:
        entries[0].save()  # no transaction around one INSERT
    elif entries:
        AuditEntry.objects.bulk_create(entries)
    return entries

"""Record to the audit trail. Every app calls `record()`; nothing else writes."""

from typing import Any

from django.db import models

from buurtaanpak.audit.models import AuditEntry
from buurtaanpak.ratelimits import client_ip

Action = AuditEntry.Action


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return client_ip(request) or None


def record(
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
    """Append one entry. `obj` fills type, id and label unless given."""
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
        actor_label=getattr(actor, "email", "") if authenticated else anonymous_label,
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        object_label=label[:255],
        classification=str(classification)[:20],
        ip_address=_client_ip(request),
        details=details or {},
    )
    entry.full_clean()
    entry.save()
    return entry

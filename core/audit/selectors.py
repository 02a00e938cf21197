from datetime import date

from django.db.models import Q, QuerySet

from core.audit.models import AuditEntry


def audit_entries(
    *,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.all()
    if actor:
        # By the address as recorded, the account's id (#12) or its name now.
        entries = entries.filter(
            Q(actor_label__icontains=actor) | Q(actor__full_name__icontains=actor)
        )
    if action:
        entries = entries.filter(action=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    return entries


def object_types() -> list[str]:
    return list(
        AuditEntry.objects.order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )

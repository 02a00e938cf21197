from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit.services import Action, record
from core.privacy import check_fields
from partners.models import User
from sessies import permissions
from sessies.models import Agendapunt, Antwoord, Mijlpaal, Sessie

#: Changes that invitees must see in their calendar.
NOTIFY_FIELDS = (
    "title",
    "bob_fase",
    "start",
    "end",
    "zaal",
    "location",
    "online_url",
    "description",
)
EDITABLE_FIELDS = (
    "title",
    "bob_fase",
    "start",
    "end",
    "zaal",
    "location",
    "online_url",
    "description",
    "capacity",
    "openbaar",
)


def _check_text(fields: dict, names: tuple[str, ...], confirmed: bool) -> None:
    check_fields({n: fields[n] for n in names if n in fields}, confirmed=confirmed)


def _not_in_past(start: datetime | None) -> None:
    if start and start <= timezone.now():
        raise ValidationError({"start": _("A session cannot start in the past.")})


def _confirmed(sessie: Sessie) -> int:
    return sessie.uitnodigingen.filter(
        antwoord=Antwoord.AANMELDEN, wachtlijst_sinds__isnull=True
    ).count()


def notify(sessie: Sessie, kind: str) -> None:
    from sessies.tasks import notify_sessie

    pk, sequence = sessie.pk, sessie.sequence
    transaction.on_commit(lambda: notify_sessie.delay(pk, kind, sequence))


@transaction.atomic
def sessie_create(
    *,
    by: User,
    soort: str,
    buurten=(),
    personal_data_confirmed: bool = False,
    **fields,
) -> Sessie:
    if soort not in permissions.plannable_kinds(by):
        raise PermissionDenied
    _check_text(fields, ("title", "location", "description"), personal_data_confirmed)
    organisation = permissions.organising_organisation(by, soort)
    if organisation is None:
        raise PermissionDenied
    _not_in_past(fields.get("start"))
    sessie = Sessie(soort=soort, organiser=by, organisation=organisation)
    for name in EDITABLE_FIELDS:
        if name in fields:
            setattr(sessie, name, fields[name])
    if soort == Sessie.Soort.RAADSWERKSESSIE:
        sessie.openbaar = fields.get("openbaar", True)
    sessie.full_clean()
    sessie.save()
    sessie.buurten.set(buurten)
    return sessie


@transaction.atomic
def sessie_update(
    *,
    sessie: Sessie,
    by: User,
    buurten=None,
    personal_data_confirmed: bool = False,
    **fields,
) -> Sessie:
    """Save changes; a change invitees must see raises SEQUENCE and mails them."""
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    if not permissions.can_edit(by, sessie):
        raise PermissionDenied
    _check_text(fields, ("title", "location", "description"), personal_data_confirmed)
    before = {name: getattr(sessie, name) for name in EDITABLE_FIELDS}
    for name in EDITABLE_FIELDS:
        if name in fields:
            setattr(sessie, name, fields[name])
    if sessie.start != before["start"]:
        _not_in_past(sessie.start)
    if sessie.capacity is not None:
        confirmed = _confirmed(sessie)
        if sessie.capacity < confirmed:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(n)d people have already signed up; the capacity "
                        "cannot be lower than that."
                    )
                    % {"n": confirmed}
                }
            )
    moved = (sessie.start, sessie.end) != (before["start"], before["end"])
    changed = any(getattr(sessie, name) != before[name] for name in NOTIFY_FIELDS)
    if moved and sessie.status == Sessie.Status.GEPLAND:
        sessie.status = Sessie.Status.VERPLAATST
    if changed:
        sessie.sequence += 1
    sessie.full_clean()
    sessie.save()
    if buurten is not None:
        sessie.buurten.set(buurten)
    if sessie.capacity != before["capacity"]:
        from sessies.services.uitnodiging import promote_waiting_list

        promote_waiting_list(sessie)
    if changed:
        notify(sessie, "update")
    return sessie


@transaction.atomic
def sessie_cancel(
    *, sessie: Sessie, by: User, reason: str, personal_data_confirmed: bool = False
) -> Sessie:
    """Cancel with a reason that goes to every invitee in the mail and the .ics."""
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    if not permissions.can_manage(by, sessie):
        raise PermissionDenied
    if sessie.is_cancelled:
        raise ValidationError(_("This session has already been cancelled."))
    if sessie.status == Sessie.Status.AFGEROND or sessie.is_over:
        raise ValidationError(_("A session that is over cannot be cancelled."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Give the reason; every invitee reads it in the mail.")}
        )
    check_fields({"reason": reason}, confirmed=personal_data_confirmed)
    sessie.status = Sessie.Status.GEANNULEERD
    sessie.cancel_reason = reason
    sessie.cancelled_at = timezone.now()
    sessie.sequence += 1
    sessie.full_clean()
    sessie.save()
    record(
        actor=by,
        action=Action.CHANGE,
        obj=sessie,
        label=f"geannuleerd: {sessie.title}"[:255],
        details={"reden": reason, "sequence": sessie.sequence},
    )
    notify(sessie, "cancel")
    return sessie


@transaction.atomic
def sessie_restore(*, sessie: Sessie, by: User) -> Sessie:
    """Undo a cancellation: the session is planned again and every invitee
    who had not declined gets it back in their calendar (a new SEQUENCE)."""
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    if not permissions.can_manage(by, sessie):
        raise PermissionDenied
    if not sessie.is_cancelled:
        raise ValidationError(_("This session has not been cancelled."))
    if sessie.start <= timezone.now():
        raise ValidationError(
            _(
                "The time of this session has passed, so it cannot be restored. "
                "Plan a new session instead."
            )
        )
    reason = sessie.cancel_reason
    sessie.status = Sessie.Status.GEPLAND
    sessie.cancel_reason = ""
    sessie.cancelled_at = None
    sessie.sequence += 1
    sessie.full_clean()
    sessie.save()
    record(
        actor=by,
        action=Action.CHANGE,
        obj=sessie,
        label=f"hersteld: {sessie.title}"[:255],
        details={"was_geannuleerd_om": reason, "sequence": sessie.sequence},
    )
    notify(sessie, "restore")
    return sessie


def _check_agenda_fits(item: Agendapunt) -> None:
    """Main items fit in the session; sub-items fit in their main item."""
    siblings = Agendapunt.objects.filter(
        sessie_id=item.sessie_id, parent_id=item.parent_id
    ).exclude(pk=item.pk)
    total = (
        siblings.aggregate(t=Sum("duration_minutes"))["t"] or 0
    ) + item.duration_minutes
    if item.parent_id is None:
        slot = item.sessie.duration_minutes
        if total > slot:
            raise ValidationError(
                {
                    "duration_minutes": _(
                        "The agenda would take %(total)d minutes, but the session "
                        "lasts %(slot)d minutes."
                    )
                    % {"total": total, "slot": slot}
                }
            )
    elif total > item.parent.duration_minutes:
        raise ValidationError(
            {
                "duration_minutes": _(
                    "The sub-items of “%(parent)s” would take %(total)d minutes, "
                    "but that item lasts %(slot)d minutes."
                )
                % {
                    "parent": item.parent.title,
                    "total": total,
                    "slot": item.parent.duration_minutes,
                }
            }
        )
    if item.pk and item.parent_id is None:
        sub = item.subpunten.aggregate(t=Sum("duration_minutes"))["t"] or 0
        if sub > item.duration_minutes:
            raise ValidationError(
                {
                    "duration_minutes": _(
                        "The sub-items of this item take %(n)d minutes; give it "
                        "at least that long."
                    )
                    % {"n": sub}
                }
            )


def _agenda_editable(by: User, sessie: Sessie) -> None:
    if not permissions.can_edit(by, sessie):
        raise PermissionDenied


def _next_order(sessie: Sessie, parent_id: int | None) -> int:
    last = sessie.agendapunten.filter(parent_id=parent_id).aggregate(m=Max("order"))
    return (last["m"] or 0) + 1


@transaction.atomic
def agendapunt_create(
    *,
    sessie: Sessie,
    by: User,
    title: str,
    duration_minutes: int,
    presenter: str = "",
    notes: str = "",
    parent: Agendapunt | None = None,
    personal_data_confirmed: bool = False,
    **links,
) -> Agendapunt:
    _agenda_editable(by, sessie)
    check_fields(
        {"title": title, "presenter": presenter, "notes": notes},
        confirmed=personal_data_confirmed,
    )
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    item = Agendapunt(
        sessie=sessie,
        parent=parent,
        order=_next_order(sessie, parent.pk if parent else None),
        title=title,
        duration_minutes=duration_minutes,
        presenter=presenter,
        notes=notes,
        **links,
    )
    item.full_clean()
    _check_agenda_fits(item)
    item.save()
    return item


@transaction.atomic
def agendapunt_update(
    *, item: Agendapunt, by: User, personal_data_confirmed: bool = False, **fields
) -> Agendapunt:
    _agenda_editable(by, item.sessie)
    Sessie.objects.select_for_update().get(pk=item.sessie_id)
    parent_before = item.parent_id
    _check_text(fields, ("title", "presenter", "notes"), personal_data_confirmed)
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    if item.parent_id != parent_before:
        item.order = _next_order(item.sessie, item.parent_id)
    _check_agenda_fits(item)
    item.save()
    return item


@transaction.atomic
def agendapunt_delete(*, item: Agendapunt, by: User) -> None:
    """Remove the item, and with a main item its sub-items."""
    _agenda_editable(by, item.sessie)
    item.delete()


@transaction.atomic
def agendapunt_move(*, item: Agendapunt, by: User, up: bool) -> None:
    """Swap the item with its neighbour among the items at its level; the
    order numbers are renumbered. A main item takes its sub-items along."""
    _agenda_editable(by, item.sessie)
    items = list(
        item.sessie.agendapunten.filter(parent_id=item.parent_id)
        .select_for_update()
        .order_by("order", "pk")
    )
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if up else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    for number, other in enumerate(items, start=1):
        if other.order != number:
            other.order = number
            other.save(update_fields=["order"])


def mijlpaal_save(
    *,
    by: User,
    mijlpaal: Mijlpaal | None = None,
    personal_data_confirmed: bool = False,
    **fields,
) -> Mijlpaal:
    if not permissions.can_manage_traject(by):
        raise PermissionDenied
    _check_text(fields, ("title", "description"), personal_data_confirmed)
    mijlpaal = mijlpaal or Mijlpaal()
    for name, value in fields.items():
        setattr(mijlpaal, name, value)
    mijlpaal.full_clean()
    mijlpaal.save()
    return mijlpaal

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import User
from sessies import permissions
from sessies.models import Agendapunt, Antwoord, Mijlpaal, Sessie

#: Changes that invitees must see in their calendar.
NOTIFY_FIELDS = ("title", "start", "end", "location", "online_url", "description")
EDITABLE_FIELDS = (
    "title",
    "bob_fase",
    "start",
    "end",
    "location",
    "online_url",
    "description",
    "capacity",
    "openbaar",
)


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
def sessie_create(*, by: User, soort: str, buurten=(), **fields) -> Sessie:
    if soort not in permissions.plannable_kinds(by):
        raise PermissionDenied
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
def sessie_update(*, sessie: Sessie, by: User, buurten=None, **fields) -> Sessie:
    """Save changes; a change invitees must see raises SEQUENCE and mails them."""
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    if not permissions.can_edit(by, sessie):
        raise PermissionDenied
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
def sessie_cancel(*, sessie: Sessie, by: User) -> Sessie:
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    if not permissions.can_manage(by, sessie):
        raise PermissionDenied
    if sessie.is_cancelled:
        raise ValidationError(_("This session has already been cancelled."))
    if sessie.status == Sessie.Status.AFGEROND:
        raise ValidationError(_("A completed session cannot be cancelled."))
    sessie.status = Sessie.Status.GEANNULEERD
    sessie.sequence += 1
    sessie.save(update_fields=["status", "sequence", "updated_at"])
    notify(sessie, "cancel")
    return sessie


def _check_agenda_fits(sessie: Sessie, minutes: int, *, exclude: int | None = None):
    others = sessie.agendapunten.exclude(pk=exclude).aggregate(
        t=Sum("duration_minutes")
    )
    total = (others["t"] or 0) + minutes
    if total > sessie.duration_minutes:
        raise ValidationError(
            {
                "duration_minutes": _(
                    "The agenda would take %(total)d minutes, but the session "
                    "lasts %(slot)d minutes."
                )
                % {"total": total, "slot": sessie.duration_minutes}
            }
        )


def _agenda_editable(by: User, sessie: Sessie) -> None:
    if not permissions.can_edit(by, sessie):
        raise PermissionDenied


@transaction.atomic
def agendapunt_create(
    *,
    sessie: Sessie,
    by: User,
    title: str,
    duration_minutes: int,
    presenter: str = "",
    notes: str = "",
    **links,
) -> Agendapunt:
    _agenda_editable(by, sessie)
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    last = sessie.agendapunten.aggregate(m=Max("order"))["m"]
    item = Agendapunt(
        sessie=sessie,
        order=(last or 0) + 1,
        title=title,
        duration_minutes=duration_minutes,
        presenter=presenter,
        notes=notes,
        **links,
    )
    item.full_clean()
    _check_agenda_fits(sessie, duration_minutes)
    item.save()
    return item


@transaction.atomic
def agendapunt_update(*, item: Agendapunt, by: User, **fields) -> Agendapunt:
    _agenda_editable(by, item.sessie)
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    _check_agenda_fits(item.sessie, item.duration_minutes, exclude=item.pk)
    item.save()
    return item


@transaction.atomic
def agendapunt_delete(*, item: Agendapunt, by: User) -> None:
    _agenda_editable(by, item.sessie)
    item.delete()


@transaction.atomic
def agendapunt_move(*, item: Agendapunt, by: User, up: bool) -> None:
    """Swap the item with its neighbour; the order numbers are renumbered."""
    _agenda_editable(by, item.sessie)
    items = list(item.sessie.agendapunten.select_for_update().order_by("order", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if up else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    for number, other in enumerate(items, start=1):
        if other.order != number:
            other.order = number
            other.save(update_fields=["order"])


def mijlpaal_save(*, by: User, mijlpaal: Mijlpaal | None = None, **fields) -> Mijlpaal:
    if not permissions.can_manage_traject(by):
        raise PermissionDenied
    mijlpaal = mijlpaal or Mijlpaal()
    for name, value in fields.items():
        setattr(mijlpaal, name, value)
    mijlpaal.full_clean()
    mijlpaal.save()
    return mijlpaal

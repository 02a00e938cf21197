from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import policy
from core.policy import Rubricering
from partners.models import User
from partners.selectors import reader_of
from sessies import permissions
from sessies.models import Amendement, Opbrengst, Sessie, Verslag


def _must_manage(by: User, sessie: Sessie) -> None:
    if not permissions.can_manage(by, sessie):
        raise PermissionDenied


def _must_have_started(sessie: Sessie) -> None:
    if sessie.start > timezone.now():
        raise ValidationError(_("The session has not started yet."))
    if sessie.is_cancelled:
        raise ValidationError(_("This session has been cancelled."))


def writable_levels(user: User, sessie: Sessie) -> list[tuple[str, str]]:
    """The levels a manager may give the session's minutes and outcomes: those
    at which they still read them (minutes and outcomes share a row of the
    policy, and the session's organisation is theirs)."""
    return policy.writable_choices(
        reader_of(user), policy.Kind.VERSLAG, sessie.organisation_id
    )


def suggested_level(user: User, sessie: Sessie) -> str:
    return policy.suggested_level(
        reader_of(user), policy.Kind.OPBRENGST, sessie.organisation_id
    )


def default_verslag_level(sessie: Sessie) -> str:
    """Minutes of a council work session are written for the raad (openbaar);
    other minutes stay with the partners (see ADR 0602)."""
    if sessie.soort == Sessie.Soort.RAADSWERKSESSIE:
        return Rubricering.OPENBAAR
    return Rubricering.PARTNERS


@transaction.atomic
def verslag_save(
    *, sessie: Sessie, by: User, text: str, rubricering: str | None = None
) -> Verslag:
    """Write the draft minutes; without a level they keep theirs (or the
    session kind's default, see default_verslag_level)."""
    _must_manage(by, sessie)
    _must_have_started(sessie)
    verslag = Verslag.objects.select_for_update().filter(sessie=sessie).first()
    if verslag and verslag.is_final:
        raise ValidationError(_("The minutes are final and can no longer be changed."))
    verslag = verslag or Verslag(sessie=sessie)
    verslag.text = text
    verslag.rubricering = (
        rubricering or verslag.rubricering or default_verslag_level(sessie)
    )
    policy.check_writable(
        reader_of(by), policy.Kind.VERSLAG, verslag.rubricering, sessie.organisation_id
    )
    verslag.full_clean()
    verslag.save()
    return verslag


@transaction.atomic
def verslag_finalise(*, sessie: Sessie, by: User) -> Verslag:
    """Make the minutes final; the session counts as completed from then on."""
    _must_manage(by, sessie)
    verslag = Verslag.objects.select_for_update().filter(sessie=sessie).first()
    if verslag is None:
        raise ValidationError(_("Write the minutes before making them final."))
    if verslag.is_final:
        raise ValidationError(_("The minutes are already final."))
    if verslag.amendementen.filter(status=Amendement.Status.VOORGESTELD).exists():
        raise ValidationError(
            _("Handle every proposed amendment before making the minutes final.")
        )
    verslag.status = Verslag.Status.DEFINITIEF
    verslag.finalised_at = timezone.now()
    verslag.finalised_by = by
    verslag.save()
    Sessie.objects.filter(pk=sessie.pk).update(status=Sessie.Status.AFGEROND)
    return verslag


@transaction.atomic
def aanwezigheid_register(
    *, sessie: Sessie, by: User, present_ids: Iterable[int]
) -> int:
    _must_manage(by, sessie)
    _must_have_started(sessie)
    verslag = Verslag.objects.filter(sessie=sessie).first()
    if verslag and verslag.is_final:
        raise ValidationError(_("The minutes are final; attendance is fixed."))
    present = set(present_ids)
    invitees = sessie.uitnodigingen.all()
    invitees.filter(pk__in=present).update(aanwezig=True)
    invitees.exclude(pk__in=present).update(aanwezig=False)
    return len(present)


@transaction.atomic
def amendement_create(*, sessie: Sessie, by: User, text: str) -> Amendement:
    verslag = Verslag.objects.filter(sessie=sessie).first()
    if not permissions.can_propose_amendment(by, sessie, verslag):
        raise PermissionDenied
    amendement = Amendement(verslag=verslag, author=by, text=text.strip())
    amendement.full_clean()
    amendement.save()
    return amendement


@transaction.atomic
def amendement_decide(*, amendement: Amendement, by: User, status: str) -> Amendement:
    verslag = amendement.verslag
    _must_manage(by, verslag.sessie)
    if verslag.is_final:
        raise ValidationError(_("The minutes are final."))
    if status not in (Amendement.Status.VERWERKT, Amendement.Status.AFGEWEZEN):
        raise ValidationError(_("Choose incorporate or decline."))
    amendement.status = status
    amendement.save(update_fields=["status"])
    return amendement


@transaction.atomic
def opbrengst_create(
    *,
    sessie: Sessie,
    by: User,
    title: str,
    description: str = "",
    rubricering: str,
    secties=(),
) -> Opbrengst:
    _must_manage(by, sessie)
    _must_have_started(sessie)
    policy.check_writable(
        reader_of(by), policy.Kind.OPBRENGST, rubricering, sessie.organisation_id
    )
    opbrengst = Opbrengst(
        sessie=sessie,
        title=title,
        description=description,
        rubricering=rubricering,
        created_by=by,
    )
    opbrengst.full_clean()
    opbrengst.save()
    opbrengst.visie_secties.set(secties)
    return opbrengst

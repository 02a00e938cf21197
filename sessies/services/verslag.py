import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import policy
from core.policy import Rubricering
from core.privacy import check_fields
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


def _notify(verslag: Verslag, kind: str) -> None:
    from sessies.tasks import notify_verslag

    pk = verslag.pk
    transaction.on_commit(lambda: notify_verslag.delay(pk, kind))


def _mail(verslag: Verslag, kind: str, user_id: int, amendement: Amendement) -> None:
    from sessies.tasks import send_verslag_mail

    pk, amendement_pk = verslag.pk, amendement.pk
    transaction.on_commit(
        lambda: send_verslag_mail.delay(pk, kind, user_id, amendement_pk)
    )


def _normalise(text: str) -> str:
    """Text areas send CRLF; the minutes keep plain newlines."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@transaction.atomic
def verslag_save(
    *,
    sessie: Sessie,
    by: User,
    text: str,
    rubricering: str | None = None,
    personal_data_confirmed: bool = False,
) -> Verslag:
    """Write the draft minutes; without a level they keep theirs (or the
    session kind's default, see default_verslag_level)."""
    _must_manage(by, sessie)
    check_fields({"text": text}, confirmed=personal_data_confirmed)
    _must_have_started(sessie)
    verslag = Verslag.objects.select_for_update().filter(sessie=sessie).first()
    if verslag and verslag.is_final:
        raise ValidationError(_("The minutes are final and can no longer be changed."))
    verslag = verslag or Verslag(sessie=sessie)
    verslag.text = _normalise(text)
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
def verslag_share_draft(*, sessie: Sessie, by: User) -> Verslag:
    """Send the draft once to everyone registered as present, who may then
    propose amendments."""
    _must_manage(by, sessie)
    verslag = Verslag.objects.select_for_update().filter(sessie=sessie).first()
    if verslag is None:
        raise ValidationError(_("Write the minutes before sharing the draft."))
    if verslag.is_final:
        raise ValidationError(_("The minutes are already final."))
    if verslag.concept_gedeeld_at:
        raise ValidationError(
            _("The draft was already shared on %(date)s.")
            % {"date": date_format(timezone.localtime(verslag.concept_gedeeld_at))}
        )
    if not sessie.uitnodigingen.filter(aanwezig=True, user__isnull=False).exists():
        raise ValidationError(
            _("Register attendance first: the draft goes to those who were present.")
        )
    verslag.concept_gedeeld_at = timezone.now()
    verslag.save(update_fields=["concept_gedeeld_at", "updated_at"])
    _notify(verslag, "concept")
    return verslag


@transaction.atomic
def verslag_finalise(*, sessie: Sessie, by: User) -> Verslag:
    """Make the minutes final once the session has ended; the session counts
    as completed from then on and the invitees get the final minutes."""
    _must_manage(by, sessie)
    sessie = Sessie.objects.select_for_update().get(pk=sessie.pk)
    if not sessie.is_over:
        raise ValidationError(
            _(
                "The minutes can only be made final after the session has ended "
                "(%(end)s)."
            )
            % {"end": date_format(timezone.localtime(sessie.end), "j F Y, H:i")}
        )
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
    _notify(verslag, "definitief")
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


def _passage_pattern(passage: str) -> re.Pattern:
    """The passage with any run of white space matching any other, so a
    passage copied from the page (where line breaks differ) still matches,
    and starting and ending at word boundaries."""
    words = passage.split()
    pattern = r"\s+".join(re.escape(word) for word in words)
    # Whole words only: "de" does not point into "Raadsleden".
    if re.match(r"\w", passage.strip()):
        pattern = r"(?<!\w)" + pattern
    if re.search(r"\w$", passage.strip()):
        pattern += r"(?!\w)"
    return re.compile(pattern)


def _find_passage(text: str, passage: str, *, field: str = "passage") -> re.Match:
    matches = list(_passage_pattern(passage).finditer(text))
    if not matches:
        raise ValidationError(
            {
                field: _(
                    "This passage does not occur in the minutes. Copy the words "
                    "exactly as they are in the text."
                )
            }
        )
    if len(matches) > 1:
        raise ValidationError(
            {
                field: _(
                    "This passage occurs %(n)d times in the minutes. Copy a few "
                    "more words, so it points at one place."
                )
                % {"n": len(matches)}
            }
        )
    return matches[0]


@transaction.atomic
def amendement_create(
    *,
    sessie: Sessie,
    by: User,
    text: str = "",
    passage: str = "",
    toelichting="",
    personal_data_confirmed: bool = False,
) -> Amendement:
    """Propose replacement text for a passage of the draft (or new text at the
    end); the organiser gets a mail."""
    verslag = Verslag.objects.filter(sessie=sessie).first()
    if not permissions.can_propose_amendment(by, sessie, verslag):
        raise PermissionDenied
    check_fields(
        {"passage": passage, "text": text, "toelichting": toelichting},
        confirmed=personal_data_confirmed,
    )
    amendement = Amendement(
        verslag=verslag,
        author=by,
        passage=_normalise(passage).strip(),
        text=_normalise(text).strip(),
        toelichting=_normalise(toelichting).strip(),
    )
    amendement.full_clean()
    if amendement.passage:
        _find_passage(verslag.text, amendement.passage)
    amendement.save()
    _mail(verslag, "amendement", sessie.organiser_id, amendement)
    return amendement


def applied(text: str, amendement: Amendement) -> str:
    """The minutes with the amendment's change made."""
    if not amendement.passage:
        return f"{text.rstrip()}\n\n{amendement.text}".strip()
    match = _find_passage(text, amendement.passage, field="status")
    before, after = text[: match.start()], text[match.end() :]
    if not amendement.text:
        # A deleted passage leaves no doubled space or empty paragraph behind.
        if before.endswith("\n\n") and after.startswith("\n\n"):
            after = after[2:]
        elif before.endswith(" ") and after[:1] in (" ", ".", ",", ";", ":", ""):
            before = before[:-1]
    return before + amendement.text + after


@transaction.atomic
def amendement_decide(*, amendement: Amendement, by: User, status: str) -> Amendement:
    """Incorporate (the change is made in the minutes) or decline; the author
    gets a mail either way."""
    verslag = Verslag.objects.select_for_update().get(pk=amendement.verslag_id)
    _must_manage(by, verslag.sessie)
    if verslag.is_final:
        raise ValidationError(_("The minutes are final."))
    amendement = Amendement.objects.select_for_update().get(pk=amendement.pk)
    if amendement.status != Amendement.Status.VOORGESTELD:
        raise ValidationError(_("This amendment has already been handled."))
    if status not in (Amendement.Status.VERWERKT, Amendement.Status.AFGEWEZEN):
        raise ValidationError(_("Choose incorporate or decline."))
    if status == Amendement.Status.VERWERKT:
        if not (amendement.passage or amendement.text):
            raise ValidationError(_("This amendment proposes no change to the text."))
        try:
            verslag.text = applied(verslag.text, amendement)
        except ValidationError:
            raise ValidationError(
                _(
                    "The passage of this amendment no longer occurs once in the "
                    "minutes. Change the minutes by hand and decline the "
                    "amendment, or restore the passage."
                )
            ) from None
        verslag.full_clean()
        verslag.save()
    amendement.status = status
    amendement.decided_at = timezone.now()
    amendement.decided_by = by
    amendement.save(update_fields=["status", "decided_at", "decided_by"])
    _mail(verslag, "besluit", amendement.author_id, amendement)
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
    personal_data_confirmed: bool = False,
) -> Opbrengst:
    _must_manage(by, sessie)
    check_fields(
        {"title": title, "description": description},
        confirmed=personal_data_confirmed,
    )
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

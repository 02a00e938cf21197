"""Releasing versions, adopting them and signing them."""

import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.privacy import check_fields, contains_bsn
from partners import permissions as pp
from partners.models import Organisation, User
from visie import permissions
from visie.models import Ondertekening, Versie, VersieSectie, VisieDocument


def _afspraken_snapshot(document: VisieDocument) -> list[dict]:
    rows = []
    for afspraak in document.afspraken.select_related(
        "contactpersoon"
    ).prefetch_related("rollen__organisation"):
        rows.append(
            {
                "title": afspraak.title,
                "contactpersoon": str(afspraak.contactpersoon or ""),
                "uren": str(afspraak.uren) if afspraak.uren is not None else None,
                "budget": str(afspraak.budget) if afspraak.budget is not None else None,
                "deadline": afspraak.deadline.isoformat()
                if afspraak.deadline
                else None,
                "status": afspraak.get_status_display(),
                "rollen": {r.organisation.name: r.rol for r in afspraak.rollen.all()},
            }
        )
    return rows


def content_hash(secties: list[dict], afspraken: list[dict]) -> str:
    payload = json.dumps(
        {"secties": secties, "afspraken": afspraken},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@transaction.atomic
def versie_release(
    *,
    document: VisieDocument,
    user: User,
    note: str = "",
    personal_data_confirmed: bool = False,
) -> Versie:
    """Vrijgeven: freeze every section and the afspraken into a numbered version."""
    if not permissions.can_manage(user):
        raise PermissionDenied
    check_fields({"note": note}, confirmed=personal_data_confirmed)
    document = VisieDocument.objects.select_for_update().get(pk=document.pk)
    if document.is_read_only:
        raise ValidationError(
            _("This vision has been adopted and can no longer be changed."),
            code="read_only",
        )
    secties = list(document.secties.select_related("current_revisie", "penvoerder"))
    if not secties:
        raise ValidationError(_("Add at least one section before releasing a version."))
    # Released text goes to the raad: a BSN saved before the guard stops here.
    for s in secties:
        if contains_bsn(s.title) or contains_bsn(s.text):
            raise ValidationError(
                _(
                    "Section “%(title)s” contains what looks like a citizen service "
                    "number (BSN). Remove it before releasing a version."
                )
                % {"title": s.title},
                code="bsn",
            )
    frozen = [
        {
            "position": s.position,
            "title": s.title,
            "penvoerder": s.penvoerder.slug,
            "text": s.text,
        }
        for s in secties
    ]
    afspraken = _afspraken_snapshot(document)
    number = (document.versies.aggregate(m=Max("number"))["m"] or 0) + 1
    versie = Versie(
        document=document,
        number=number,
        content_hash=content_hash(frozen, afspraken),
        afspraken=afspraken,
        note=note.strip(),
        released_by=user,
    )
    versie.full_clean()
    versie.save()
    VersieSectie.objects.bulk_create(
        VersieSectie(
            versie=versie,
            sectie=s,
            revisie=s.current_revisie,
            position=s.position,
            title=s.title,
            penvoerder=s.penvoerder,
            text=s.text,
        )
        for s in secties
    )
    document.status = VisieDocument.Status.CONSULTATIE
    document.save(update_fields=["status"])
    return versie


@transaction.atomic
def versie_vaststellen(*, versie: Versie, user: User) -> Versie:
    """Adopt the latest version; the document becomes read-only."""
    if not permissions.can_manage(user):
        raise PermissionDenied
    document = VisieDocument.objects.select_for_update().get(pk=versie.document_id)
    if document.is_read_only:
        raise ValidationError(_("This vision has already been adopted."))
    latest = document.versies.order_by("-number").first()
    if latest is None or latest.pk != versie.pk:
        raise ValidationError(_("Only the latest version can be adopted."))
    versie.status = Versie.Status.VASTGESTELD
    versie.save(update_fields=["status"])
    document.status = VisieDocument.Status.VASTGESTELD
    document.save(update_fields=["status"])
    return versie


def ondertekening_create(
    *,
    versie: Versie,
    user: User,
    organisation: Organisation,
    besluit: str,
    voorbehoud: str = "",
    personal_data_confirmed: bool = False,
) -> Ondertekening:
    """A coördinator signs one version for their own organisation, once."""
    if not (pp.is_coordinator_of(user, organisation) and organisation.is_partner_side):
        raise PermissionDenied
    check_fields({"voorbehoud": voorbehoud}, confirmed=personal_data_confirmed)
    latest = versie.document.versies.order_by("-number").first()
    if latest is None or latest.pk != versie.pk:
        raise ValidationError(
            _("A newer version exists. Sign the latest version instead."),
            code="outdated",
        )
    if besluit == Ondertekening.Besluit.VOORBEHOUD and not voorbehoud.strip():
        raise ValidationError(
            {"voorbehoud": _("Describe the reservation.")}, code="required"
        )
    if Ondertekening.objects.filter(versie=versie, organisation=organisation).exists():
        raise ValidationError(
            _("%(organisation)s has already signed version %(number)s.")
            % {"organisation": organisation.name, "number": versie.number},
            code="signed",
        )
    ondertekening = Ondertekening(
        versie=versie,
        organisation=organisation,
        besluit=besluit,
        voorbehoud=voorbehoud.strip()
        if besluit == Ondertekening.Besluit.VOORBEHOUD
        else "",
        signed_by=user,
    )
    ondertekening.full_clean(exclude=["versie", "organisation"])
    try:
        with transaction.atomic():
            ondertekening.save()
    except IntegrityError:
        raise ValidationError(
            _("%(organisation)s has already signed version %(number)s.")
            % {"organisation": organisation.name, "number": versie.number},
            code="signed",
        ) from None
    return ondertekening

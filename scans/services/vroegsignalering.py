"""Early warning: rules that watch the data and warn the partners involved.

Each warning belongs to one organisation, so its evidence only counts what
that organisation may see: a warning never reveals a signaal to a reader who
may not see it.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from partners.selectors import partner_organisations
from scans import permissions
from scans.models import Actie, Drempels, Gebied, ScanRonde, Waarschuwing
from scans.selectors import signalen_visible_to_organisation
from scans.services.index import IndexCalculator


def _index_drops(drempels: Drempels) -> list[dict]:
    rondes = list(
        ScanRonde.objects.filter(scans__isnull=False).distinct().order_by("peildatum")
    )
    if len(rondes) < 2:
        return []
    previous, latest = rondes[-2], rondes[-1]
    calc = IndexCalculator()
    before = calc.for_ronde(previous)
    after = calc.for_ronde(latest)
    found = []
    for gebied_id, now in after.items():
        then = before.get(gebied_id)
        if then is None:
            continue
        for domein, d in now.domeinen.items():
            old = then.domein(domein)
            if (
                old is not None
                and d.index is not None
                and old - d.index >= drempels.index_daling
            ):
                found.append(
                    {
                        "sleutel": f"index:{gebied_id}:{domein}:{latest.pk}",
                        "gebied_id": gebied_id,
                        "domein": domein,
                        "details": {
                            "van": old,
                            "naar": d.index,
                            "ronde_van": previous.name,
                            "ronde_naar": latest.name,
                        },
                    }
                )
    return found


def evaluate() -> dict[str, int]:
    """Raise new warnings, resolve those that no longer apply. Idempotent."""
    drempels = Drempels.current()
    now = timezone.now()
    wanted: dict[tuple[int, str], dict] = {}
    organisations = list(partner_organisations())

    for drop in _index_drops(drempels):
        for org in organisations:
            wanted[(org.pk, drop["sleutel"])] = {
                "regel": Waarschuwing.Regel.INDEX_DALING,
                "gebied_id": drop["gebied_id"],
                "domein": drop["domein"],
                "details": drop["details"],
            }

    since = timezone.localdate() - timedelta(days=drempels.signalen_dagen)
    for org in organisations:
        groups: dict[tuple[int, int], list[int]] = defaultdict(list)
        for pk, gebied_id, thema_id in (
            signalen_visible_to_organisation(org.pk)
            .filter(waargenomen_op__gte=since)
            .values_list("pk", "gebied_id", "thema_id")
        ):
            groups[(gebied_id, thema_id)].append(pk)
        for (gebied_id, thema_id), pks in groups.items():
            if len(pks) >= drempels.signalen_aantal:
                wanted[(org.pk, f"signalen:{gebied_id}:{thema_id}")] = {
                    "regel": Waarschuwing.Regel.SIGNALEN,
                    "gebied_id": gebied_id,
                    "thema_id": thema_id,
                    "signalen": pks,
                    "details": {"aantal": len(pks), "dagen": drempels.signalen_dagen},
                }

    if drempels.acties_te_laat:
        overdue = Actie.objects.filter(
            status__in=[Actie.Status.GEPLAND, Actie.Status.LOPEND],
            deadline__lt=timezone.localdate(),
        ).prefetch_related("partners")
        for actie in overdue:
            for org_id in {actie.eigenaar_id, *(p.pk for p in actie.partners.all())}:
                wanted[(org_id, f"actie:{actie.pk}")] = {
                    "regel": Waarschuwing.Regel.ACTIE_TE_LAAT,
                    "gebied_id": actie.gebied_id,
                    "actie_id": actie.pk,
                    "details": {"deadline": actie.deadline.isoformat()},
                }

    raised = resolved = 0
    with transaction.atomic():
        existing = {
            (w.organisation_id, w.sleutel): w
            for w in Waarschuwing.objects.select_for_update()
        }
        for (org_id, sleutel), spec in wanted.items():
            w = existing.get((org_id, sleutel))
            signalen = spec.pop("signalen", None)
            if w is None:
                w = Waarschuwing.objects.create(
                    organisation_id=org_id, sleutel=sleutel, **spec
                )
                raised += 1
            else:
                changed = w.resolved_at is not None or w.details != spec["details"]
                if changed:
                    w.resolved_at = None
                    w.details = spec["details"]
                    w.save(update_fields=["resolved_at", "details"])
            if signalen is not None:
                w.signalen.set(signalen)
        for key, w in existing.items():
            if key not in wanted and w.resolved_at is None:
                w.resolved_at = now
                w.save(update_fields=["resolved_at"])
                resolved += 1
    return {"raised": raised, "resolved": resolved}


def acknowledge(
    *,
    user,
    waarschuwing: Waarschuwing,
    note: str,
    personal_data_confirmed: bool = False,
) -> Waarschuwing:
    if not permissions.can_see_warnings(user) or waarschuwing.organisation_id not in {
        o.pk for o in permissions.partner_organisations_of(user)
    }:
        raise PermissionDenied
    if not note.strip():
        raise ValidationError({"note": _("Write what your organisation does with it.")})
    from core.privacy import check_fields

    check_fields({"note": note}, confirmed=personal_data_confirmed)
    if waarschuwing.acknowledged_at is None:
        waarschuwing.acknowledged_at = timezone.now()
        waarschuwing.acknowledged_by = user
    waarschuwing.acknowledgement_note = note.strip()
    waarschuwing.save(
        update_fields=["acknowledged_at", "acknowledged_by", "acknowledgement_note"]
    )
    return waarschuwing


def _index(value) -> str:
    """An index as people read it: 80,0 (one decimal, a decimal comma)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "?"
    return number_format(value, decimal_pos=1)


def _long_date(iso) -> str:
    """A date stored as ISO text, written out: 15 december 2026."""
    try:
        return date_format(date.fromisoformat(str(iso)), "j F Y")
    except ValueError:
        return "?"


def warning_text(w: Waarschuwing) -> str:
    """One line that says what happened, using only what the reader may see."""
    d = w.details or {}
    if w.regel == Waarschuwing.Regel.INDEX_DALING:
        return _(
            "The %(domein)s index fell from %(van)s to %(naar)s "
            "(%(ronde_van)s → %(ronde_naar)s)."
        ) % {
            "domein": w.get_domein_display(),
            "van": _index(d.get("van")),
            "naar": _index(d.get("naar")),
            "ronde_van": d.get("ronde_van"),
            "ronde_naar": d.get("ronde_naar"),
        }
    if w.regel == Waarschuwing.Regel.SIGNALEN:
        return _("%(n)s signals on %(thema)s within %(dagen)s days.") % {
            "n": d.get("aantal"),
            "thema": w.thema.name if w.thema else "",
            "dagen": d.get("dagen"),
        }
    return _("The action “%(actie)s” passed its due date (%(deadline)s).") % {
        "actie": w.actie.title if w.actie else "",
        "deadline": _long_date(d.get("deadline")),
    }


def digest_for(organisation_id: int) -> dict[Gebied, list[Waarschuwing]]:
    grouped: dict[Gebied, list[Waarschuwing]] = defaultdict(list)
    for w in (
        Waarschuwing.objects.filter(
            organisation_id=organisation_id,
            resolved_at__isnull=True,
            acknowledged_at__isnull=True,
        )
        .select_related("gebied", "thema", "actie")
        .order_by("gebied__code", "created_at")
    ):
        grouped[w.gebied].append(w)
    return dict(grouped)

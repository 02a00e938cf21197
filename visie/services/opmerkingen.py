"""Comment threads on sections, with @-mentions of organisations."""

import html
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core import policy
from core.privacy import check_personal_data
from partners.models import Organisation, User
from partners.selectors import reader_of
from visie import permissions
from visie.models import Opmerking, Sectie, Versie
from visie.text import render_markdown

_MENTION = re.compile(r"(?<![\w@])@([a-z0-9][a-z0-9-]{1,59})", re.IGNORECASE)


def mentioned_organisations(text: str) -> list[Organisation]:
    slugs = {m.lower() for m in _MENTION.findall(text or "")}
    if not slugs:
        return []
    return list(Organisation.objects.filter(slug__in=slugs))


@transaction.atomic
def opmerking_create(
    *,
    sectie: Sectie,
    user: User,
    text: str,
    rubricering: str,
    quote: str = "",
    parent: Opmerking | None = None,
    versie: Versie | None = None,
    confirmed: bool = False,
) -> Opmerking:
    """Write a comment; a reply takes its thread's classification."""
    if versie is not None:
        if versie.secties.filter(sectie=sectie).count() == 0:
            raise PermissionDenied
        if not permissions.can_comment_on_versie(user, versie):
            raise PermissionDenied
    elif not permissions.can_comment_on_sectie(user, sectie):
        raise PermissionDenied
    organisation = permissions.acting_organisation(user)
    if organisation is None:
        raise PermissionDenied
    writable = policy.writable_levels(
        reader_of(user), policy.Kind.OPMERKING, organisation.pk
    )
    if len(writable) == 1:
        # The raad reads only openbaar text, so what it writes is openbaar too.
        rubricering = writable[0]
    if parent is not None:
        if parent.sectie_id != sectie.pk or parent.parent_id is not None:
            raise PermissionDenied
        rubricering = parent.rubricering
    else:
        policy.check_writable(
            reader_of(user), policy.Kind.OPMERKING, rubricering, organisation.pk
        )
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    quote = " ".join(quote.split())
    anchored_elsewhere = (
        quote
        and parent is None
        and not _occurs_in(quote, _commented_text(sectie, versie))
    )
    if anchored_elsewhere:
        raise ValidationError(
            {
                "quote": _(
                    "This passage does not occur in the text. Copy the words "
                    "exactly, or leave the field empty."
                )
            }
        )
    check_personal_data(text, confirmed=confirmed)
    check_personal_data(quote, confirmed=confirmed)
    opmerking = Opmerking(
        sectie=sectie,
        versie=versie,
        parent=parent,
        quote=quote.strip()[:500],
        text=text,
        rubricering=rubricering,
        author=user,
        organisation=organisation,
    )
    opmerking.full_clean()
    opmerking.save()
    mentioned = mentioned_organisations(text)
    if mentioned:
        opmerking.mentioned.set(mentioned)
        from visie.tasks import notify_mentions

        transaction.on_commit(lambda: notify_mentions.delay(opmerking.pk))
    return opmerking


def _occurs_in(quote: str, source: str) -> bool:
    """Readers copy from the rendered page, writers from the Markdown: allow both."""
    rendered = html.unescape(strip_tags(render_markdown(source)))
    wanted = quote.casefold()
    return any(
        wanted in " ".join(text.split()).casefold() for text in (source, rendered)
    )


def _commented_text(sectie: Sectie, versie: Versie | None) -> str:
    if versie is not None:
        frozen = versie.secties.filter(sectie=sectie).first()
        return frozen.text if frozen else ""
    return Sectie.objects.select_related("current_revisie").get(pk=sectie.pk).text


def opmerking_resolve(*, opmerking: Opmerking, user: User) -> Opmerking:
    if not permissions.can_resolve(user, opmerking):
        raise PermissionDenied
    if opmerking.resolved_at is None:
        opmerking.resolved_at = timezone.now()
        opmerking.resolved_by = user
        opmerking.save(update_fields=["resolved_at", "resolved_by"])
    return opmerking


def opmerking_reopen(*, opmerking: Opmerking, user: User) -> Opmerking:
    if not permissions.can_resolve(user, opmerking):
        raise PermissionDenied
    if opmerking.resolved_at is not None:
        opmerking.resolved_at = None
        opmerking.resolved_by = None
        opmerking.save(update_fields=["resolved_at", "resolved_by"])
    return opmerking

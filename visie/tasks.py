from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from partners.selectors import members_of
from visie.models import Opmerking, VermeldingMail


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_mentions(opmerking_id: int) -> int:
    """E-mail the members of each mentioned organisation who may read the comment.

    Each person gets one mail per comment, however often the task runs: the
    VermeldingMail row is written in the same transaction as the send, so a
    failed send leaves no row and the retry sends it.
    """
    from visie.selectors import can_see_opmerking

    opmerking = (
        Opmerking.objects.select_related("sectie__document", "author", "organisation")
        .filter(pk=opmerking_id)
        .first()
    )
    if opmerking is None:
        return 0
    url = settings.SITE_URL + reverse(
        "visie:sectie_detail", kwargs={"pk": opmerking.sectie_id}
    )
    sent = 0
    for organisation in opmerking.mentioned.all():
        for membership in members_of(organisation):
            user = membership.user
            if not user.is_active or not can_see_opmerking(user, opmerking):
                continue
            try:
                with transaction.atomic():
                    VermeldingMail.objects.create(opmerking=opmerking, user=user)
                    with translation.override("nl"):
                        context = {
                            "opmerking": opmerking,
                            "organisation": organisation,
                            "url": url,
                        }
                        subject = render_to_string(
                            "visie/email/vermelding_subject.txt", context
                        )
                        body = render_to_string(
                            "visie/email/vermelding_body.txt", context
                        )
                    send_mail(" ".join(subject.split()), body, None, [user.email])
            except IntegrityError:
                continue
            sent += 1
    return sent

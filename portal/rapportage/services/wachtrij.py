"""Sending a row's task to the broker; a row the broker did not take waits.

Reports and publication notices are queued the same way (ADR 0400, ADR 0404):
the row is the queue, the task only a nudge. A send that fails leaves the row
in the wachtrij for the sweep; one that succeeds stamps `enqueued_at`.
"""

import logging

from django.db import models
from django.utils import timezone

logger = logging.getLogger(__name__)


def send(task, model: type[models.Model], pk: int) -> bool:
    """Send task(pk); False (and logged) when the broker did not take it."""
    try:
        # A fresh connection per send: a broker that was down and came back
        # is picked up without a stale pooled connection in the way.
        with task.app.connection_for_write() as connection:
            task.apply_async(
                (pk,),
                connection=connection,
                retry=True,
                retry_policy={
                    "max_retries": 2,
                    "interval_start": 0,
                    "interval_step": 0.5,
                },
            )
    except Exception:
        logger.exception(
            "%s %s could not be queued; the sweep will retry.",
            model._meta.verbose_name,
            pk,
        )
        return False
    model.objects.filter(pk=pk, status=model.Status.WACHTRIJ).update(
        enqueued_at=timezone.now()
    )
    return True

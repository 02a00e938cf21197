"""Celery tasks of the report pipeline. Thin: they call services with a pk."""

from celery import shared_task
from django.conf import settings

from portal.rapportage import services
from portal.rapportage.services import berichten


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=services.MAX_ATTEMPTS,
)
def render_rapport(self, pk: int) -> str:
    """Idempotent: a row that is klaar, mislukt or claimed elsewhere is left alone."""
    try:
        return services.rapport_process(pk=pk)
    except services.TRANSIENT_ERRORS as exc:
        # 10 s, 20 s, 40 s, ... capped below the lease.
        countdown = min(10 * 2**self.request.retries, settings.CELERY_TASK_TIME_LIMIT)
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task
def requeue_stuck_rapporten() -> int:
    """Every minute: reports and publication notices that are stuck."""
    return services.rapport_requeue_stuck() + berichten.berichten_requeue_stuck()


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=berichten.MAX_ATTEMPTS,
)
def send_publicatiebericht(self, pk: int) -> str:
    """One notice to one raadslid. Idempotent: a sent or claimed row is left alone."""
    try:
        return berichten.bericht_send(pk=pk)
    except berichten.SEND_ERRORS as exc:
        # The row is back in the queue; 30 s, 60 s, 120 s ... at most an hour.
        countdown = berichten.backoff(self.request.retries + 1)
        raise self.retry(exc=exc, countdown=countdown) from exc

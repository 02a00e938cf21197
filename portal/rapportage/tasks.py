"""Celery tasks of the report pipeline. Thin: they call services with a pk."""

from celery import shared_task
from django.conf import settings

from portal.rapportage import services


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
    return services.rapport_requeue_stuck()


@shared_task(acks_late=True)
def notify_raad_of_publication(pk: int) -> int:
    return services.send_publication_notice(pk=pk)

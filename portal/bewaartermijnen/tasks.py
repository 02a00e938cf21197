from celery import shared_task
from django.db import OperationalError

from portal.bewaartermijnen import services


@shared_task(
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def anonymise_expired() -> dict:
    """Nightly; idempotent because anonymised rows are no longer due."""
    report = services.anonymise(dry_run=False)
    return {
        "signalen": report.signalen,
        "opmerkingen": report.opmerkingen,
        "aanmeldingen": report.aanmeldingen,
    }

from django.core.management.base import BaseCommand

from portal.bewaartermijnen import services


class Command(BaseCommand):
    help = (
        "Anonymise signalen and comments older than RETENTION_MONTHS, and the "
        "details of residents who signed up for a session that is past."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only report what would change."
        )
        parser.add_argument("--months", type=int, default=None)

    def handle(self, *args, dry_run=False, months=None, **options):
        report = services.anonymise(dry_run=dry_run, months=months)
        verb = "Zou anonimiseren" if dry_run else "Geanonimiseerd"
        self.stdout.write(
            f"{verb} (aangemaakt vóór {report.cutoff:%Y-%m-%d}): "
            f"{report.signalen} signalen, {report.opmerkingen} opmerkingen, "
            f"{report.aanmeldingen} publieke aanmeldingen."
        )

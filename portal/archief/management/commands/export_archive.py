from django.core.management.base import BaseCommand, CommandError

from portal.archief import services


class Command(BaseCommand):
    help = "Write a self-describing archive (zip) of the portal to PATH."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--reden",
            required=True,
            help="Why the archive is exported (goes into the audit trail).",
        )

    def handle(self, *args, path, reden, **options):
        if not reden.strip():
            raise CommandError("Geef de reden van de export (--reden).")
        with open(path, "wb") as target:
            manifest = services.write_archive(target, reden=reden)
        bad = [d for d in manifest["documents"] if not d.get("sha256_ok")]
        self.stdout.write(
            f"Archief geschreven naar {path}: {len(manifest['models'])} modellen, "
            f"{len(manifest['documents'])} documenten, {len(bad)} afwijkend."
        )

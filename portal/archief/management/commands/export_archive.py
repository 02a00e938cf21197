from django.core.management.base import BaseCommand

from portal.archief import services


class Command(BaseCommand):
    help = "Write a self-describing archive (zip) of the portal to PATH."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        with open(path, "wb") as target:
            manifest = services.write_archive(target)
        bad = [d for d in manifest["documents"] if not d.get("sha256_ok")]
        self.stdout.write(
            f"Archief geschreven naar {path}: {len(manifest['models'])} modellen, "
            f"{len(manifest['documents'])} documenten, {len(bad)} afwijkend."
        )

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scans.cbs import CbsImportError, import_cbs_buurten


class Command(BaseCommand):
    help = (
        "Read buurten from a CBS Wijk- en Buurtkaart GeoJSON file (WGS84). "
        "Water-only areas are skipped; existing areas are updated by code."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--gemeente", default="GM0482")

    def handle(self, *args, file: Path, gemeente: str, **options):
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Het bestand kan niet worden gelezen: {exc}") from exc
        try:
            report = import_cbs_buurten(raw, gemeente_code=gemeente)
        except CbsImportError as exc:
            raise CommandError(f"Niets geïmporteerd. {exc}") from exc
        lines = [
            ("Nieuw", report.created),
            ("Bijgewerkt", report.updated),
            ("Ongewijzigd", report.unchanged),
            ("Overgeslagen (alleen water)", report.skipped_water),
        ]
        for label, codes in lines:
            listed = f": {', '.join(codes)}" if codes else ""
            self.stdout.write(f"{label}: {len(codes)}{listed}")
        if report.other_gemeente:
            self.stdout.write(f"Andere gemeenten genegeerd: {report.other_gemeente}")

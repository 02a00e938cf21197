from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from scans.cbs import CbsImportError, CbsImportRefused, import_cbs_buurten


class Command(BaseCommand):
    help = (
        "Read the buurten of the gemeente from the CBS Wijk- en Buurtkaart: the "
        "GeoPackage (RD New) that CBS and PDOK publish, or GeoJSON. Water-only "
        "areas are skipped; existing areas are updated by code; wijk and gemeente "
        "outlines are the union of all their stored buurten. An import that would "
        "shrink or remove areas is refused unless --allow-removals is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--gemeente",
            default=None,
            help="CBS code of the gemeente (default: the GEMEENTE_CODE setting).",
        )
        parser.add_argument(
            "--allow-removals",
            action="store_true",
            help="Import even when areas become smaller or lose buurten.",
        )

    def handle(self, *args, file: Path, gemeente: str | None, **options):
        code = gemeente or settings.GEMEENTE_CODE
        try:
            report = import_cbs_buurten(
                file, gemeente_code=code, allow_removals=options["allow_removals"]
            )
        except CbsImportRefused as exc:
            lines = [
                "Niets geïmporteerd. Deze import zou gebieden verkleinen of weghalen:",
                *self._shrinks(exc.report),
                "Controleer of het bestand de hele gemeente bevat en de nieuwste "
                "kaart is. Is dit de bedoeling, voer de import dan opnieuw uit "
                "met --allow-removals.",
            ]
            raise CommandError("\n".join(lines)) from exc
        except CbsImportError as exc:
            raise CommandError(f"Niets geïmporteerd. {exc}") from exc
        self.stdout.write(f"Bron: {report.source}")
        lines = [
            ("Nieuw", report.created),
            ("Bijgewerkt", report.updated),
            ("Ongewijzigd", report.unchanged),
            ("Overgeslagen (alleen water)", report.skipped_water),
            ("Niet in het bestand (blijven staan)", report.not_in_file),
        ]
        for label, codes in lines:
            listed = f": {', '.join(codes)}" if codes else ""
            self.stdout.write(f"{label}: {len(codes)}{listed}")
        if report.other_gemeente:
            self.stdout.write(f"Andere gemeenten genegeerd: {report.other_gemeente}")
        if report.shrinks:
            self.stdout.write("Verkleind of weggehaald (toegestaan):")
            for line in self._shrinks(report):
                self.stdout.write(line)
        if not report.changed:
            self.stdout.write("Niets gewijzigd.")
        if code != settings.GEMEENTE_CODE:
            self.stdout.write(
                f"Let op: het portaal is ingesteld op {settings.GEMEENTE_CODE} "
                f"(GEMEENTE_CODE), niet op {code}."
            )

    @staticmethod
    def _shrinks(report) -> list[str]:
        return [
            f"  {s.code} {s.name} ({s.level}): {s.lost:.0%} van het huidige "
            "gebied valt weg"
            for s in report.shrinks
        ]

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

#: Demo modules in dependency order; each has an idempotent load().
DEMO_MODULES = [
    "partners.demo",
    "scans.demo",
    "visie.demo",
    "sessies.demo",
    "portal.rapportage.demo",
]


class Command(BaseCommand):
    help = "Load the Alblasserdam demo data. Running it twice changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Also load into a database given by DATABASE_URL.",
        )

    def handle(self, *args, allow_production: bool = False, **options):
        if not settings.EMBEDDED and not allow_production:
            raise CommandError(
                "Demo data is meant for the embedded mode; "
                "pass --allow-production to load it into DATABASE_URL."
            )
        for name in DEMO_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name == name:
                    continue
                raise
            result = module.load()
            summary = ", ".join(f"{k}: {v}" for k, v in (result or {}).items())
            self.stdout.write(f"{name}: {summary or 'ok'}")

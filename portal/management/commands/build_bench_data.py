import json
import random
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from partners.models import Membership

#: Benchmark data builders in dependency order; each has build(scale=, rng=).
BENCH_MODULES = [
    "partners.benchdata",
    "scans.benchdata",
    "visie.benchdata",
    "sessies.benchdata",
    "portal.rapportage.benchdata",
]
SEED = 20261128
#: Named regions (ADR 0014): the scale the other builders use with the areas,
#: rounds and signalen the scans builder takes from its own PRESETS.
PRESET_SCALES = {"drechtsteden": 5}


class Command(BaseCommand):
    help = (
        "Replace the database contents with a reproducible benchmark data set "
        "(Alblasserdam size, --scale 10 for ten times that, or a region by "
        "--preset drechtsteden) and write signed-in sessions per persona for the "
        "load test."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1)
        parser.add_argument(
            "--preset",
            choices=sorted(PRESET_SCALES),
            help="A region's own dimensions instead of a multiple of "
            "Alblasserdam; overrides --scale.",
        )
        parser.add_argument("--sessions-file", type=Path, required=True)
        parser.add_argument(
            "--yes-wipe-database",
            action="store_true",
            help="Confirm that every row in DATABASE_URL may be deleted.",
        )

    def handle(self, *args, scale, preset, sessions_file, yes_wipe_database, **options):
        if not yes_wipe_database:
            raise CommandError("This wipes the database; pass --yes-wipe-database.")
        if preset:
            scale = PRESET_SCALES[preset]
        call_command("flush", "--noinput", verbosity=0)
        rng = random.Random(SEED)
        urls: dict[str, list[str]] = {"start": ["/"], "bare": ["/_bench/kaal/"]}
        for name in BENCH_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name == name:
                    continue
                raise
            # A builder with PRESETS takes the region's own dimensions.
            extra = {"preset": preset} if preset and hasattr(module, "PRESETS") else {}
            result = dict(module.build(scale=scale, rng=rng, **extra) or {})
            urls.update(result.pop("urls", {}))
            self.stdout.write(f"{name}: {result}")
        sessions_file.parent.mkdir(parents=True, exist_ok=True)
        sessions_file.write_text(
            json.dumps({"sessions": self._sessions(), "urls": urls}, indent=2)
        )
        if connection.vendor == "postgresql":
            # Fresh statistics after the bulk load, as autovacuum would give a
            # database that grew over time; without them the planner guesses.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def _sessions(self) -> dict[str, list[str]]:
        """Signed-in session keys per role, so the load test skips the login form."""
        sessions: dict[str, list[str]] = {}
        memberships = Membership.objects.select_related("user").filter(
            user__email__startswith="bench-"
        )
        for membership in memberships.iterator():
            user = membership.user
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            sessions.setdefault(membership.role, []).append(store.session_key)
        return sessions

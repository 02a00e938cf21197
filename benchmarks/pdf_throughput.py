"""PDF reports per minute per worker, on the stack `benchmarks.run` started.

Run inside the benchmark's environment (its DATABASE_URL and REDIS_URL): a
griffier requests gebiedsscan reports for the raad the way the portal does
(`services.rapport_request`, queued on commit), and this waits until the one
Celery worker process (concurrency 1) has finished them all. Prints JSON.
"""

import argparse
import json
import os
import sys
import time

import django


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtaanpak.settings")
    django.setup()

    from partners.models import Role, User
    from portal.rapportage import services
    from portal.rapportage.models import Rapport
    from scans.models import Gebied

    griffier = User.objects.filter(memberships__role=Role.GRIFFIER).first()
    areas = list(Gebied.objects.scan_areas().order_by("code")[: args.reports])
    started = time.monotonic()
    pks = [
        services.rapport_request(
            user=griffier,
            kind="gebiedsscan",
            audience="raad",
            gebied=areas[i % len(areas)],
            title=f"Benchmark {i + 1}",
        ).pk
        for i in range(args.reports)
    ]
    waiting = Rapport.objects.filter(pk__in=pks).exclude(
        status__in=[Rapport.Status.KLAAR, Rapport.Status.MISLUKT]
    )
    while waiting.exists():
        if time.monotonic() - started > args.timeout:
            break
        time.sleep(0.2)
    elapsed = time.monotonic() - started
    done = Rapport.objects.filter(pk__in=pks, status=Rapport.Status.KLAAR).count()
    failed = Rapport.objects.filter(pk__in=pks, status=Rapport.Status.MISLUKT).count()
    print(
        json.dumps(
            {
                "requested": args.reports,
                "done": done,
                "failed": failed,
                "seconds": round(elapsed, 1),
                "per_minute": round(done / elapsed * 60, 1) if elapsed else 0,
            }
        )
    )
    return 0 if done == args.reports else 1


if __name__ == "__main__":
    sys.exit(main())

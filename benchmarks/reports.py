"""PDF report benchmark: render time, our overhead over WeasyPrint, memory.

    .venv/bin/python -m benchmarks.reports            # writes docs/benchmarks.md
    .venv/bin/python -m benchmarks.reports --no-doc   # print only

Runs in the embedded mode against a throwaway SQLite database under a
temporary VAR_DIR, so it needs neither PostgreSQL nor Redis and never touches
development data. Measures:

1. a 20-page gebiedsscan report, rendered end to end (data, template,
   WeasyPrint) against WeasyPrint alone on the same finished HTML: the
   overhead of our data and template work (target at most 20%);
2. the resident memory of the process while it renders 50 reports in a row
   through the same service the Celery worker runs (target under 500 MB).

The data is real: the demo gemeente (load_demo: gebieden, scan rounds,
metingen, signalen, acties) plus extra openbare signalen in the Redersbuurt,
made with the scans models, until the report reaches 20 pages. "Our work"
therefore includes the raad selectors' queries, the index calculation, the
context and the template.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.doc import write_section

BASE = Path(__file__).resolve().parent.parent
TARGET_PAGES = 20


def _setup_django(var_dir: str) -> None:
    for key in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(key, None)
    os.environ["VAR_DIR"] = var_dir
    os.environ["MEDIA_ROOT"] = str(Path(var_dir) / "media")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
    os.environ["LOG_LEVEL"] = "ERROR"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtaanpak.settings")
    sys.path.insert(0, str(BASE))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


#: openbare observations as a wijkagent or buurtwerker writes them down
SIGNAAL_TEKSTEN = [
    "Losliggende tegels en zwerfvuil bij de speelplek, gemeld tijdens de schouw.",
    "Bewoners melden geluidsoverlast van scooters op de werfkade na 22.00 uur.",
    "Straatverlichting in de achterpaden valt regelmatig uit.",
    "Afvalbakken bij de bushalte zitten aan het eind van de week vol.",
    "Bewonersavond goed bezocht; behoefte aan een vaste ontmoetingsplek.",
]


def _grow_signalen(gebied, extra: int, *, start: int = 0) -> None:
    """Add openbare signalen to the area, dated over the past year."""
    from datetime import timedelta

    from django.utils import timezone

    from scans.models import Signaal, Thema

    template = Signaal.objects.filter(gebied=gebied).first()
    themas = list(Thema.objects.order_by("code"))
    today = timezone.localdate()
    Signaal.objects.bulk_create(
        [
            Signaal(
                gebied=gebied,
                thema=themas[i % len(themas)],
                soort=Signaal.Soort.HOT_SPOT,
                text=f"{SIGNAAL_TEKSTEN[i % len(SIGNAAL_TEKSTEN)]} (melding {i + 1})",
                waargenomen_op=today - timedelta(days=i % 365),
                rubricering="openbaar",
                organisation=template.organisation,
                author=template.author,
            )
            for i in range(start, start + extra)
        ]
    )


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def measure(*, repeats: int, reports: int) -> dict:
    from django.core.management import call_command
    from django.db import transaction

    from partners.models import Role, User
    from portal.rapportage import pdf, services
    from portal.rapportage.models import Rapport
    from scans.models import Gebied

    call_command("load_demo", verbosity=0)
    user = User.objects.filter(memberships__role=Role.GRIFFIER).first()
    gebied = Gebied.objects.get(code="BU04820102")

    def new_rapport() -> Rapport:
        with transaction.atomic():
            return Rapport.objects.create(
                kind="gebiedsscan",
                audience="raad",
                # By id: each report reads the area afresh, as a worker would.
                gebied_id=gebied.pk,
                title="Benchmark",
                requested_by=user,
            )

    # Grow the area's openbare signalen until the report is 20 pages.
    # A first batch measures how many signalen fill a page.
    rows = 0
    base_pages = None
    while True:
        result = pdf.html_to_pdf(services.render_html(new_rapport()))
        if result.page_count >= TARGET_PAGES:
            break
        if base_pages is None:
            base_pages, extra = result.page_count, 40
        else:
            per_page = rows / max(result.page_count - base_pages, 1)
            extra = int((TARGET_PAGES - result.page_count) * per_page) + 2
        _grow_signalen(gebied, extra, start=rows)
        rows += extra

    full, weasy, html_only = [], [], []
    for _ in range(repeats):
        rapport = new_rapport()
        t0 = time.perf_counter()
        html = services.render_html(rapport)
        t1 = time.perf_counter()
        result = pdf.html_to_pdf(html)
        t2 = time.perf_counter()
        full.append(t2 - t0)
        html_only.append(t1 - t0)
        t3 = time.perf_counter()
        pdf.html_to_pdf(html)
        weasy.append(time.perf_counter() - t3)

    start_rss = _rss_mb()
    peak = start_rss
    samples = []
    for i in range(reports):
        rapport = new_rapport()
        services.rapport_process(pk=rapport.pk)
        peak = max(peak, _rss_mb())
        if i % 10 == 9:
            samples.append(round(_rss_mb()))

    median_full = statistics.median(full)
    median_weasy = statistics.median(weasy)
    return {
        "pages": result.page_count,
        "rows": rows,
        "full_s": median_full,
        "weasy_s": median_weasy,
        "html_s": statistics.median(html_only),
        "overhead_pct": (median_full - median_weasy) / median_weasy * 100,
        "start_mb": start_rss,
        "peak_mb": peak,
        "samples": samples,
        "reports": reports,
        "repeats": repeats,
    }


def render(r: dict) -> str:
    machine = (
        f"{platform.node() or 'host'}: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )
    ok_overhead = "met" if r["overhead_pct"] <= 20 else "NOT met"
    ok_memory = "met" if r["peak_mb"] < 500 else "NOT met"
    samples = ", ".join(map(str, r["samples"]))
    return "\n".join(
        [
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine}.",
            "Command: `.venv/bin/python -m benchmarks.reports`.",
            "",
            "| measure | value |",
            "|---|---|",
            f"| gebiedsscan report | {r['pages']} pages (A4) |",
            f"| data | demo (load_demo) plus {r['rows']} openbare signalen in the "
            "Redersbuurt |",
            f"| end to end (data, template, WeasyPrint), median of {r['repeats']} "
            f"| {r['full_s']:.2f} s |",
            f"| WeasyPrint alone on the same finished HTML | {r['weasy_s']:.2f} s |",
            f"| our data and template work | {r['html_s'] * 1000:.0f} ms |",
            f"| overhead over WeasyPrint (target ≤ 20%) | {r['overhead_pct']:.1f}% "
            f"({ok_overhead}) |",
            f"| process memory before the run | {r['start_mb']:.0f} MB |",
            f"| peak memory over {r['reports']} reports in a row (target < 500 MB) "
            f"| {r['peak_mb']:.0f} MB ({ok_memory}) |",
            f"| memory after every 10 reports | {samples} MB |",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--reports", type=int, default=50)
    parser.add_argument("--no-doc", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as var_dir:
        _setup_django(var_dir)
        results = measure(repeats=args.repeats, reports=args.reports)
    section = render(results)
    print(section)
    if not args.no_doc:
        write_section("reports", "PDF reports", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())

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

The scans app's raad selectors have not landed yet; a stand-in module with
the same function names feeds the report synthetic rows so the document
reaches 20 pages. The stand-in returns prepared rows, so "our work" here is
the selector plumbing, template and context; the database share is measured
once the real selectors exist.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
import types
from datetime import UTC, datetime
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
DOC = BASE / "docs" / "benchmarks.md"
START, END = "<!-- bench:reports:start -->", "<!-- bench:reports:end -->"
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


def _stand_in_selectors(rows: int) -> None:
    """Synthetic raad-safe rows, under the names buurtaanpak.rapportage.raad calls."""
    bands = ["gunstig", "gemiddeld", "ongunstig", "zeer ongunstig"]
    themes = ["Wonen", "Openbare ruimte", "Voorzieningen", "Overlast", "Binding"]

    def raad_indices(gebied):
        return [
            {"Domein": d, "Index": 100 + i * 3, "Klasse": bands[i % 4], "Trend": "+2"}
            for i, d in enumerate(["Sociaal", "Fysiek", "Veiligheid"])
        ]

    def raad_themes(gebied):
        return [
            {
                "Thema": f"{themes[i % 5]} {i}",
                "Score": 80 + i % 40,
                "Klasse": bands[i % 4],
                "Ronde": f"2025-{1 + i % 2}",
            }
            for i in range(rows)
        ]

    def raad_signalen(gebied):
        return [
            {
                "Datum": f"{1 + i % 28:02d}-03-2025",
                "Signaal": f"Openbaar signaal {i}: losliggende tegels en zwerfvuil "
                "bij de speelplek, gemeld tijdens de schouw met bewoners.",
            }
            for i in range(rows)
        ]

    def raad_acties(gebied=None):
        return [
            {"Actie": f"Actie {i}", "Eigenaar": "Team Buitenruimte", "Stand": "loopt"}
            for i in range(rows // 2)
        ]

    module = types.ModuleType("scans.selectors")
    module.raad_indices = raad_indices
    module.raad_themes = raad_themes
    module.raad_signalen = raad_signalen
    module.raad_acties = raad_acties
    sys.modules["scans.selectors"] = module


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def measure(*, repeats: int, reports: int) -> dict:
    from django.db import transaction

    from buurtaanpak.rapportage import pdf, services
    from buurtaanpak.rapportage.models import Rapport
    from partners.models import Membership, Organisation, Role, User
    from scans.models import Gebied

    griffie, _ = Organisation.objects.get_or_create(
        slug="griffie", defaults={"name": "Griffie", "kind": "griffie"}
    )
    user, _ = User.objects.get_or_create(email="bench@griffie.test")
    Membership.objects.get_or_create(
        user=user, organisation=griffie, defaults={"role": Role.GRIFFIER}
    )
    gebied, _ = Gebied.objects.get_or_create(
        code="BU04820102",
        defaults={
            "name": "Redersbuurt",
            "level": "buurt",
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[4.655, 51.858], [4.672, 51.858], [4.672, 51.866], [4.655, 51.858]]
                ],
            },
        },
    )

    def new_rapport() -> Rapport:
        with transaction.atomic():
            return Rapport.objects.create(
                kind="gebiedsscan",
                audience="raad",
                gebied=gebied,
                title="Benchmark",
                requested_by=user,
            )

    # Grow the stand-in data until the report is 20 pages.
    rows = 60
    while True:
        _stand_in_selectors(rows)
        result = pdf.html_to_pdf(services.render_html(new_rapport()))
        if result.page_count >= TARGET_PAGES:
            break
        rows = int(rows * TARGET_PAGES / max(result.page_count, 1) * 1.05) + 1

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


def write_doc(section: str) -> None:
    text = DOC.read_text()
    block = f"{START}\n{section}\n{END}"
    if START in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + f"\n\n## PDF reports\n\n{block}\n"
    DOC.write_text(text)


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
        write_doc(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())

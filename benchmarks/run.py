"""`make bench`: the production stack on loopback, loaded by locust.

Starts gunicorn, a Celery worker and uses the local PostgreSQL and Redis (a
separate database and Redis db number, never the development data), builds the
benchmark data at scale 1 and 10 and the Drechtsteden region, and for each
data set runs:

1. what the browser pays: each page with the stylesheets and scripts it
   loads, compressed as served;
2. a mixed load of partner staff, griffiers and raadsleden (100 users);
3. throughput runs of every page next to the bare view, at the same
   concurrency, for the ceiling ratio.

Results go to docs/benchmarks.md between the load-test markers.
"""

import argparse
import csv
import html.parser
import json
import os
import platform
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import redis

from benchmarks.doc import write_section

BASE = Path(__file__).resolve().parent.parent
OUT = BASE / "var" / "bench"
TARGET_PAGES = ["start", "overview", "gebied"]
#: Every page the bench measures, with the role that visits it.
PAGE_ROLES = {
    "bare": "medewerker",
    "start": "medewerker",
    "overview": "medewerker",
    "gebied": "medewerker",
    "gebieden": "medewerker",
    "signalen": "medewerker",
    "acties": "medewerker",
    "visie": "medewerker",
    "partners": "medewerker",
    "sessies": "griffier",
    "rapporten": "raadslid",
}
#: The issue's targets (issue 18).
P95_MS = 100  # every page, mixed load
REGION_P95_MS = 150  # the overview and its map at the region
REGION_OVERVIEW_KB = 500
PAGE_KB = 150  # HTML, CSS and JS a page loads, as transferred
SHARE_EVERY, SHARE_START = 0.33, 0.5


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(db_name: str, redis_db: int) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db_name}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "BENCHMARK_ENDPOINTS": "true",
        "LOG_LEVEL": "WARNING",
    }


def ensure_database(name: str) -> None:
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres") as conn:
        conn.autocommit = True
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def manage(env, *args) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE, env=env, check=True)


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up")


def locust(env, host, classes, users, seconds, prefix, *, sessions, only=None):
    run_env = {**env, "BENCH_SESSIONS": str(sessions)}
    if only:
        run_env["BENCH_ONLY"] = only
        run_env["BENCH_ROLE"] = PAGE_ROLES.get(only, "medewerker")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(BASE / "benchmarks" / "locustfile.py"),
            "--headless",
            "--host",
            host,
            "-u",
            str(users),
            "-r",
            str(max(users // 5, 1)),
            "-t",
            f"{seconds}s",
            "--csv",
            str(OUT / prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            *classes,
        ],
        cwd=BASE,
        env=run_env,
        check=False,  # locust exits 1 when a request failed; the figures say so
        stdout=subprocess.DEVNULL,
    )
    with open(OUT / f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def pdf_throughput(env, reports: int) -> dict:
    """Reports per minute from the one worker process (see pdf_throughput.py)."""
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.pdf_throughput", "--reports", str(reports)],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = result.stdout.strip().splitlines()
    if not lines:
        return {"requested": reports, "done": 0, "failed": 0, "error": result.stderr}
    return json.loads(lines[-1])


def row_for(rows, name):
    return next((r for r in rows if r["Name"] == name), None)


MIXED = ["PartnerStaff", "Griffier", "Raadslid"]


class Stack:
    """One scale's data set, served by gunicorn with a Celery worker beside it.

    Each scale has its own database and Redis db, so the stacks of both scales
    can run side by side and the load runs can alternate between them: a
    machine that is slower for a while then slows both, not one.
    """

    def __init__(self, scale: str, redis_db: int):
        self.scale = scale  # "1", "10" or a preset's name
        self.env = environment(f"buurtaanpak_bench_{scale}", redis_db=redis_db)
        self.sessions = OUT / f"sessions_{scale}.json"
        self.host = ""
        self.processes: list[subprocess.Popen] = []

    def build(self) -> None:
        # The cache tells kept results apart by table, not by database.
        redis.Redis.from_url(self.env["REDIS_URL"]).flushdb()
        ensure_database(f"buurtaanpak_bench_{self.scale}")
        manage(self.env, "migrate", "--noinput", "-v0")
        manage(self.env, "collectstatic", "--noinput", "-v0")
        manage(
            self.env,
            "build_bench_data",
            *data_args(self.scale),
            "--yes-wipe-database",
            "--sessions-file",
            str(self.sessions),
        )

    def start(self) -> None:
        port = free_port()
        self.host = f"http://127.0.0.1:{port}"
        cores = os.cpu_count() or 2
        self.processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "buurtaanpak.wsgi:application",
                    f"--bind=127.0.0.1:{port}",
                    f"--workers={2 * cores}",
                    "--log-level=warning",
                ],
                cwd=BASE,
                env=self.env,
            ),
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "--app=buurtaanpak",
                    "worker",
                    "--concurrency=1",
                    "--loglevel=WARNING",
                ],
                cwd=BASE,
                env=self.env,
            ),
        ]
        wait_for(f"{self.host}/gezondheid/")

    def stop(self) -> None:
        for proc in self.processes:
            proc.send_signal(signal.SIGTERM)
        for proc in self.processes:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()

    def load(self, classes, users, seconds, prefix, only=None) -> list[dict]:
        return locust(
            self.env,
            self.host,
            classes,
            users,
            seconds,
            prefix,
            sessions=self.sessions,
            only=only,
        )


def data_args(scale: str) -> list[str]:
    """`build_bench_data` arguments: a number is a scale, a name a preset."""
    return ["--scale", scale] if scale.isdigit() else ["--preset", scale]


def label(scale: str) -> str:
    return f"{scale}×" if scale.isdigit() else scale.capitalize()


class _Resources(html.parser.HTMLParser):
    """Stylesheets, scripts and the map a page links to; the text of its main."""

    def __init__(self):
        super().__init__()
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.maps: list[str] = []
        self.h1 = False
        self.main_text = 0
        self._in_main = self._in_script = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split():
            self.styles.append(a["href"])
        elif tag == "script":
            self._in_script += 1
            if a.get("src"):
                self.scripts.append(a["src"])
        elif tag == "main":
            self._in_main += 1
        elif tag == "h1":
            self.h1 = True
        if a.get("data-geojson-url"):
            self.maps.append(a["data-geojson-url"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script -= 1
        elif tag == "main":
            self._in_main -= 1

    def handle_data(self, data):
        if self._in_main and not self._in_script:
            self.main_text += len(data.strip())


def _transferred(host: str, path: str, cookie: str) -> tuple[int, bytes]:
    """Bytes of the body as sent (compressed if the server compresses)."""
    request = urllib.request.Request(  # noqa: S310 (loopback only)
        host + path,
        headers={"Cookie": f"sessionid={cookie}", "Accept-Encoding": "gzip, br"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
        return len(body), body


def browser_sizes(stack: "Stack") -> dict[str, dict]:
    """Per page: HTML, CSS and JS transferred, and the map it fetches.

    The page's own stylesheets and scripts are fetched as a browser with an
    empty cache does (map tiles come from elsewhere and are left out).
    """
    data = json.loads(stack.sessions.read_text())
    sizes = {}
    for page, role in PAGE_ROLES.items():
        paths = data["urls"].get(page)
        if page == "bare" or not paths:
            continue
        cookie = data["sessions"][role][0]
        html_bytes, body = _transferred(stack.host, paths[0], cookie)
        found = _Resources()
        found.feed(body.decode("utf-8", "replace"))
        css = sum(_transferred(stack.host, u, cookie)[0] for u in set(found.styles))
        js = sum(_transferred(stack.host, u, cookie)[0] for u in set(found.scripts))
        geo = sum(_transferred(stack.host, u, cookie)[0] for u in set(found.maps))
        sizes[page] = {
            "html": html_bytes,
            "css": css,
            "js": js,
            "map": geo,
            "without_js": found.h1 and found.main_text > 0,
        }
    return sizes


def measure(
    scales: list[str],
    *,
    users: int,
    seconds: int,
    repeats: int,
    warmup: int,
    solo_seconds: int,
    pdf_reports: int,
) -> dict:
    """Build every scale, then alternate the mixed-load runs between them."""
    stacks = [Stack(scale, redis_db=6 + i) for i, scale in enumerate(scales)]
    results = {
        s.scale: {"mixed": [], "solo": {}, "sizes": {}, "pdf": None} for s in stacks
    }
    for stack in stacks:
        stack.build()
    try:
        for stack in stacks:
            stack.start()
            results[stack.scale]["sizes"] = browser_sizes(stack)
            if warmup:
                # Warm caches and connections as a running portal has them;
                # these figures are not kept.
                stack.load(MIXED, users, warmup, f"warmup_{stack.scale}")
        for run in range(1, repeats + 1):
            for stack in stacks:
                rows = stack.load(MIXED, users, seconds, f"mixed_{stack.scale}_{run}")
                results[stack.scale]["mixed"].append(rows)
        for stack in stacks:
            for page in PAGE_ROLES:
                rows = stack.load(
                    ["Solo"],
                    users,
                    solo_seconds,
                    f"solo_{page}_{stack.scale}",
                    only=page,
                )
                results[stack.scale]["solo"][page] = row_for(rows, page)
        for stack in stacks:
            if pdf_reports:
                results[stack.scale]["pdf"] = pdf_throughput(stack.env, pdf_reports)
    finally:
        for stack in stacks:
            stack.stop()
    return results


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def summarise(runs: list[list[dict]]) -> dict[str, dict]:
    """Per page over the repeated mixed-load runs: totals and medians."""
    pages: dict[str, dict] = {}
    for rows in runs:
        for row in rows:
            page = pages.setdefault(
                row["Name"],
                {"requests": 0, "errors": 0}
                | {key: [] for key in ("p50", "p95", "p99", "rps")},
            )
            page["requests"] += int(row["Request Count"])
            page["errors"] += int(row["Failure Count"])
            for key, column in (("p50", "50%"), ("p95", "95%"), ("p99", "99%")):
                page[key].append(float(row[column] or 0))
            page["rps"].append(float(row["Requests/s"]))
    return pages


def render(results: dict, *, settings: dict, measured_at: str) -> str:
    users, seconds = settings["users"], settings["seconds"]
    repeats = settings["repeats"]
    lines = [
        f"Measured {measured_at} UTC on {platform.node()}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"gunicorn {2 * (os.cpu_count() or 2)} sync workers, PostgreSQL and Redis "
        f"on loopback. Mixed load: {users} users for {seconds} s, {repeats} runs "
        f"per data set, alternating between the data sets, after "
        f"{settings['warmup']} s of warm-up that is not counted; the latencies "
        f"are the median of the runs. Throughput: {users} users without think "
        f"time for {settings['solo_seconds']} s per page.",
        "",
    ]
    summaries = {scale: summarise(data["mixed"]) for scale, data in results.items()}
    for scale, data in results.items():
        lines += [
            f"### Data set {label(scale)}",
            "",
            "| page | requests | errors | p50 ms | p95 ms | p99 ms | req/s "
            "| p95 per run |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for name, page in sorted(summaries[scale].items(), key=_aggregated_last):
            lines.append(
                f"| {name} | {page['requests']} | {page['errors']} "
                f"| {_median(page['p50']):.0f} | {_median(page['p95']):.0f} "
                f"| {_median(page['p99']):.0f} | {_median(page['rps']):.1f} "
                f"| {' / '.join(f'{v:.0f}' for v in page['p95'])} |"
            )
        shares = throughput_shares(data)
        if shares:
            lines += [
                "",
                "| throughput | req/s | share of bare view |",
                "|---|---:|---:|",
            ]
            for page, (rps, share) in shares.items():
                lines.append(f"| {page} | {rps:.1f} | {share:.0%} |")
        sizes = data.get("sizes")
        if sizes:
            lines += [
                "",
                "What the browser pays with an empty cache: the page, the "
                "stylesheets and scripts it loads, as transferred (KB; map "
                "tiles left out). The map is the GeoJSON resource the page's map "
                "fetches; it is not part of the page's total.",
                "",
                "| page | HTML | CSS | JS | total | map | content without JS |",
                "|---|---:|---:|---:|---:|---:|---|",
            ]
            for page, row in sizes.items():
                lines.append(
                    f"| {page} | {_kb(row['html'])} | {_kb(row['css'])} "
                    f"| {_kb(row['js'])} | {_kb(_total(row))} "
                    f"| {_kb(row['map']) if row['map'] else '–'} "
                    f"| {'yes' if row['without_js'] else 'no'} |"
                )
        pdf = data.get("pdf")
        if pdf:
            lines += [
                "",
                f"PDF reports: {pdf['requested']} gebiedsscan reports for the raad "
                f"requested at once, rendered by one Celery worker process "
                f"(concurrency 1) after the load test: {pdf['done']} done, "
                f"{pdf['failed']} failed, in {pdf.get('seconds', '–')} s, "
                f"**{pdf.get('per_minute', 0)} reports per minute per worker**.",
            ]
        lines.append("")
    growth = growth_of_p95(summaries)
    if growth:
        lines += [
            "### Growth of p95 from 1× to 10× data",
            "",
            "Median p95 of the runs at each scale, and the factor of each pair of "
            "runs (run *n* at 1× against run *n* at 10×, measured minutes apart).",
            "",
            "| page | p95 1× | p95 10× | factor | factor per run |",
            "|---|---:|---:|---:|---|",
        ]
        for name, row in growth.items():
            lines.append(
                f"| {name} | {row['small']:.0f} | {row['big']:.0f} "
                f"| {row['factor']:.2f} "
                f"| {' / '.join(f'{f:.2f}' for f in row['pairs'])} |"
            )
        lines.append("")
    return "\n".join(
        lines + against_the_targets(results, summaries, growth, users=users)
    )


def _aggregated_last(item: tuple[str, dict]) -> tuple[bool, str]:
    return item[0] == "Aggregated", item[0]


def _kb(n: int) -> str:
    return f"{n / 1024:.0f}" if n >= 1024 or not n else f"{n / 1024:.1f}"


def _total(row: dict) -> int:
    return row["html"] + row["css"] + row["js"]


def throughput_shares(data: dict) -> dict[str, tuple[float, float]]:
    """Per page: requests per second and its share of the bare view's."""
    bare = data["solo"].get("bare")
    ceiling = float(bare["Requests/s"]) if bare else 0.0
    if not ceiling:
        return {}
    return {
        page: (float(row["Requests/s"]), float(row["Requests/s"]) / ceiling)
        for page, row in data["solo"].items()
        if row
    }


def growth_of_p95(summaries: dict[str, dict]) -> dict[str, dict]:
    if "1" not in summaries or "10" not in summaries:
        return {}
    growth = {}
    for name, small in sorted(summaries["1"].items()):
        big = summaries["10"].get(name)
        if name == "Aggregated" or not big or not _median(small["p95"]):
            continue
        pairs = [b / s for s, b in zip(small["p95"], big["p95"], strict=False) if s]
        growth[name] = {
            "small": _median(small["p95"]),
            "big": _median(big["p95"]),
            "factor": _median(big["p95"]) / _median(small["p95"]),
            "pairs": pairs,
        }
    return growth


def against_the_targets(
    results: dict, summaries: dict, growth: dict, *, users: int
) -> list[str]:
    """The issue's targets, each met or missed by this run's own figures."""

    def verdict(ok: bool) -> str:
        return "**met**" if ok else "**missed**"

    lines = ["### Against the targets (this run)", ""]
    errors = {
        scale: sum(p["errors"] for n, p in pages.items() if n != "Aggregated")
        for scale, pages in summaries.items()
    }
    lines.append(
        f"- 0 errors under the mixed load: {verdict(not any(errors.values()))} "
        f"({', '.join(f'{n} at {label(s)}' for s, n in errors.items())})."
    )
    for scale, pages in summaries.items():
        p95 = {n: _median(p["p95"]) for n, p in pages.items() if n != "Aggregated"}
        if not p95:
            continue
        over = sorted((n for n, v in p95.items() if v >= P95_MS), key=p95.get)
        worst = max(p95, key=p95.get)
        lines.append(
            f"- p95 under {P95_MS} ms for every page and map at {users} users, "
            f"{label(scale)}: {verdict(not over)} (slowest: {worst} "
            f"{p95[worst]:.0f} ms"
            + (
                f"; over: {', '.join(f'{n} {p95[n]:.0f}' for n in over)}"
                if over
                else ""
            )
            + ")."
        )
    for scale, data in results.items():
        if scale.isdigit():
            continue
        pages = summaries.get(scale, {})
        p95 = {
            n: _median(pages[n]["p95"])
            for n in ("overview", "overview map")
            if n in pages
        }
        size = data.get("sizes", {}).get("overview")
        if p95:
            ok = all(v < REGION_P95_MS for v in p95.values())
            lines.append(
                f"- The overview and its map under {REGION_P95_MS} ms p95 at "
                f"{label(scale)}: {verdict(ok)}"
                f" ({', '.join(f'{n} {v:.0f} ms' for n, v in p95.items())})."
            )
        if size:
            total = _total(size) + size["map"]
            lines.append(
                f"- The overview with its map under {REGION_OVERVIEW_KB} KB at "
                f"{label(scale)}: {verdict(total < REGION_OVERVIEW_KB * 1024)} "
                f"({_kb(total)} KB, of which the map {_kb(size['map'])} KB)."
            )
    for scale, data in results.items():
        shares = throughput_shares(data)
        pages = {p: v for p, (_, v) in shares.items() if p != "bare"}
        if not pages:
            continue
        low = sorted((p for p, v in pages.items() if v < SHARE_EVERY), key=pages.get)
        start = pages.get("start", 0.0)
        lowest = min(pages, key=pages.get)
        lines.append(
            f"- Throughput of every page at least {SHARE_EVERY:.0%} of the bare "
            f"view, {label(scale)}: {verdict(not low)} (lowest: {lowest} "
            f"{pages[lowest]:.0%}"
            + (
                f"; under: {', '.join(f'{p} {pages[p]:.0%}' for p in low)}"
                if low
                else ""
            )
            + f"); start at least {SHARE_START:.0%}: "
            f"{verdict(start >= SHARE_START)} ({start:.0%}); gebied at least "
            f"{SHARE_EVERY:.0%}: {verdict(pages.get('gebied', 0) >= SHARE_EVERY)} "
            f"({pages.get('gebied', 0):.0%})."
        )
    if growth:
        targets = {n: growth[n]["factor"] for n in TARGET_PAGES if n in growth}
        others = {n: row["factor"] for n, row in growth.items() if n not in targets}
        worst = max(others, key=others.get) if others else None
        ok = len(targets) == len(TARGET_PAGES) and max(targets.values()) < 1.5
        lines.append(
            f"- p95 of start, overview and gebied grows less than 1.5× from 1× to "
            f"10× data: {verdict(ok)} "
            f"({', '.join(f'{n} ×{f:.2f}' for n, f in targets.items())})"
            + (
                f"; the other pages and resources: "
                f"{'all' if max(others.values()) < 1.5 else 'not all'} under 1.5× "
                f"(largest: {worst} ×{others[worst]:.2f})."
                if worst
                else "."
            )
        )
    for scale, data in results.items():
        sizes = data.get("sizes")
        if not sizes:
            continue
        totals = {p: _total(r) for p, r in sizes.items()}
        biggest = max(totals, key=totals.get)
        over = [p for p, t in totals.items() if t >= PAGE_KB * 1024]
        no_js = [p for p, r in sizes.items() if not r["without_js"]]
        lines.append(
            f"- Every page under {PAGE_KB} KB transferred (HTML, CSS, JS), "
            f"{label(scale)}: {verdict(not over)} (largest: {biggest} "
            f"{_kb(totals[biggest])} KB"
            + (f"; over: {', '.join(over)}" if over else "")
            + f"); its content in the HTML without JavaScript: {verdict(not no_js)}"
            + (f" (not: {', '.join(no_js)})" if no_js else "")
            + "."
        )
    lines.append("")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--scales",
        default="1,10,drechtsteden",
        help="data sets: a number is a scale of the demo gemeente, a name a preset",
    )
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=90)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--solo-seconds", type=int, default=15)
    parser.add_argument("--pdf-reports", type=int, default=20)
    parser.add_argument("--no-doc", action="store_true")
    parser.add_argument(
        "--render-only",
        action="store_true",
        help="write the section again from the last run's var/bench/results.json",
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.render_only:
        saved = json.loads((OUT / "results.json").read_text())
    else:
        settings = {
            "users": args.users,
            "seconds": args.seconds,
            "repeats": args.repeats,
            "warmup": args.warmup,
            "solo_seconds": args.solo_seconds,
        }
        saved = {
            "measured_at": f"{datetime.now(UTC):%Y-%m-%d %H:%M}",
            "settings": settings,
            "scales": measure(
                args.scales.split(","),
                pdf_reports=args.pdf_reports,
                **settings,
            ),
        }
        (OUT / "results.json").write_text(json.dumps(saved, indent=2))
    section = render(
        saved["scales"],
        settings=saved["settings"],
        measured_at=saved["measured_at"],
    )
    print(section)
    if not args.no_doc:
        write_section("load", "Load test", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`make bench`: the production stack on loopback, loaded by locust.

Starts gunicorn, a Celery worker and uses the local PostgreSQL and Redis (a
separate database and Redis db number, never the development data), builds the
benchmark data at scale 1 and 10, and for each scale runs:

1. a mixed load of partner staff, griffiers and raadsleden (50 users, 2 min);
2. throughput runs of single pages next to the bare view, at the same
   concurrency, for the ceiling ratio.

Results go to docs/benchmarks.md between the load-test markers.
"""

import argparse
import csv
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from benchmarks.doc import write_section

BASE = Path(__file__).resolve().parent.parent
OUT = BASE / "var" / "bench"
TARGET_PAGES = ["start", "overview", "gebied"]


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


def locust(env, host, classes, users, seconds, prefix, only=None) -> list[dict]:
    run_env = {**env, "BENCH_SESSIONS": str(OUT / "sessions.json")}
    if only:
        run_env["BENCH_ONLY"] = only
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


def measure(
    scale: int, *, users: int, seconds: int, solo_seconds: int, pdf_reports: int
) -> dict:
    db_name = f"buurtaanpak_bench_{scale}"
    ensure_database(db_name)
    env = environment(db_name, redis_db=6)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(
        env,
        "build_bench_data",
        "--scale",
        str(scale),
        "--yes-wipe-database",
        "--sessions-file",
        str(OUT / "sessions.json"),
    )
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    cores = os.cpu_count() or 2
    web = subprocess.Popen(
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
        env=env,
    )
    worker = subprocess.Popen(
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
        env=env,
    )
    try:
        wait_for(f"{host}/gezondheid/")
        mixed = locust(
            env,
            host,
            ["PartnerStaff", "Griffier", "Raadslid"],
            users,
            seconds,
            f"mixed_{scale}",
        )
        solo = {}
        for page in ["bare", "start", "overview"]:
            rows = locust(
                env,
                host,
                ["Solo"],
                users,
                solo_seconds,
                f"solo_{page}_{scale}",
                only=page,
            )
            solo[page] = row_for(rows, page)
        pdf = pdf_throughput(env, pdf_reports) if pdf_reports else None
    finally:
        for proc in (web, worker):
            proc.send_signal(signal.SIGTERM)
        for proc in (web, worker):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    return {"mixed": mixed, "solo": solo, "pdf": pdf}


def render(
    results: dict, *, users: int, seconds: int, solo_seconds: int, measured_at: str
) -> str:
    lines = [
        f"Measured {measured_at} UTC on {platform.node()}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"gunicorn {2 * (os.cpu_count() or 2)} sync workers, PostgreSQL and Redis "
        f"on loopback. Mixed load: {users} users for {seconds} s; throughput: "
        f"{users} users without think time for {solo_seconds} s per page.",
        "",
    ]
    p95 = {}
    for scale, data in results.items():
        lines += [
            f"### Data scale {scale}×",
            "",
            "| page | requests | errors | p50 ms | p95 ms | p99 ms | req/s |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for row in data["mixed"]:
            lines.append(
                f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} "
                f"| {row['50%']} | {row['95%']} | {row['99%']} "
                f"| {float(row['Requests/s']):.1f} |"
            )
            p95[(scale, row["Name"])] = float(row["95%"] or 0)
        bare = data["solo"].get("bare")
        if bare:
            ceiling = float(bare["Requests/s"])
            lines += [
                "",
                "| throughput | req/s | share of bare view |",
                "|---|---:|---:|",
            ]
            for page, row in data["solo"].items():
                if row:
                    rps = float(row["Requests/s"])
                    share = rps / ceiling if ceiling else 0
                    lines.append(f"| {page} | {rps:.1f} | {share:.0%} |")
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
    if len(results) > 1:
        lines += [
            "### Growth of p95 from 1× to 10× data",
            "",
            "| page | p95 1× | p95 10× | factor |",
            "|---|---:|---:|---:|",
        ]
        for (scale, name), value in sorted(p95.items()):
            if scale == 1 and (10, name) in p95 and name != "Aggregated":
                big = p95[(10, name)]
                factor = big / value if value else 0
                lines.append(f"| {name} | {value:.0f} | {big:.0f} | {factor:.2f} |")
        lines.append("")
    return "\n".join(lines + against_the_targets(results, p95))


def against_the_targets(results: dict, p95: dict) -> list[str]:
    """The issue's targets, each met or missed by this run's own figures."""

    def verdict(ok: bool) -> str:
        return "**met**" if ok else "**missed**"

    lines = ["### Against the targets (this run)", ""]
    errors = {
        scale: sum(
            int(r["Failure Count"]) for r in data["mixed"] if r["Name"] != "Aggregated"
        )
        for scale, data in results.items()
    }
    lines.append(
        f"- 0 errors under the mixed load: {verdict(not any(errors.values()))} "
        f"({', '.join(f'{n} at {s}×' for s, n in errors.items())})."
    )
    if 1 in results:
        values = {name: p95.get((1, name)) for name in TARGET_PAGES}
        ok = all(v is not None and v < 150 for v in values.values())
        shown = ", ".join(f"{n} {v:.0f} ms" for n, v in values.items() if v)
        lines.append(
            f"- p95 under 150 ms for start, overview and gebied at 1×: {verdict(ok)} "
            f"({shown})."
        )
    growth = {
        name: p95[(10, name)] / value
        for (scale, name), value in p95.items()
        if scale == 1 and (10, name) in p95 and name != "Aggregated" and value
    }
    if growth:
        worst = max(growth, key=growth.get)
        lines.append(
            f"- p95 grows less than 1.5× from 1× to 10× data: "
            f"{verdict(max(growth.values()) < 1.5)} (largest: {worst} "
            f"×{growth[worst]:.2f})."
        )
    shares = []
    for scale, data in results.items():
        bare = data["solo"].get("bare")
        for page in ("start", "overview"):
            row = data["solo"].get(page)
            if bare and row and float(bare["Requests/s"]):
                share = float(row["Requests/s"]) / float(bare["Requests/s"])
                shares.append((f"{page} {share:.0%} at {scale}×", share))
    if shares:
        lines.append(
            f"- start and overview throughput at least 30% of the bare view: "
            f"{verdict(all(v >= 0.3 for _, v in shares))} "
            f"({', '.join(text for text, _ in shares)})."
        )
    lines.append("")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--solo-seconds", type=int, default=30)
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
        saved = {
            "measured_at": f"{datetime.now(UTC):%Y-%m-%d %H:%M}",
            "users": args.users,
            "seconds": args.seconds,
            "solo_seconds": args.solo_seconds,
            "scales": {
                scale: measure(
                    scale,
                    users=args.users,
                    seconds=args.seconds,
                    solo_seconds=args.solo_seconds,
                    pdf_reports=args.pdf_reports,
                )
                for scale in [int(s) for s in args.scales.split(",")]
            },
        }
        (OUT / "results.json").write_text(json.dumps(saved, indent=2))
    section = render(
        {int(scale): data for scale, data in saved["scales"].items()},
        users=saved["users"],
        seconds=saved["seconds"],
        solo_seconds=saved["solo_seconds"],
        measured_at=saved["measured_at"],
    )
    print(section)
    if not args.no_doc:
        write_section("load", "Load test", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())

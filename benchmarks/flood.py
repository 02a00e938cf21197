"""Pages of signed-in people during a login flood, next to the same without one.

    .venv/bin/python -m benchmarks.flood                 # 60 s quiet, 60 s flood
    .venv/bin/python -m benchmarks.flood --seconds 30 --no-doc

Needs the local PostgreSQL and Redis (as `make bench`); uses its own database
(`buurtaanpak_bench_flood`, rebuilt with `build_bench_data --scale 1`) and
Redis db 13. Starts gunicorn (2 x cores sync workers) on loopback, as if behind
nginx (TRUSTED_PROXY_COUNT=1, each client's address in X-Forwarded-For).

Readers (signed-in sessions of partner staff, griffiers and raadsleden) load
pages with 0.2-1 s think time for the whole run. In the second half one
address floods the login form with wrong passwords from several connections
at once, as fast as it is answered. The figures: p50/p95 of the readers'
pages per phase, and what the flood got back. Written to docs/benchmarks.md
between the flood markers. Only loopback addresses are targets.
"""

import argparse
import json
import os
import platform
import random
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime

import psycopg
import requests

from benchmarks.doc import write_section
from benchmarks.run import (
    BASE,
    OUT,
    ensure_database,
    environment,
    free_port,
    manage,
    wait_for,
)

DB_NAME = "buurtaanpak_bench_flood"
READER_ROLES = ("medewerker", "coordinator", "griffier", "raadslid")
READER_PAGES = ("start", "overview", "gebied", "signalen", "rapporten", "sessies")
FLOOD_ADDRESS = "127.0.0.66"


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Reader(threading.Thread):
    """One signed-in person: a page, a pause, another page."""

    def __init__(self, host: str, session_key: str, urls: list[str], index: int):
        super().__init__(daemon=True)
        self.host, self.urls = host, urls
        self.http = requests.Session()
        self.http.cookies.set("sessionid", session_key)
        self.http.headers["X-Forwarded-For"] = f"127.0.1.{index + 1}"
        self.samples: list[tuple[float, float, int]] = []  # (start, ms, status)
        self.stop = threading.Event()
        self.rng = random.Random(index)

    def run(self):
        while not self.stop.is_set():
            path = self.rng.choice(self.urls)
            began = time.monotonic()
            try:
                status = self.http.get(
                    self.host + path, timeout=30, allow_redirects=False
                ).status_code
            except requests.RequestException:
                status = 0
            self.samples.append((began, (time.monotonic() - began) * 1000, status))
            self.stop.wait(self.rng.uniform(0.2, 1.0))


class Flooder(threading.Thread):
    """One connection of the attacker: wrong passwords, no pause."""

    def __init__(self, host: str, email: str):
        super().__init__(daemon=True)
        self.host, self.email = host, email
        self.http = requests.Session()
        self.http.headers["X-Forwarded-For"] = FLOOD_ADDRESS
        self.outcomes: list[str] = []
        self.stop = threading.Event()

    def run(self):
        url = f"{self.host}/accounts/login/"
        attempt = 0
        while not self.stop.is_set():
            attempt += 1
            try:
                page = self.http.get(url, timeout=30)
                token = re.search(
                    r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text
                )
                response = self.http.post(
                    url,
                    data={
                        "login": self.email,
                        "password": f"geraden-{attempt}",
                        "csrfmiddlewaretoken": token.group(1) if token else "",
                    },
                    headers={"Referer": url},
                    allow_redirects=False,
                    timeout=30,
                )
            except requests.RequestException:
                self.outcomes.append("error")
                continue
            if response.status_code == 429:
                self.outcomes.append("429")
            elif response.status_code == 200 and "te veel" in response.text.lower():
                self.outcomes.append("refused by the back-off")
            elif response.status_code == 200:
                self.outcomes.append("wrong password")
            else:
                self.outcomes.append(str(response.status_code))


def measure(*, seconds: int, readers: int, flooders: int) -> dict:
    ensure_database(DB_NAME)
    env = {**environment(DB_NAME, redis_db=13), "TRUSTED_PROXY_COUNT": "1"}
    sessions_file = OUT / "flood_sessions.json"
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(
        env,
        "build_bench_data",
        "--scale",
        "1",
        "--yes-wipe-database",
        "--sessions-file",
        str(sessions_file),
    )
    data = json.loads(sessions_file.read_text())
    urls = [path for name in READER_PAGES for path in data["urls"].get(name, [])]
    keys = [key for role in READER_ROLES for key in data["sessions"].get(role, [])]
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}") as conn:
        (email,) = conn.execute(
            "SELECT email FROM partners_user WHERE email LIKE 'bench-%' "
            "ORDER BY id LIMIT 1"
        ).fetchone()
    subprocess.run(
        ["redis-cli", "-n", "13", "flushdb"], check=False, stdout=subprocess.DEVNULL
    )

    port = free_port()
    host = f"http://127.0.0.1:{port}"
    workers = 2 * (os.cpu_count() or 2)
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "buurtaanpak.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--log-level=warning",
        ],
        cwd=BASE,
        env=env,
    )
    try:
        wait_for(f"{host}/gezondheid/")
        team = [Reader(host, keys[i % len(keys)], urls, i) for i in range(readers)]
        started = time.monotonic()
        for reader in team:
            reader.start()
        time.sleep(seconds)
        flood_began = time.monotonic()
        attack = [Flooder(host, email) for _ in range(flooders)]
        for flooder in attack:
            flooder.start()
        time.sleep(seconds)
        for thread in [*attack, *team]:
            thread.stop.set()
        for thread in [*attack, *team]:
            thread.join(timeout=60)
    finally:
        web.send_signal(signal.SIGTERM)
        try:
            web.wait(timeout=30)
        except subprocess.TimeoutExpired:
            web.kill()

    phases = {"quiet": [], "flood": []}
    statuses = {"quiet": [], "flood": []}
    for reader in team:
        for began, ms, status in reader.samples:
            if began < started + 2:  # warm-up: first requests per worker
                continue
            phase = "flood" if began >= flood_began else "quiet"
            phases[phase].append(ms)
            statuses[phase].append(status)
    outcomes: dict[str, int] = {}
    for flooder in attack:
        for outcome in flooder.outcomes:
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return {
        "seconds": seconds,
        "readers": readers,
        "flooders": flooders,
        "workers": workers,
        "pages": {
            phase: {
                "requests": len(values),
                "not_200": sum(1 for s in statuses[phase] if s != 200),
                "p50": percentile(values, 0.50),
                "p95": percentile(values, 0.95),
                "p99": percentile(values, 0.99),
            }
            for phase, values in phases.items()
        },
        "flood": outcomes,
        "flood_per_second": sum(outcomes.values()) / seconds,
    }


def render(r: dict) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Measured {when} on {platform.node()}: {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, gunicorn {r['workers']} sync workers, "
        "PostgreSQL and Redis on loopback, data scale 1×. "
        f"{r['readers']} signed-in readers (0.2–1 s think time) for "
        f"{2 * r['seconds']} s; in the second half one address floods the login "
        f"form from {r['flooders']} connections at once.",
        "",
        "| readers' pages | requests | not 200 | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for phase, label in [("quiet", "without flood"), ("flood", "during the flood")]:
        p = r["pages"][phase]
        lines.append(
            f"| {label} | {p['requests']} | {p['not_200']} | {p['p50']:.0f} | "
            f"{p['p95']:.0f} | {p['p99']:.0f} |"
        )
    lines += [
        "",
        f"The flood: {sum(r['flood'].values())} login attempts "
        f"({r['flood_per_second']:.1f} per second), answered:",
        "",
        "| answer | attempts |",
        "|---|---:|",
    ]
    for outcome, count in sorted(r["flood"].items(), key=lambda item: -item[1]):
        lines.append(f"| {outcome} | {count} |")
    lines += [
        "",
        "Reproduce: `.venv/bin/python -m benchmarks.flood --seconds "
        f"{r['seconds']}` (`benchmarks/flood.py`).",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60, help="per phase")
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--flooders", type=int, default=4)
    parser.add_argument("--no-doc", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    result = measure(seconds=args.seconds, readers=args.readers, flooders=args.flooders)
    (OUT / "flood.json").write_text(json.dumps(result, indent=2))
    section = render(result)
    print(section)
    if not args.no_doc:
        write_section("flood", "Login flood", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Server time per page, in one process, without the network or other users.

    .venv/bin/python -m benchmarks.pages --scales 1,10,drechtsteden
    .venv/bin/python -m benchmarks.pages --scales 1 --reuse --pages gebied

Builds the benchmark data (`build_bench_data`, fixed seed) in the databases
`make bench` uses, then requests each page of the load test through Django's
test client as a signed-in user of the role that visits it, and reports per
page the median CPU time of this process (Python: middleware, ORM, templates),
the median wall time (adds PostgreSQL and Redis round trips), the number of
queries and the size of the response. CPU time hardly depends on what else the
machine is doing, so it is the figure to compare before and after a change;
the load test (`benchmarks.run`) shows what users get.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import redis

from benchmarks.run import (
    BASE,
    OUT,
    PAGE_ROLES,
    data_args,
    ensure_database,
    environment,
    label,
)


def measure(repeat: int, urls: dict[str, list[str]], pages: list[str]) -> list[dict]:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from partners.models import User

    rows = []
    for page, role in PAGE_ROLES.items():
        paths = urls.get(page) if page in pages or page == "bare" else None
        if not paths:
            continue
        user = User.objects.filter(
            email__startswith="bench-", memberships__role=role
        ).first()
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        for path in paths[:repeat]:
            client.get(path)  # warm: caches and connections as in a running web
        cpu, wall = [], []
        for i in range(repeat):
            path = paths[i % len(paths)]
            with CaptureQueriesContext(connection) as queries:
                c0, w0 = time.process_time(), time.perf_counter()
                response = client.get(path)
                cpu.append((time.process_time() - c0) * 1000)
                wall.append((time.perf_counter() - w0) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path}: HTTP {response.status_code}")
        rows.append(
            {
                "page": page,
                "cpu_ms": statistics.median(cpu),
                "wall_ms": statistics.median(wall),
                "queries": len(queries.captured_queries),
                "kb": len(response.content) / 1024,
            }
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--scales",
        default="1,10",
        help="data sets: a number is a scale of the demo gemeente, a name a preset",
    )
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--pages", default=",".join(PAGE_ROLES), help="comma-separated page names"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the data of the last build of each data set (faster when "
        "comparing code changes on the same data)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    pages = args.pages.split(",")
    if args.child is not None:
        urls = json.loads((OUT / f"pages_{args.child}.json").read_text())["urls"]
        print(json.dumps(measure(args.repeat, urls, pages)))
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    lines = [
        "| page | data | CPU ms | × bare | wall ms | queries | KB |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for scale in args.scales.split(","):
        db_name = f"buurtaanpak_bench_{scale}"
        env = {**environment(db_name, redis_db=6), "LOG_LEVEL": "ERROR"}
        env.setdefault("DJANGO_SETTINGS_MODULE", "buurtaanpak.settings")
        sessions = OUT / f"pages_{scale}.json"
        if not (args.reuse and sessions.exists()):
            ensure_database(db_name)
            manage = [sys.executable, "manage.py"]
            subprocess.run(
                [*manage, "migrate", "--noinput", "-v0"], env=env, check=True
            )
            subprocess.run(
                [*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True
            )
            subprocess.run(
                [
                    *manage,
                    "build_bench_data",
                    *data_args(scale),
                    "--yes-wipe-database",
                    "--sessions-file",
                    str(sessions),
                ],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        # Kept results are told apart by table, not by database: the cache
        # starts empty for each data set, or a page could be served from
        # another data set's rows.
        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
        child = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.pages",
                "--child",
                scale,
                "--repeat",
                str(args.repeat),
                "--pages",
                args.pages,
            ],
            cwd=BASE,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        rows = json.loads(child.stdout.strip().splitlines()[-1])
        # The bare view's CPU time is the yardstick of the machine: a page's
        # multiple of it compares across machines and runs.
        bare = next((r["cpu_ms"] for r in rows if r["page"] == "bare"), 0)
        for row in rows:
            times = f"{row['cpu_ms'] / bare:.1f}" if bare else "–"
            lines.append(
                f"| {row['page']} | {label(scale)} | {row['cpu_ms']:.1f} | {times} | "
                f"{row['wall_ms']:.1f} | {row['queries']} | {row['kb']:.0f} |"
            )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    os.chdir(BASE)
    sys.exit(main())

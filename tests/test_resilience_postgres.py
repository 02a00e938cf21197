"""Drill: PostgreSQL restarts under a running portal, which recovers by itself.

A private cluster (initdb) on a free port serves a real gunicorn; the shared
PostgreSQL is never touched.
"""

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from buurtaanpak.messages import BASE
from tests.drills import (
    Gunicorn,
    RedisServer,
    Worker,
    free_port,
    http_status,
    wait_until,
)

PG_BIN = Path("/usr/lib/postgresql/15/bin")

pytestmark = pytest.mark.worker


def _as_postgres(*args: str) -> list[str]:
    """initdb and pg_ctl refuse to run as root; CI runs as root."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return list(args)


@pytest.fixture
def cluster():
    if not (PG_BIN / "initdb").exists():
        pytest.skip("PostgreSQL 15 server binaries are not installed")
    root = Path(tempfile.mkdtemp(prefix="drill-pg-"))
    data = root / "data"
    port = free_port()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    subprocess.run(
        _as_postgres(
            str(PG_BIN / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
        ),
        cwd=root,
        check=True,
        capture_output=True,
    )
    ctl = [
        str(PG_BIN / "pg_ctl"),
        "-D",
        str(data),
        "-w",
        "-l",
        str(root / "log"),
        "-o",
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1",
    ]

    def start():
        subprocess.run(
            _as_postgres(*ctl, "start"), cwd=root, check=True, capture_output=True
        )

    def stop():
        subprocess.run(
            _as_postgres(*ctl[:3], "-m", "fast", "stop"),
            cwd=root,
            check=True,
            capture_output=True,
        )

    start()
    subprocess.run(
        _as_postgres(
            str(PG_BIN / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "drill",
        ),
        cwd=root,
        check=True,
        capture_output=True,
    )
    yield port, start, stop
    subprocess.run(
        _as_postgres(*ctl[:3], "-m", "immediate", "stop"),
        cwd=root,
        capture_output=True,
    )
    shutil.rmtree(root, ignore_errors=True)


REQUEST_REPORT = """
from partners.models import Membership, Organisation, Role, User
from portal.rapportage import services
griffie, _ = Organisation.objects.get_or_create(
    slug="griffie", defaults={"name": "Griffie", "kind": "griffie"}
)
user = User.objects.filter(email="griffier@drill.test").first()
if user is None:
    user = User.objects.create_user("griffier@drill.test", "x" * 20)
    Membership.objects.create(user=user, organisation=griffie, role=Role.GRIFFIER)
rapport = services.rapport_request(user=user, kind="voortgang", audience="raad")
print(rapport.pk)
"""


def _report_status(port: int, pk: int) -> str | None:
    import psycopg

    try:
        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{port}/drill", connect_timeout=2
        ) as conn:
            row = conn.execute(
                "SELECT status, error FROM rapportage_rapport WHERE id = %s", [pk]
            ).fetchone()
    except psycopg.OperationalError:
        return None
    if row and row[0] == "mislukt":
        raise AssertionError(f"report failed: {row[1]}")
    return row[0] if row else None


def test_under_load_the_portal_and_a_worker_recover_after_postgresql_restarts(
    cluster, tmp_path
):
    """Requests keep coming while PostgreSQL stops and starts again: they fail
    only while it is down, the health check saying so with a 503 rather than
    hanging; web and worker carry on without a restart, stale connections
    checked and replaced."""
    import threading

    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    port, start, stop = cluster
    redis = RedisServer().start()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/drill",
        "REDIS_URL": redis.url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp_path / "static"),
        "VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "CRITICAL",
    }

    def manage(*args) -> str:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    manage("migrate", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    web = Gunicorn(env, workers=2)
    worker = Worker(env, tmp_path / "worker.log")
    base = web.base
    results: list[tuple[float, str, int]] = []
    running = threading.Event()
    running.set()

    def load():
        while running.is_set():
            for path in ("/gezondheid/", "/accounts/login/"):
                results.append((time.monotonic(), path, http_status(base + path)))
            time.sleep(0.05)

    loader = threading.Thread(target=load, daemon=True)
    try:
        web.wait()
        first = int(manage("shell", "-c", REQUEST_REPORT).split()[-1])
        wait_until(
            lambda: _report_status(port, first) == "klaar",
            timeout=60,
            interval=0.2,
            what="the first report",
        )

        loader.start()
        time.sleep(1.5)
        stopped_at = time.monotonic()
        stop()
        down_at = time.monotonic()
        time.sleep(2)
        start()
        started_at = time.monotonic()
        wait_until(
            lambda: http_status(f"{base}/gezondheid/") == 200,
            timeout=30,
            interval=0.2,
            what="recovery",
        )
        recovered_at = time.monotonic()
        time.sleep(1.5)
        running.clear()
        loader.join(timeout=10)

        before = [s for t, _p, s in results if t < stopped_at]
        during = [s for t, _p, s in results if stopped_at <= t <= recovered_at]
        after = [s for t, _p, s in results if t > recovered_at]
        assert before and set(before) == {200}
        assert during and set(during) != {200}  # the outage was seen
        health_down = [
            s
            for t, p, s in results
            if p == "/gezondheid/" and down_at <= t <= down_at + 1.5
        ]
        assert health_down and set(health_down) == {503}, health_down
        assert after and set(after) == {200}, after
        # Recovery takes at most a few requests once PostgreSQL answers again.
        assert recovered_at - started_at < 5

        # The worker kept its process and reconnects for the next task.
        second = int(manage("shell", "-c", REQUEST_REPORT).split()[-1])
        wait_until(
            lambda: _report_status(port, second) == "klaar",
            timeout=60,
            interval=0.2,
            what="the second report",
        )
        assert web.running()
        assert worker.process.poll() is None
    finally:
        running.clear()
        web.stop()
        worker.kill(signal.SIGTERM)
        redis.stop()

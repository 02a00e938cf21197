"""Drill: PostgreSQL restarts under a running portal, which recovers by itself.

A private cluster (initdb) on a free port serves a real gunicorn; the shared
PostgreSQL is never touched.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from buurtaanpak.messages import BASE

PG_BIN = Path("/usr/lib/postgresql/15/bin")

pytestmark = pytest.mark.worker


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(*args: str) -> list[str]:
    """initdb and pg_ctl refuse to run as root; CI runs as root."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return list(args)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


@pytest.fixture
def cluster():
    if not (PG_BIN / "initdb").exists():
        pytest.skip("PostgreSQL 15 server binaries are not installed")
    root = Path(tempfile.mkdtemp(prefix="drill-pg-"))
    data = root / "data"
    port = _free_port()
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
        subprocess.run(_as_postgres(*ctl, "start"), check=True, capture_output=True)

    def stop():
        subprocess.run(
            _as_postgres(*ctl[:3], "-m", "fast", "stop"),
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
        check=True,
        capture_output=True,
    )
    yield port, start, stop
    subprocess.run(
        _as_postgres(*ctl[:3], "-m", "immediate", "stop"), capture_output=True
    )
    shutil.rmtree(root, ignore_errors=True)


def test_the_portal_recovers_after_postgresql_restarts(cluster, tmp_path):
    port, start, stop = cluster
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/drill",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp_path / "static"),
        "LOG_LEVEL": "CRITICAL",
    }
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=BASE, env=env, check=True
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE,
        env=env,
        check=True,
    )
    web_port = _free_port()
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "buurtaanpak.wsgi:application",
            f"--bind=127.0.0.1:{web_port}",
            "--workers=1",
            "--log-level=critical",
        ],
        cwd=BASE,
        env=env,
    )
    base = f"http://127.0.0.1:{web_port}"
    try:
        deadline = time.monotonic() + 30
        while _status(f"{base}/gezondheid/") != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _status(f"{base}/gezondheid/") == 200
        assert _status(f"{base}/accounts/login/") == 200

        stop()
        assert _status(f"{base}/gezondheid/") == 503  # says so, does not hang

        start()
        # No restart of gunicorn: stale connections are checked and replaced.
        statuses = [_status(f"{base}/gezondheid/") for _ in range(3)]
        assert statuses[-1] == 200
        assert _status(f"{base}/accounts/login/") == 200
        assert web.poll() is None
    finally:
        web.terminate()
        web.wait(timeout=20)


REQUEST_REPORT = """
from partners.models import Membership, Organisation, Role, User
from buurtaanpak.rapportage import services
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


def _wait(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_under_load_the_portal_and_a_worker_recover_after_postgresql_restarts(
    cluster, tmp_path
):
    """Requests keep coming while PostgreSQL stops and starts again: they fail
    only while it is down; web and worker carry on without a restart."""
    import threading

    from tests.rapportage.test_worker_drills import RedisServer, Worker, free_port

    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    port, start, stop = cluster
    redis = RedisServer(free_port())
    redis.start()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/drill",
        "REDIS_URL": redis.url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp_path / "static"),
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
    web_port = _free_port()
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "buurtaanpak.wsgi:application",
            f"--bind=127.0.0.1:{web_port}",
            "--workers=2",
            "--log-level=critical",
        ],
        cwd=BASE,
        env=env,
    )
    worker = Worker(env, tmp_path / "worker.log")
    base = f"http://127.0.0.1:{web_port}"
    results: list[tuple[float, int]] = []
    running = threading.Event()
    running.set()

    def load():
        while running.is_set():
            for path in ("/gezondheid/", "/accounts/login/"):
                results.append((time.monotonic(), _status(base + path)))
            time.sleep(0.05)

    loader = threading.Thread(target=load, daemon=True)
    try:
        _wait(lambda: _status(f"{base}/gezondheid/") == 200, 30, "gunicorn")
        first = int(manage("shell", "-c", REQUEST_REPORT).split()[-1])
        _wait(lambda: _report_status(port, first) == "klaar", 60, "the first report")

        loader.start()
        time.sleep(1.5)
        stopped_at = time.monotonic()
        stop()
        time.sleep(2)
        start()
        started_at = time.monotonic()
        _wait(lambda: _status(f"{base}/gezondheid/") == 200, 30, "recovery")
        recovered_at = time.monotonic()
        time.sleep(1.5)
        running.clear()
        loader.join(timeout=10)

        before = [s for t, s in results if t < stopped_at]
        during = [s for t, s in results if stopped_at <= t <= recovered_at]
        after = [s for t, s in results if t > recovered_at]
        assert before and set(before) == {200}
        assert during and set(during) != {200}  # the outage was seen
        assert after and set(after) == {200}, after
        # Recovery takes at most a few requests once PostgreSQL answers again.
        assert recovered_at - started_at < 5

        # The worker kept its process and reconnects for the next task.
        second = int(manage("shell", "-c", REQUEST_REPORT).split()[-1])
        _wait(lambda: _report_status(port, second) == "klaar", 60, "the second report")
        assert web.poll() is None
        assert worker.process.poll() is None
    finally:
        running.clear()
        web.terminate()
        web.wait(timeout=20)
        worker.kill(signal.SIGTERM)
        redis.stop()

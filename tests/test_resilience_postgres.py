"""Drill: PostgreSQL restarts under a running portal, which recovers by itself.

A private cluster (initdb) on a free port serves a real gunicorn; the shared
PostgreSQL is never touched.
"""

import os
import secrets
import shutil
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

"""Real parts for the drills: free ports, a private redis-server, gunicorn and
Celery worker processes, the whole `make run` stack, and waiting for them.

Every drill starts its own processes on free loopback ports and stops them
again; the shared PostgreSQL and Redis are never stopped. Files a drill hands
to another process live in a temporary folder of the drill's own, never in
the checkout, which may lie where that process cannot read.
"""

import contextlib
import email
import email.policy
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from email.message import EmailMessage
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.urls import reverse

from buurtaanpak.messages import BASE


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, *, timeout: float, interval: float = 0.05, what: str = ""):
    """The predicate's first true value, or AssertionError after the timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def port_answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
    except OSError:
        return False
    return True


def wait_for_port(port: int, timeout: float = 30) -> None:
    wait_until(lambda: port_answers(port), timeout=timeout, what=f"port {port}")


def http_status(url: str, timeout: float = 5) -> int:
    """The HTTP status of a GET; 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def living_in_group(pgid: int) -> list[int]:
    """Processes of a process group that still run (zombies are dead already)."""
    living = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone while looking
        state, group = fields[0], int(fields[2])
        if group == pgid and state not in {"Z", "X"}:
            living.append(int(stat_file.parent.name))
    return living


@contextlib.contextmanager
def readable_folder(prefix: str):
    """A temporary folder of the caller's own that every user may read.

    A server started as root hands requests to workers that run as another
    user (nginx: nobody or www-data). Those cannot read a checkout under a
    private home folder, nor pytest's tmp_path (mode 700), so whatever they
    must serve is copied here first (`copy_readable`).
    """
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def copy_readable(source: Path, target: Path) -> Path:
    """Copy a folder so that every user may read it, whatever the source's modes."""
    shutil.copytree(source, target)
    for path in [target, *target.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def shared_database_url() -> str:
    """The PostgreSQL test database, for processes that must share it."""
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}"
        f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


class RedisServer:
    """A redis-server of the drill's own, keeping nothing on disk."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> "RedisServer":
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self._answers, timeout=10, what="redis-server")
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


class Gunicorn:
    """The portal served by gunicorn (sync workers) on a free loopback port."""

    def __init__(self, env: dict, *, workers: int = 1):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "buurtaanpak.wsgi:application",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={workers}",
                "--log-level=critical",
            ],
            cwd=BASE,
            env=env,
        )

    def wait(self, timeout: float = 30) -> "Gunicorn":
        wait_until(
            lambda: http_status(f"{self.base}/gezondheid/") == 200,
            timeout=timeout,
            interval=0.2,
            what="gunicorn",
        )
        return self

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


class Worker:
    """A prefork worker (one child) in its own process group, as in production."""

    def __init__(self, env: dict, log: Path):
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "buurtaanpak",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                f"--max-memory-per-child={settings.CELERY_WORKER_MAX_MEMORY_PER_CHILD}",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
                f"--hostname=drill-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=BASE,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self, sig=signal.SIGKILL):
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def sign_in(browser, base: str, email_address: str, password: str):
    """Sign in through the login form (a requests.Session); the response, unfollowed."""
    url = f"{base}{reverse('account_login')}"
    page = browser.get(url, timeout=30)
    return browser.post(
        url,
        data={
            "login": email_address,
            "password": password,
            "csrfmiddlewaretoken": csrf_token(page.text),
        },
        headers={"Referer": url},
        allow_redirects=False,
        timeout=30,
    )


#: Settings a test run may have in its environment that `make run` must not see:
#: the stack runs in the embedded mode, as on a newcomer's machine.
NOT_FOR_MAKE_RUN = {
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SITE_URL",
    "PORT",
    "CELERY_TASK_ALWAYS_EAGER",
    "EMAIL_HOST",
    "EMAIL_BACKEND",
    "EMAIL_FILE_PATH",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "VAR_DIR",
    "BEAT_INTERVAL_SECONDS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "TRUSTED_PROXY_COUNT",
    "MAKEFLAGS",
    "MFLAGS",
    "MAKELEVEL",
}


class MakeRun:
    """`make run` on a free port: web, worker and beat from the Procfile.

    Everything the stack writes (the SQLite database, the broker's message
    files, the beat schedule, media, the secret key) goes to `folder`, which
    the test owns; e-mail goes to files in `folder/mail`. The preparation make
    would do first (the virtualenv, the system check) is skipped: the test
    run already has both.
    """

    PROCESSES = ("web", "worker", "beat")

    def __init__(self, folder: Path, **environment: str):
        self.folder = folder
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.var = folder / "var"
        self.mail = folder / "mail"
        self.log_path = folder / "make-run.log"
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in NOT_FOR_MAKE_RUN and not key.startswith("S3_")
        }
        env.update(
            VAR_DIR=str(self.var),
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(self.mail),
            LOG_LEVEL="INFO",
            **environment,
        )
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                "make",
                "--no-print-directory",
                "-o",
                "system-check",
                "run",
                f"PY={sys.executable}",
                f"PORT={self.port}",
            ],
            cwd=BASE,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            # Its own process group, as a terminal gives `make run`: Ctrl-C
            # reaches make and honcho, and honcho stops the three.
            start_new_session=True,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def pids(self) -> dict[str, int]:
        """Each process's pid as honcho reports it; it leads its own group."""
        found = re.findall(r"(\w+)\.1 started \(pid=(\d+)\)", self.log())
        return {name: int(pid) for name, pid in found}

    def wait(self, timeout: float = 300) -> "MakeRun":
        def ready():
            if self.process.poll() is not None:
                raise AssertionError("make run stopped")
            return (
                http_status(f"{self.base}/gezondheid/") == 200
                and re.search(r"worker\.1 .* ready\.", self.log())
                and re.search(r"beat\.1 .* beat: Starting", self.log())
            )

        try:
            wait_until(ready, timeout=timeout, interval=0.5, what="make run")
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n{self.log()[-4000:]}") from None
        return self

    def mails(self) -> list[EmailMessage]:
        """Every message sent so far, from the file e-mail backend's files."""
        separator = b"\n" + b"-" * 79 + b"\n"
        messages = []
        for path in sorted(self.mail.glob("*.log")):
            for chunk in path.read_bytes().split(separator):
                if chunk.strip():
                    messages.append(
                        email.message_from_bytes(chunk, policy=email.policy.default)
                    )
        return messages

    def interrupt(self, timeout: float = 60) -> int:
        """Ctrl-C: SIGINT to make's process group; make's exit code."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGINT)
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        """Whatever still runs, the stack's processes included, is killed."""
        for pgid in [self.process.pid, *self.pids().values()]:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=20)
        self._log.close()

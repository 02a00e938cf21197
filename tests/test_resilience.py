"""Drills: the portal keeps serving pages when Redis goes away.

The drill runs its own redis-server on a free port and never touches the
shared one.
"""

import logging
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches
from django.test.utils import override_settings
from django.urls import reverse

from tests.conftest import PASSWORD


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def private_redis():
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield proc, port
    proc.kill()
    proc.wait()


@pytest.mark.django_db
def test_pages_and_login_still_work_while_redis_is_down(
    client, medewerker, private_redis, caplog
):
    proc, port = private_redis
    cache_settings = {
        "default": {
            "BACKEND": "buurtaanpak.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
        }
    }
    # override_settings resets Django's cache handlers to the drill's Redis.
    with override_settings(CACHES=cache_settings):
        cache = caches["default"]
        cache.set("drill", "ok")
        assert cache.get("drill") == "ok"  # Redis really is in use
        proc.kill()
        proc.wait()
        with caplog.at_level(logging.WARNING, logger="buurtaanpak.cache"):
            assert cache.get("drill") is None
            response = client.post(
                reverse("account_login"),
                {"login": medewerker.email, "password": PASSWORD},
            )
            assert response.status_code == 302
            assert client.get(reverse("start")).status_code == 200
        assert "Redis cache unavailable" in caplog.text

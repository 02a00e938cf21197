"""Drill: a login flood is rate limited while everyone else carries on.

A real gunicorn (two workers) with the rate-limit counters in a private
redis-server serves the PostgreSQL test database. Requests arrive as if
through nginx: X-Forwarded-For carries the client's address, so the flood
and the other people are told apart although all connect from loopback.
"""

import os
import shutil
import subprocess
import sys
import threading

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse

from buurtaanpak.messages import BASE
from partners.models import User
from tests.conftest import PASSWORD
from tests.drills import (
    Gunicorn,
    RedisServer,
    shared_database_url,
    sign_in,
    wait_for_port,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

FLOODER = "127.0.0.66"
OTHERS = "127.0.0.7"
PAGES = ["/", "/gebieden/", "/visie/", "/sessies/", "/rapporten/"]


@pytest.fixture
def portal(tmp_path):
    """Base URL of a gunicorn with Redis-backed rate limits, behind 'one proxy'."""
    if connection.vendor != "postgresql":
        reason = "the flood drill needs PostgreSQL: gunicorn shares the test database"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    redis = RedisServer().start()
    env = {
        **os.environ,
        "DATABASE_URL": shared_database_url(),
        "REDIS_URL": redis.url,
        # The sessions made here must be valid there.
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "false",
        # Plain HTTP on loopback: cookies without the Secure flag.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "STATIC_ROOT": str(tmp_path / "static"),
        "TRUSTED_PROXY_COUNT": "1",
        "LOG_LEVEL": "CRITICAL",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE,
        env=env,
        check=True,
    )
    web = Gunicorn(env, workers=2)
    try:
        wait_for_port(web.port)
        yield web.base
    finally:
        web.stop()
        redis.stop()


def _with_real_password_hash(user: User) -> User:
    """As in production: every password check costs a full PBKDF2 round."""
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    return user


def _browser(ip: str) -> requests.Session:
    session = requests.Session()
    session.headers["X-Forwarded-For"] = ip
    return session


def test_a_login_flood_gets_429_while_other_people_keep_working(
    portal, medewerker, coordinator, procesbegeleider, client
):
    victim = _with_real_password_hash(medewerker)
    _with_real_password_hash(coordinator)
    # Someone already signed in, reading pages throughout the flood.
    client.force_login(procesbegeleider)
    reader = _browser(OTHERS)
    reader.cookies.set(settings.SESSION_COOKIE_NAME, client.cookies["sessionid"].value)
    assert reader.get(f"{portal}/", timeout=30).status_code == 200

    pages: list[tuple[str, int, str]] = []
    flooding = threading.Event()
    flooding.set()

    def read_pages():
        while flooding.is_set():
            for path in PAGES:
                response = reader.get(f"{portal}{path}", timeout=30)
                pages.append((path, response.status_code, response.url))

    thread = threading.Thread(target=read_pages)
    thread.start()
    flood = []
    try:
        flooder = _browser(FLOODER)
        for attempt in range(40):
            response = sign_in(flooder, portal, victim.email, f"geraden-{attempt}")
            flood.append(response)
    finally:
        flooding.clear()
        thread.join(timeout=60)

    statuses = [r.status_code for r in flood]
    # allauth's per-IP login limit (30 a minute) answers with our Dutch page.
    assert 429 in statuses
    assert "Te veel verzoeken" in flood[statuses.index(429)].text
    # Before that, the back-off for this account from this address already
    # refused to check passwords.
    assert any("te veel" in r.text.lower() for r in flood if r.status_code == 200)
    assert set(statuses) <= {200, 429}, statuses
    assert not any(r.is_redirect for r in flood)

    # Every page the signed-in reader asked for was served, none redirected.
    assert len(pages) >= len(PAGES)
    assert {status for _, status, _ in pages} == {200}, pages
    assert all(url.startswith(portal + path) for path, _, url in pages)

    # A colleague from another address still signs in during the lock-out.
    colleague = sign_in(_browser(OTHERS), portal, coordinator.email, PASSWORD)
    assert colleague.status_code == 302
    assert colleague.headers["Location"] == reverse("start")
    # The flooder is still not let in, even with the right password.
    assert sign_in(_browser(FLOODER), portal, victim.email, PASSWORD).status_code != 302

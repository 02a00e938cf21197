"""Drills: the portal keeps serving pages when Redis goes away.

The drill runs its own redis-server on a free port and never touches the
shared one.
"""

import logging
import shutil

import pytest
from django.core.cache import caches
from django.test.utils import override_settings
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.drills import RedisServer


@pytest.fixture
def private_redis():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.mark.django_db
def test_pages_and_login_still_work_while_redis_is_down(
    client, medewerker, private_redis, caplog
):
    cache_settings = {
        "default": {
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": private_redis.url,
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
        }
    }
    # override_settings resets Django's cache handlers to the drill's Redis.
    with override_settings(CACHES=cache_settings):
        cache = caches["default"]
        cache.set("drill", "ok")
        assert cache.get("drill") == "ok"  # Redis really is in use
        private_redis.stop()
        with caplog.at_level(logging.WARNING, logger="core.cache"):
            assert cache.get("drill") is None
            response = client.post(
                reverse("account_login"),
                {"login": medewerker.email, "password": PASSWORD},
            )
            assert response.status_code == 302
            assert client.get(reverse("start")).status_code == 200
        assert "Redis cache unavailable" in caplog.text


def test_the_cache_keeps_one_redis_client_and_reads_what_it_wrote(private_redis):
    from core.cache import TolerantRedisCache

    cache = TolerantRedisCache(private_redis.url, {})
    cache.set("key", {"value": 1})
    assert cache.get("key") == {"value": 1}
    assert cache._cache.get_client("key") is cache._cache.get_client("other")

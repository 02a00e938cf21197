"""The parallel suite gives each worker its own Redis database."""

import os

from django.conf import settings

from tests.parallel import CONFIGURED_REDIS_URL, _own_database, _worker_number


def test_a_worker_moves_up_from_the_configured_database():
    assert _own_database("redis://127.0.0.1:6379/1", 2) == "redis://127.0.0.1:6379/3"
    assert (
        _own_database("redis://:geheim@redis.local:6380/4?timeout=5", 1)
        == "redis://:geheim@redis.local:6380/5?timeout=5"
    )
    assert _own_database("redis://127.0.0.1:6379", 3) == "redis://127.0.0.1:6379/3"


def test_this_process_uses_the_database_of_its_worker():
    if not CONFIGURED_REDIS_URL:
        assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
        return
    # gw0 (or a run without workers) keeps the configured database, gw1 the
    # next one, and so on; the cache, the broker and started processes agree.
    worker = _worker_number()
    expected = (
        _own_database(CONFIGURED_REDIS_URL, worker) if worker else CONFIGURED_REDIS_URL
    )
    assert os.environ["REDIS_URL"] == expected
    assert settings.CACHES["default"]["LOCATION"] == expected
    assert expected == settings.CELERY_BROKER_URL

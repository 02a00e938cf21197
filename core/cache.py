"""A Redis cache that keeps the portal up when Redis is not.

Django's RedisCache raises when Redis is unreachable, which would turn every
page that touches the cache (login rate limits, cached indices) into an error.
Here a failed cache call is logged and treated as a miss: pages render from
the database, slower but correct. Rate limits fail open while Redis is down;
the log says so.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
_FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)
_LOG_EVERY = 30.0  # seconds; one line per burst, not one per request


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one redis-py client per connection pool.

    Django builds a new redis-py client for every cache call; building one
    costs more CPU than the GET it sends (about 65 of 155 µs). The client
    holds no state of its own beyond the pool, which is thread-safe.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(index)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    _last_logged = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def _failed(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        if now - TolerantRedisCache._last_logged > _LOG_EVERY:
            TolerantRedisCache._last_logged = now
            logger.warning("Redis cache unavailable during %s: %s", operation, exc)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except _FAILURES as exc:
            self._failed("get", exc)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except _FAILURES as exc:
            self._failed("get_many", exc)
            return {}

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except _FAILURES as exc:
            self._failed("add", exc)
            # Callers use add() as a lock (allauth's rate limiter); with no
            # Redis there is nobody to contend with, so let them through.
            return True

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set(key, value, timeout, version)
        except _FAILURES as exc:
            self._failed("set", exc)
            return None

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except _FAILURES as exc:
            self._failed("set_many", exc)
            return list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except _FAILURES as exc:
            self._failed("touch", exc)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except _FAILURES as exc:
            self._failed("delete", exc)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except _FAILURES as exc:
            self._failed("delete_many", exc)
            return None

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except _FAILURES as exc:
            self._failed("has_key", exc)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except _FAILURES as exc:
            self._failed("incr", exc)
            return delta

    def clear(self):
        try:
            return super().clear()
        except _FAILURES as exc:
            self._failed("clear", exc)
            return False

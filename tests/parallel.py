"""Each pytest-xdist worker gets a Redis database of its own.

Every test starts with an empty cache, which on Redis is a FLUSHDB: workers
sharing one database would empty each other's cache, broker queues and task
results in the middle of a test. This module is loaded with `-p` (see
pyproject.toml), so the address is set before Django reads its settings, and
the workers and servers a test starts inherit it.
"""

import os
from urllib.parse import urlsplit, urlunsplit


def _worker_number() -> int:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return int(worker.removeprefix("gw")) if worker.startswith("gw") else 0


def _own_database(url: str, offset: int) -> str:
    parts = urlsplit(url)
    database = int(parts.path.lstrip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{database + offset}"))


# The address the suite was started with, before a worker takes its own.
CONFIGURED_REDIS_URL = os.environ.get("REDIS_URL")

if (offset := _worker_number()) and CONFIGURED_REDIS_URL:
    os.environ["REDIS_URL"] = _own_database(CONFIGURED_REDIS_URL, offset)

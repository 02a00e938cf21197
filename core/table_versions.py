"""Cached query results that are never read after a table they came from changed.

Every statement that writes a table through Django's connection — a model's
save() or delete(), a queryset's update() or bulk_create(), raw SQL, a
cascade — replaces that table's *version* token in the cache: at once in
autocommit, when the transaction commits inside one (until then other
processes read the rows as they were, and a rollback changes nothing).

`cached()` runs a computation once and keeps its result with the tables its
queries read (taken from their SQL) and the versions those tables had before
it ran. A later call returns the result only while every one of those tables
still has that version; otherwise it computes afresh. So the tables a result
depends on are found from the queries themselves: a new join or subquery is
covered without anyone listing it. A transaction that has written reads
around the cache: it must see its own writes, which may still roll back.
A result that goes stale by time alone (a session that ends) passes its own
expiry.

With the cache unavailable every read computes: slower, never stale.
"""

import re
import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.backends.signals import connection_created

#: A bound on memory, not the invalidation.
TIMEOUT = 6 * 60 * 60
_PREFIX = "tv:"
#: Replaced after a migration: what was cached may no longer fit the tables.
_SCHEMA = "*schema*"
_WRITE = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)"
    r"\s+\"?(\w+)\"?",
    re.IGNORECASE,
)
_TRUNCATE = re.compile(r"\s*TRUNCATE\b(.*)", re.IGNORECASE | re.DOTALL)
_READ = re.compile(r"\b(?:FROM|JOIN)\s+\"(\w+)\"", re.IGNORECASE)
_QUOTED = re.compile(r"\"(\w+)\"")
_MISSING = object()


def written_tables(sql: str) -> set[str]:
    """The tables a statement writes; empty for a read."""
    found = _WRITE.match(sql)
    if found:
        return {found.group(1)}
    found = _TRUNCATE.match(sql)
    if found:
        return set(_QUOTED.findall(found.group(1)))
    return set()


def read_tables(sql: str) -> set[str]:
    return set(_READ.findall(sql))


def _key(table: str) -> str:
    return _PREFIX + table


def replace(tables) -> None:
    cache.set_many({_key(t): uuid.uuid4().hex for t in tables}, timeout=None)


def replace_schema(**kwargs) -> None:
    replace([_SCHEMA])


class _OnCommit:
    """The tables a transaction wrote, replaced once more when it commits."""

    def __init__(self):
        self.tables: set[str] = set()

    def __call__(self):
        replace(self.tables)


def _pending(conn) -> _OnCommit | None:
    """This transaction's callback, unless it committed or rolled back since."""
    pending = getattr(conn, "_table_versions_pending", None)
    # Django drops the callbacks of a rolled-back (save)point from this list.
    if pending is not None and any(f is pending for _, f, _ in conn.run_on_commit):
        return pending
    return None


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    tables = written_tables(sql)
    if tables:
        conn = context["connection"]
        if conn.in_atomic_block:
            pending = _pending(conn)
            if pending is None:
                pending = conn._table_versions_pending = _OnCommit()
                conn.on_commit(pending)
            pending.tables |= tables
        else:
            replace(tables)
    return result


def _install(sender, connection, **kwargs) -> None:
    # At the front: execute_wrapper() blocks pop their own wrapper off the end.
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch_writes)


def connect_signals() -> None:
    from django.db.models.signals import post_migrate

    connection_created.connect(_install, dispatch_uid="table-versions")
    post_migrate.connect(replace_schema, dispatch_uid="table-versions-schema")
    if connection.connection is not None:  # opened before the apps were ready
        _install(None, connection)


def _versions(tables) -> dict[str, str | None]:
    keys = [_key(t) for t in tables]
    found = cache.get_many(keys)
    return {t: found.get(k) for t, k in zip(tables, keys, strict=True)}


def _ensure_versions(tables) -> dict[str, str]:
    versions = _versions(tables)
    for table, version in versions.items():
        if version is None:
            token = uuid.uuid4().hex
            cache.add(_key(table), token, timeout=None)
            versions[table] = cache.get(_key(table)) or token
    return versions


# What each kind of result read the last time it was computed, in this
# process: its versions are taken before the next computation runs.
_tables_seen: dict[str, set[str]] = {}


def cached(
    name: str,
    *parts,
    compute: Callable[[], Any],
    expires: Callable[[Any], float | None] | None = None,
) -> Any:
    """The result of compute(), kept until a table it read changes.

    `expires(result)` may give the seconds the result stays true by time
    alone (None: no such limit).
    """
    if _pending(connection) is not None:
        return compute()
    key = ":".join([_PREFIX + "result", name, *map(str, parts)])
    entry = cache.get(key, _MISSING)
    if entry is not _MISSING:
        versions, value = entry
        if _versions(list(versions)) == versions:
            return value
    # Versions first: a write that lands while compute() runs changes them
    # after this read, so the result is not trusted beyond that write.
    expected = _tables_seen.get(name, set()) | {_SCHEMA}
    versions = _ensure_versions(sorted(expected))
    read: set[str] = set()

    def collect(execute, sql, params, many, context):
        read.update(read_tables(sql))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(collect):
        value = compute()
    _tables_seen[name] = _tables_seen.get(name, set()) | read
    if not read <= versions.keys():
        # A table not versioned beforehand (the first computation of this
        # kind in this process): not kept this time.
        return value
    timeout = TIMEOUT
    if expires is not None:
        seconds = expires(value)
        if seconds is not None:
            if seconds <= 0:
                return value
            timeout = min(timeout, seconds)
    cache.set(key, ({t: versions[t] for t in read | {_SCHEMA}}, value), timeout)
    return value

"""Reliability drills with real parts: a Celery worker process, a private Redis.

Each test starts its own redis-server on a free port (never the shared one)
and real worker processes against the PostgreSQL test database, requests a
report through the web view and waits for the row to reach klaar.
"""

import contextlib
import hashlib
import os
import shutil
import signal
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from buurtaanpak.celery import app as celery_app
from portal.rapportage import services
from portal.rapportage.models import Rapport
from scans.models import Gebied
from tests.drills import (
    RedisServer,
    Worker,
    living_in_group,
    shared_database_url,
    wait_until,
)
from tests.rapportage.pdftext import text_of
from tests.s3 import object_keys

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

Status = Rapport.Status


@pytest.fixture
def drill(tmp_path):
    if connection.vendor != "postgresql":
        reason = (
            "the worker drills need PostgreSQL (DATABASE_URL): a worker process "
            "must share the test database, which SQLite's test database cannot"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")

    redis = RedisServer()
    env = {
        **os.environ,
        "DATABASE_URL": shared_database_url(),
        "REDIS_URL": redis.url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SECRET_KEY": os.environ.get("SECRET_KEY", "drill"),
        "LOG_LEVEL": "INFO",
    }
    workers: list[Worker] = []

    class Drill:
        def __init__(self):
            self.redis = redis

        def worker(self) -> Worker:
            worker = Worker(env, tmp_path / "worker.log")
            workers.append(worker)
            return worker

        def log(self) -> str:
            path = tmp_path / "worker.log"
            return path.read_text(errors="replace") if path.exists() else ""

    saved = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    celery_app.conf.broker_url = redis.url
    celery_app.conf.task_always_eager = False
    try:
        yield Drill()
    finally:
        celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
        for worker in workers:
            worker.kill()
        redis.stop()


def _request_through_the_web(client, griffier) -> Rapport:
    client.force_login(griffier, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(
        reverse("rapportage:rapport_request"), {"kind": "voortgang", "audience": "raad"}
    )
    assert response.status_code == 302
    return Rapport.objects.latest("pk")


def _status(rapport: Rapport) -> str:
    rapport.refresh_from_db()
    return rapport.status


def _wait_for(rapport, status, drill, timeout=30):
    """Wait for a status; a report that fails on the way stops the wait."""
    with contextlib.suppress(AssertionError):
        wait_until(
            lambda: _status(rapport) in {status, Status.MISLUKT},
            timeout=timeout,
            what=status,
        )
    if rapport.status != status:
        raise AssertionError(
            f"report is {rapport.status}: {rapport.error}\n{drill.log()[-3000:]}"
        )


def test_a_worker_renders_a_report_requested_through_the_web(drill, client, griffier):
    drill.redis.start()
    drill.worker()
    rapport = _request_through_the_web(client, griffier)

    _wait_for(rapport, Status.KLAAR, drill)
    assert rapport.attempts == 1
    assert "Geachte raad," in text_of(rapport)


def test_a_report_survives_a_worker_killed_mid_render_and_completes_once(
    drill, client, griffier
):
    # Enough buurten for a few pages, so the render takes a moment.
    Gebied.objects.bulk_create(
        Gebied(code=f"BU0482{i:04d}", name=f"Buurt {i}", level="buurt")
        for i in range(400)
    )
    drill.redis.start()
    first = drill.worker()
    rapport = _request_through_the_web(client, griffier)
    _wait_for(rapport, Status.BEZIG, drill)
    first.kill(signal.SIGKILL)
    # The whole first worker is gone, pool child included: whatever finishes
    # the report from here on is another process.
    wait_until(
        lambda: not living_in_group(first.process.pid),
        timeout=10,
        what="the first worker's processes to die",
    )
    assert _status(rapport) == Status.BEZIG
    assert not rapport.file

    second = drill.worker()
    assert second.process.pid != first.process.pid
    # The beat sweep, run as if the lease had run out.
    later = timezone.now() + services.lease() + timedelta(seconds=1)
    assert services.rapport_requeue_stuck(now=later) == 1
    _wait_for(rapport, Status.KLAAR, drill)
    assert rapport.attempts == 2
    stored = sorted(Path(settings.MEDIA_ROOT).rglob(f"{rapport.uid}*.pdf"))
    assert [p.name for p in stored] == [f"{rapport.uid}.pdf"]

    # A late duplicate message (the redelivered original) changes nothing.
    finished = (rapport.sha256, rapport.finished_at)
    services.enqueue(rapport.pk)
    time.sleep(2)
    rapport.refresh_from_db()
    assert (rapport.sha256, rapport.finished_at, rapport.attempts) == (*finished, 2)


def test_a_request_while_redis_is_down_is_saved_and_completes_after_it_returns(
    drill, client, griffier
):
    rapport = _request_through_the_web(client, griffier)
    assert _status(rapport) == Status.WACHTRIJ
    assert rapport.enqueued_at is None

    drill.redis.start()
    drill.worker()
    assert services.rapport_requeue_stuck() == 1
    _wait_for(rapport, Status.KLAAR, drill)
    assert "Geachte raad," in text_of(rapport)


def test_a_worker_stores_into_object_storage_and_the_web_serves_it(
    s3, drill, client, griffier
):
    # s3 comes first: the worker inherits its S3_* environment.
    drill.redis.start()
    drill.worker()
    rapport = _request_through_the_web(client, griffier)
    _wait_for(rapport, Status.KLAAR, drill)

    assert object_keys(s3) == [f"media/{rapport.file.name}"]
    assert not list(Path(settings.MEDIA_ROOT).rglob(f"{rapport.uid}*"))
    response = client.get(
        reverse("rapportage:rapport_download", kwargs={"uid": rapport.uid})
    )
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == rapport.sha256

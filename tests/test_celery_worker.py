"""A real Celery worker process picks up a task from Redis and answers."""

import os
import subprocess
import sys
import uuid

import pytest

from buurtaanpak.celery import app
from buurtaanpak.messages import BASE

pytestmark = pytest.mark.worker


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must run with REDIS_URL set")
        pytest.skip("REDIS_URL is not set: no broker to test against")
    return url


def test_a_worker_process_runs_a_task_sent_through_redis(redis_url):
    queue = f"test-{uuid.uuid4().hex[:8]}"
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "--app=buurtaanpak",
            "worker",
            "--pool=solo",
            f"--queues={queue}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
            f"--hostname={queue}@%h",
        ],
        cwd=BASE,
        env={**os.environ, "CELERY_TASK_ALWAYS_EAGER": "false"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        result = app.send_task("core.tasks.ping", queue=queue)
        answer = result.get(timeout=60)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
    assert answer["pong"] is True
    assert answer["pid"] == worker.pid

import os
import socket

from celery import shared_task


@shared_task
def ping() -> dict:
    """Answers from the worker that ran it; used by health checks and tests."""
    return {"pong": True, "pid": os.getpid(), "host": socket.gethostname()}

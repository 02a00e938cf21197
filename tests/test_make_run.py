"""`make run` runs the real pipeline: web, a Celery worker and beat.

One `make run` on a free port, in the embedded mode (no DATABASE_URL, no
REDIS_URL), with its SQLite database, broker files and e-mail in a temporary
folder of the test's own. Beat runs every scheduled task every few seconds
(BEAT_INTERVAL_SECONDS), so the daily digest goes out during the test.
"""

import contextlib
import json
import os
import re
import shutil
import signal
import time

import pytest
import requests
from django.urls import reverse

from partners.demo import DEMO_PASSWORD
from tests.drills import (
    MakeRun,
    csrf_token,
    living_in_group,
    port_answers,
    sign_in,
    wait_until,
)

pytestmark = pytest.mark.worker

BEAT_SECONDS = 5
MEDEWERKER = "medewerker@woonkracht10.demo"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    stack = MakeRun(
        tmp_path_factory.mktemp("make-run"), BEAT_INTERVAL_SECONDS=str(BEAT_SECONDS)
    )
    try:
        yield stack.wait()
    finally:
        stack.kill()


@pytest.fixture
def browser(stack) -> requests.Session:
    browser = requests.Session()
    response = sign_in(browser, stack.base, MEDEWERKER, DEMO_PASSWORD)
    assert response.status_code == 302, response.text[-2000:]
    return browser


def _queued_messages(stack, task: str) -> list[str]:
    """Message files in the broker folder that carry this task, not yet taken."""
    found = []
    for path in (stack.var / "broker" / "queue").glob("*.msg"):
        with contextlib.suppress(OSError, ValueError):
            if json.loads(path.read_text())["headers"]["task"] == task:
                found.append(path.name)
    return found


def _subject(mail) -> str:
    return " ".join(str(mail["Subject"]).split())


def _status(browser, stack, uid: str) -> str:
    url = reverse("rapportage:rapport_status", kwargs={"uid": uid})
    return browser.get(f"{stack.base}{url}", timeout=30).json()["status"]


def test_make_run_starts_web_worker_and_beat(stack):
    assert set(stack.pids()) == set(MakeRun.PROCESSES)
    for pgid in stack.pids().values():
        assert living_in_group(pgid)
    log = stack.log()
    assert "filesystem://" in log  # the worker's broker: files, no server
    assert f"Listening at: http://127.0.0.1:{stack.port}" in log


def test_a_requested_report_is_queued_and_then_made_by_the_worker(stack, browser):
    url = f"{stack.base}{reverse('rapportage:rapport_request')}"
    title = "Begroting voor de test van make run"
    worker = stack.pids()["worker"]
    # The worker holds still, so the queued state can be seen for certain.
    os.killpg(worker, signal.SIGSTOP)
    try:
        form = browser.get(url, timeout=30)
        response = browser.post(
            url,
            data={
                "kind": "begroting",
                "audience": "partners",
                "title": title,
                "csrfmiddlewaretoken": csrf_token(form.text),
            },
            headers={"Referer": url},
            timeout=30,
        )
        assert response.status_code == 200, response.text[-2000:]
        uid = response.url.rstrip("/").rsplit("/", 1)[-1]
        assert "in de wachtrij" in response.text
        # The request did not make the report itself: it waits in the broker.
        assert _queued_messages(stack, "portal.rapportage.tasks.render_rapport")
        time.sleep(2)
        assert _status(browser, stack, uid) == "wachtrij"
    finally:
        os.killpg(worker, signal.SIGCONT)

    seen = ["wachtrij"]

    def ready():
        status = _status(browser, stack, uid)
        if status != seen[-1]:
            seen.append(status)
        return status in {"klaar", "mislukt"}

    wait_until(ready, timeout=180, interval=0.2, what="the report")
    assert seen[-1] == "klaar", stack.log()[-4000:]
    assert set(seen) <= {"wachtrij", "bezig", "klaar"}
    page = browser.get(response.url, timeout=30).text
    assert "klaar" in page

    # The worker mails the requester, with a link to the port actually served.
    subject = f"Uw rapport is klaar: {title}"
    wait_until(
        lambda: any(_subject(m) == subject for m in stack.mails()),
        timeout=30,
        what="the report-ready mail",
    )
    mail = next(m for m in stack.mails() if _subject(m) == subject)
    assert mail["To"] == MEDEWERKER
    assert f"http://127.0.0.1:{stack.port}/rapporten/{uid}/" in mail.get_content()


def test_beat_sends_the_warning_digest_on_schedule(stack):
    def digests():
        # "Buurtaanpak: 3 nieuwe vroegsignalen"
        return [
            m
            for m in stack.mails()
            if _subject(m).startswith("Buurtaanpak: ") and "vroegsign" in _subject(m)
        ]

    wait_until(digests, timeout=120 + 4 * BEAT_SECONDS, interval=0.5, what="the digest")
    log = stack.log()
    assert "Sending due task scans-warning-digest" in log
    assert "scans.tasks.send_warning_digest" in log
    digest = digests()[0]
    assert "Vroegsignalen voor uw organisatie" in digest.get_content()
    assert f"http://127.0.0.1:{stack.port}/" in digest.get_content()


def test_a_missing_page_gets_the_portal_s_dutch_page_not_django_s(stack, browser):
    response = browser.get(f"{stack.base}/bestaat-niet/", timeout=30)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text
    assert "URLconf" not in response.text  # Django's debug page lists them
    assert "Page not found" not in response.text
    # With DEBUG off the page still has its stylesheet, from WhiteNoise.
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', response.text)
    css = browser.get(f"{stack.base}{stylesheet.group(1)}", timeout=30)
    assert css.status_code == 200
    assert css.headers["Content-Type"].startswith("text/css")


def test_ctrl_c_stops_web_worker_and_beat(stack):
    groups = stack.pids()
    assert groups and all(living_in_group(pgid) for pgid in groups.values())
    stack.interrupt(timeout=60)
    wait_until(
        lambda: not any(living_in_group(pgid) for pgid in groups.values()),
        timeout=30,
        what="every process to stop",
    )
    assert not port_answers(stack.port)
    assert "SIGINT received" in stack.log()

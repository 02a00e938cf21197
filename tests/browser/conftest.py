"""Browser tests: Playwright driving the system Chromium against a live server.

Every page a test lands on must pass axe-core (WCAG 2.1 A and AA). Call
``a11y(page)`` after each navigation; a test that leaves a visited page
unchecked fails at teardown.
"""

import os
import shutil
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import PASSWORD

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _source_named_static_files():
    """Serve static files under their source names in browser tests.

    The live server finds static files through the finders, which know the
    source names only; with DEBUG off the manifest storage would render hashed
    names it cannot serve. Hashed names are tested in tests/test_static_files.py.
    """
    from django.conf import settings
    from django.test.utils import override_settings

    plain = "django.contrib.staticfiles.storage.StaticFilesStorage"
    with override_settings(
        STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": plain}}
    ):
        yield


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed; .ci/run installs it.")
        pytest.skip("Chromium is not installed (apt-get install chromium).")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    # Playwright's sync API runs an event loop; Django must allow ORM calls
    # from the test thread while it does.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class A11yTracker:
    def __init__(self):
        self.visited: list[str] = []
        self.checked: set[str] = set()
        self.axe = Axe()

    def check(self, page) -> None:
        page.wait_for_load_state("load")
        results = self.axe.run(
            page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}
        )
        violations = results.response["violations"]
        summary = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
            for v in violations
        )
        assert not violations, f"axe-core found problems on {page.url}:\n{summary}"
        self.checked.add(page.url.split("#")[0])


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    # The map tiles come from PDOK; these machines have no internet, and the
    # portal must work without tiles anyway.
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(live_server.url)
            or route.request.url.startswith("data:")
            else route.abort()
        ),
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    tracker = A11yTracker()
    page.on(
        "framenavigated",
        lambda frame: (
            tracker.visited.append(frame.url.split("#")[0])
            if frame == page.main_frame
            else None
        ),
    )
    page.a11y_tracker = tracker
    csp_violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    unchecked = [
        u
        for u in dict.fromkeys(tracker.visited)
        if u not in tracker.checked and u.startswith(live_server.url)
    ]
    context.close()
    assert not csp_violations, (
        f"blocked by the Content-Security-Policy: {csp_violations}"
    )
    assert not unchecked, f"pages visited without an axe-core check: {unchecked}"


def a11y(page) -> None:
    """Run axe-core on the current page and fail on any WCAG 2.1 A/AA violation."""
    page.a11y_tracker.check(page)


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def login(page, live_server, user, *, password: str = PASSWORD, secret: str = ""):
    """Log in through the real login form (and the TOTP step when needed)."""
    page.goto(f"{live_server.url}/accounts/login/")
    a11y(page)
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    if secret:
        page.wait_for_url("**/accounts/2fa/authenticate/**")
        a11y(page)
        page.get_by_label("Code").fill(totp_code(secret))
        page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/**")

"""No dead links: every internal link a persona sees in the demo opens for it.

The demo data is loaded once for the module; for each demo account the test
follows every internal link from the start page (breadth first, each URL
once, at most QUERIES_PER_PATH query strings per path) and fails on any that
does not answer 200 (or a redirect that ends in 200) for that account. The
same walk checks that every page it opens writes dates and numbers the Dutch
way (tests/dutch.py), that it is built from the NL Design System components
and that it stays light (tests/nlds.py).
"""

from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from tests.conftest import enable_totp
from tests.dutch import format_problems, visible_text
from tests.nlds import MAX_PAGE_BYTES, component_problems, page_weight

pytestmark = pytest.mark.django_db

#: Demo accounts by role (README, "Demo accounts").
ACCOUNTS = {
    "medewerker": "medewerker@woonkracht10.demo",
    "coordinator": "coordinator@welzijn.demo",
    "politie": "wijkagent@politie.demo",
    "procesbegeleider": "procesbegeleider@koersbekenners.demo",
    "griffier": "griffier@alblasserdam.demo",
    "raadslid": "raadslid1@alblasserdam.demo",
    "beheerder": "beheerder@alblasserdam.demo",
}
#: Links that end the session or leave the portal's own pages.
NOT_FOLLOWED = ("/accounts/logout/", "/static/")
#: Called with the URL and HTML of each page the crawl opens.
OnPage = Callable[[str, str], None]
#: A crawl larger than this means the demo grew a link explosion.
MAX_REQUESTS = 4000
#: Links to one path with different query strings (filters, pages, the
#: calendar's months) are followed this many times: the same view answers
#: them, and the calendar's month links would otherwise take most of the walk.
QUERIES_PER_PATH = 12


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _links(page_url: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        url, _fragment = urldefrag(urljoin(page_url, href))
        parts = urlsplit(url)
        if parts.scheme in ("", "http") and parts.netloc in ("", "testserver"):
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path and not path.startswith(NOT_FOLLOWED):
                found.append(path)
    return found


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data, for this module only (rolled back at its end)."""
    from partners.models import User

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", allow_production=True, verbosity=0)
        users = {
            role: User.objects.get(email=email) for role, email in ACCOUNTS.items()
        }
        for user in users.values():
            if not user.authenticator_set.exists():
                enable_totp(user)
        yield users
        transaction.set_rollback(True)


def crawl(client: Client, on_page: OnPage | None = None) -> dict[str, str]:
    """Every internal link reachable from the start page -> what went wrong.

    `on_page(url, html)` sees each HTML page the crawl opens, so other checks
    on what a persona sees can ride along on the same walk.
    """
    seen, broken = {"/"}, {}
    queries: Counter[str] = Counter()
    queue = deque([("/", "(start)")])
    requests = 0
    while queue:
        url, source = queue.popleft()
        requests += 1
        assert requests <= MAX_REQUESTS, "the crawl does not end"
        response = client.get(url, follow=True)
        if response.status_code != 200:
            broken[url] = f"{response.status_code}, linked from {source}"
            continue
        if "text/html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        if on_page is not None:
            on_page(url, html)
        # Admin pages link to every filter and sort order: check links into
        # the admin, do not crawl within it.
        if url.startswith("/beheer/"):
            continue
        for link in _links(url, html):
            if link in seen:
                continue
            path, _, query = link.partition("?")
            if query:
                if queries[path] >= QUERIES_PER_PATH:
                    continue
                queries[path] += 1
            seen.add(link)
            queue.append((link, url))
    return broken


@dataclass
class Walk:
    """What one persona's crawl found."""

    broken: dict[str, str]
    #: URL -> each date or number on that page not written the Dutch way.
    wrong_formats: dict[str, list[str]] = field(default_factory=dict)
    #: URL -> each element without its NL Design System component class.
    off_design: dict[str, list[str]] = field(default_factory=dict)
    #: URL -> bytes sent (gzip) for a page heavier than MAX_PAGE_BYTES.
    too_heavy: dict[str, int] = field(default_factory=dict)


@pytest.fixture(scope="module")
def walk_as(demo):
    """walk_as(role) crawls the demo as that persona, once for all tests here."""
    walks: dict[str, Walk] = {}

    def _walk(role: str) -> Walk:
        if role not in walks:
            client = Client()
            client.force_login(
                demo[role], backend="django.contrib.auth.backends.ModelBackend"
            )
            walk = Walk(broken={})

            def check_page(url: str, html: str) -> None:
                if problems := format_problems(visible_text(html)):
                    walk.wrong_formats[url] = problems
                if url.startswith("/beheer/"):
                    return  # the admin keeps Django's own look
                if problems := component_problems(html):
                    walk.off_design[url] = problems
                if (size := page_weight(html)) > MAX_PAGE_BYTES:
                    walk.too_heavy[url] = size

            walk.broken = crawl(client, check_page)
            walks[role] = walk
        return walks[role]

    return _walk


@pytest.mark.parametrize("role", ACCOUNTS)
def test_every_link_a_persona_sees_opens_for_it(walk_as, role):
    broken = walk_as(role).broken
    assert not broken, "\n".join(f"{u}: {why}" for u, why in sorted(broken.items()))


@pytest.mark.parametrize("role", ACCOUNTS)
def test_every_page_a_persona_sees_writes_dates_and_numbers_the_dutch_way(
    walk_as, role
):
    wrong = walk_as(role).wrong_formats
    assert not wrong, "\n".join(f"{u}: {found}" for u, found in sorted(wrong.items()))


@pytest.mark.parametrize("role", ACCOUNTS)
def test_every_page_a_persona_sees_is_built_from_the_nl_design_system(walk_as, role):
    off = walk_as(role).off_design
    assert not off, "\n".join(f"{u}: {found}" for u, found in sorted(off.items()))


@pytest.mark.parametrize("role", ACCOUNTS)
def test_every_page_a_persona_sees_stays_under_150_kb(walk_as, role):
    heavy = walk_as(role).too_heavy
    assert not heavy, "\n".join(f"{u}: {n} bytes" for u, n in sorted(heavy.items()))


def _models_with_a_page():
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if hasattr(model, "get_absolute_url")
        and model.__module__.split(".")[0]
        in {"partners", "scans", "visie", "sessies", "portal"}
    ]


def test_every_model_with_a_page_has_a_link_rule():
    from core.links import registered

    missing = [m._meta.label for m in _models_with_a_page()]
    assert not set(missing) - registered().keys()


#: Records of each kind whose page is opened per persona (the demo's first few).
PER_MODEL = 4


@pytest.mark.parametrize("role", ACCOUNTS)
def test_a_link_is_shown_exactly_when_its_page_opens(demo, role):
    from core.links import may_open

    user = demo[role]
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    disagreements = []
    for model in _models_with_a_page():
        for obj in model._base_manager.order_by("pk")[:PER_MODEL]:
            url = obj.get_absolute_url()
            opens = client.get(url).status_code == 200
            if may_open(user, obj) != opens:
                disagreements.append(f"{model._meta.label} {url}: opens={opens}")
    assert not disagreements

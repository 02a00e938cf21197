"""Load-test flows of partner staff, the griffier and raadsleden.

Each simulated user takes a signed-in session of its role from the file that
`build_bench_data` wrote (BENCH_SESSIONS), so the test measures pages, not the
login form. Only loopback addresses are targets.
"""

import html
import json
import os
import random
import re

from locust import FastHttpUser, between, task

DATA = json.loads(open(os.environ["BENCH_SESSIONS"]).read())  # noqa: SIM115
SESSIONS = DATA["sessions"]
URLS = DATA["urls"]
ONLY = os.environ.get("BENCH_ONLY")
MAP_URL = re.compile(
    r'data-geojson-url="([^"]+)"'
)  # measure one page alone (throughput runs)


def _pick(name: str) -> str | None:
    paths = URLS.get(name)
    return random.choice(paths) if paths else None


class PortalUser(FastHttpUser):
    abstract = True
    roles: tuple[str, ...] = ()
    pages: dict[str, int] = {}
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.fetched: set[str] = set()  # the browser cache of immutable maps
        assert self.host.startswith(("http://127.", "http://localhost")), self.host
        keys = [key for role in self.roles for key in SESSIONS.get(role, [])]
        # geventhttpclient, not requests: the load generator shares the cores
        # with the server, so it should take as little of them as it can.
        self.headers = {"Cookie": f"sessionid={random.choice(keys)}"}

    def _get(self, path: str, name: str) -> str:
        """The page's text; a redirect (to the login page, say) is a failure."""
        with self.client.get(
            path,
            name=name,
            headers=self.headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            return response.text or ""

    def _visit(self, name: str) -> None:
        path = _pick(name)
        if not path:
            return
        text = self._get(path, name)
        # As a browser does: a map that comes as its own resource is fetched
        # too, unless this version of it (the link carries it) is in its cache.
        found = MAP_URL.search(text)
        if found:
            url = html.unescape(found.group(1))
            if url not in self.fetched:
                self._get(url, f"{name} map")
                self.fetched.add(url)

    @task
    def browse(self):
        names = [ONLY] if ONLY else list(self.pages)
        weights = None if ONLY else list(self.pages.values())
        self._visit(random.choices(names, weights=weights)[0])


class PartnerStaff(PortalUser):
    weight = 7
    roles = ("medewerker", "coordinator")
    pages = {
        "start": 3,
        "overview": 3,
        "gebied": 4,
        "signalen": 2,
        "gebieden": 1,
        "acties": 1,
        "visie": 1,
        "sessies": 1,
        "partners": 1,
    }


class Griffier(PortalUser):
    weight = 1
    roles = ("griffier",)
    pages = {"start": 2, "sessies": 4, "rapporten": 3}


class Raadslid(PortalUser):
    weight = 2
    roles = ("raadslid",)
    pages = {"start": 2, "rapporten": 4, "visie": 2, "sessies": 2}


class Solo(PortalUser):
    """Used alone (BENCH_ONLY) for throughput: no think time, one page."""

    weight = 1
    roles = (os.environ.get("BENCH_ROLE", "medewerker"),)
    pages = {}
    wait_time = between(0, 0)

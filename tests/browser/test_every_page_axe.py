"""axe-core on one page of every kind: each URL pattern the demo links to.

A wide-view persona (a coördinator) and the beheerder walk the demo with
Django's test client, following a link only when its URL pattern
(resolve(path).view_name) has not been seen yet; the browser then opens the
first URL found for each pattern (the beheerder only those the coördinator
did not see), plus the admin's index, one changelist and one change form,
and runs axe-core on each. A new kind of page is checked without a new test.
"""

from collections import deque

from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from tests.browser.conftest import a11y
from tests.conftest import enable_totp
from tests.test_links import ACCOUNTS, _links

#: Demo accounts whose pages together show every kind of page.
PERSONAS = ("coordinator", "beheerder")
#: Pages that are not HTML for a person to read, or end the session.
SKIPPED_KINDS = ("geojson", "ics", "csv", "download", "export", "feed", "pdf")


def _view_name(path: str) -> str | None:
    try:
        return resolve(path.split("?")[0]).view_name
    except Resolver404:
        return None


def pages_per_pattern(client: Client) -> dict[str, str]:
    """view name -> the first URL of it that the persona can reach by links."""
    first = {_view_name("/"): "/"}
    queue = deque(["/"])
    while queue:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            first = {k: v for k, v in first.items() if v != url}
            continue
        for link in _links(url, response.content.decode()):
            name = _view_name(link)
            if link.startswith("/beheer/") or name is None or name in first:
                continue
            if any(kind in name.lower() for kind in SKIPPED_KINDS):
                continue
            first[name] = link
            queue.append(link)
    return first


def _signed_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


def test_every_kind_of_page_passes_axe(page, live_server, db):
    from partners.models import Organisation, User

    call_command("load_demo", allow_production=True, verbosity=0)
    checked: dict[str, str] = {}
    for role in PERSONAS:
        user = User.objects.get(email=ACCOUNTS[role])
        if not user.authenticator_set.exists():
            enable_totp(user)
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        found = pages_per_pattern(client)
        urls = [url for name, url in found.items() if name not in checked]
        if role == "beheerder":
            organisation = Organisation.objects.order_by("pk").first()
            urls += [
                "/beheer/",
                "/beheer/partners/organisation/",
                f"/beheer/partners/organisation/{organisation.pk}/change/",
            ]
        _signed_in(page, live_server, user)
        for url in urls:
            page.goto(f"{live_server.url}{url}")
            a11y(page)
            checked[_view_name(url)] = url
    assert len(checked) > 40, checked

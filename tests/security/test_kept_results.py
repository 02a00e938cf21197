"""What a page keeps per reader (core.table_versions) is only ever theirs.

Over the world of classified records (every kind, level and organisation),
every persona opens every page that keeps results per reader, twice: the
second answer comes from what was kept. The answers must be the same as
when the personas come in the opposite order (a result kept under the wrong
reader would show up as a difference), and no answer may hold a record's
canary that the policy hides from that persona.

Outside a test transaction, as requests run: a transaction that has written
reads around the cache, so a test inside one would never read a kept result.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import URLResolver, get_resolver, reverse

from core.views import KeptPageMixin
from partners.models import User
from tests.conftest import build_personas, make_user
from tests.rapportage.factories import make_rapport
from tests.security import classified

pytestmark = pytest.mark.django_db(transaction=True)

_VOLATILE = re.compile(
    r'(nonce|csrfmiddlewaretoken" value|csrf-token" content)="[^"]*"'
)


def _kept_lists() -> list[str]:
    """Every list in the URLconf that keeps its page (KeptPageMixin).

    A new kept list joins the walk without being named here; one that needs
    an argument in its address makes this fail, so that it is given one.
    """
    found = []

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                walk(
                    pattern.url_patterns,
                    ":".join(filter(None, [namespace, inner])) if inner else namespace,
                )
                continue
            view = getattr(pattern.callback, "view_class", None)
            if view is not None and issubclass(view, KeptPageMixin):
                found.append(reverse(":".join(filter(None, [namespace, pattern.name]))))

    walk(get_resolver().url_patterns, "")
    return found


def _pages(world) -> list[str]:
    pages = [
        reverse("start"),
        *_kept_lists(),
        reverse("scans:signaal_list") + "?page=2",
        reverse("sessies:index") + "?periode=verleden",
    ]
    pages += [g.get_absolute_url() for g in world.gebied.values()]
    return list(dict.fromkeys(pages))


def test_the_walk_has_every_kept_list_and_every_other_kept_result():
    """The lists are found in the URLconf; any other use of kept results
    (core.table_versions.cached) is one of the pages the walk names."""
    assert set(_kept_lists()) >= {
        reverse("scans:signaal_list"),
        reverse("scans:actie_list"),
        reverse("rapportage:index"),
        reverse("sessies:index"),
    }
    base = Path(settings.BASE_DIR)
    callers = {
        str(path.relative_to(base))
        for path in base.glob("*/**/*.py")
        if not path.is_relative_to(base / "tests")
        and not any(part.startswith(".") for part in path.relative_to(base).parts)
        and "table_versions.cached(" in path.read_text(encoding="utf-8")
    }
    # KeptPageMixin, the start page and the gebied page: all in the walk.
    assert callers == {"core/views.py", "portal/start.py", "scans/views/gebieden.py"}


def _answers(client, users, pages) -> dict:
    answers = {}
    for name, user in users:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        for page in pages:
            first = client.get(page)
            kept = client.get(page)
            assert kept.status_code == first.status_code, (name, page)
            body = _VOLATILE.sub(r"\1=…", kept.content.decode())
            assert body == _VOLATILE.sub(r"\1=…", first.content.decode()), (name, page)
            answers[name, page] = (kept.status_code, body)
        client.logout()
    return answers


def test_kept_results_are_the_readers_own(client):
    personas = build_personas()
    world = classified.build(personas)
    users = [
        (name, user) for name, user in vars(personas).items() if isinstance(user, User)
    ]
    # A colleague with the same role in the same organisation shares what is
    # kept by the policy's reader (the gebied page, the list of signalen), and
    # not what is kept per person (sessions, reports, the start page).
    colleague = make_user(
        "joost@woonkracht10.test", personas.woonkracht10, "medewerker"
    )
    users.append(("colleague", colleague))
    # A record of one person's own: a raad report she asked for, unpublished.
    make_rapport(
        requested_by=personas.medewerker,
        title="Eigen aanvraag van Sanne",
        kind="gebiedsscan",
        brief=False,
    )
    pages = _pages(world)

    forward = _answers(client, users, pages)
    cache.clear()
    backward = _answers(client, list(reversed(users)), pages)

    assert forward.keys() == backward.keys()
    differing = [key for key in forward if forward[key] != backward[key]]
    assert differing == []
    leaks = []
    for name, user in users:
        hidden = world.hidden_from(user)
        for page in pages:
            status, body = forward[name, page]
            if status != 200:
                continue
            leaks += [(name, page, r.kind) for r in hidden if r.canary in body]
    assert leaks == []
    # The kept answers were read: the start page of the last reader is kept.
    assert any("tv:result:start-panels" in key for key in _keys())


def _keys() -> list[str]:
    location = getattr(cache, "_cache", None)
    if isinstance(location, dict):  # the in-memory cache of the tests
        return list(location)
    return [k.decode() for k in cache._cache.get_client().keys("*tv:result*")]

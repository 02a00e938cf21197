"""The policy matrix: every record of every kind and level, on every page.

The world (tests/security/classified.py) holds, for every kind of record in
core.policy's table, every level the kind can have and every organisation of
the cast, a record with its own canary text. Each persona fetches every page,
export, PDF and admin page that shows that kind; the canary is on the page
exactly where the table says the persona may read the record, and no canary of
a record hidden from the persona is on any page it fetches.

The world is built once for the module; every test reads it.
"""

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client, TestCase
from django.urls import reverse

from core import policy
from partners.selectors import reader_of
from tests.conftest import build_personas
from tests.rapportage.pdftext import text_of
from tests.security import classified
from tests.security.classified import K, Record, expected

pytestmark = pytest.mark.django_db

PERSONAS = [
    "medewerker",
    "coordinator",
    "outsider",
    "politie",
    "procesbegeleider",
    "griffier",
    "raadslid",
    "beheerder",
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once, inside a transaction that is rolled back after the module."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = classified.build(build_personas())
            built.pdfs = _render_reports(built)
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@dataclass
class Page:
    """A URL and the records it shows, each found by its marker."""

    url: str
    records: list[Record]
    admin: bool = False

    def marker(self, record: Record) -> str:
        return record.canary


class AdminList(Page):
    """An admin list finds a record by the link to its change page."""

    def marker(self, record: Record) -> str:
        meta = record.obj._meta
        return reverse(
            f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.obj.pk]
        )


def _pages(w) -> list[Page]:
    """Every page that shows a classified kind, with the records it shows."""
    pages = [
        Page(reverse("scans:signaal_list"), w.of(K.SIGNAAL)),
        Page(w.actie.get_absolute_url(), w.of(K.SIGNAAL)),
        Page(reverse("scans:export_csv"), w.of(K.METING)),
        Page(reverse("visie:sectie_detail", args=[w.sectie.pk]), w.of(K.OPMERKING)),
        Page(w.versie.get_absolute_url(), w.of(K.OPMERKING)),
        Page(reverse("visie:bron_list"), w.of(K.BRON)),
        Page(reverse("rapportage:index"), w.of(K.RAPPORT)),
    ]
    # A section shows the session outcomes that feed it and the bronnen it
    # cites; only what every partner may read can be cited.
    cited = [
        r for r in w.of(K.BRON) if policy.can_read(policy.PARTNER, K.BRON, r.level)
    ]
    sectie = reverse("visie:sectie_detail", args=[w.sectie.pk])
    pages.append(Page(sectie, [*w.of(K.OPBRENGST), *cited]))
    pages.append(Page(reverse("visie:citatie_create", args=[w.sectie.pk]), cited))
    orgs = {o.slug: o for o in classified.writers(w.personas)}
    for slug, gebied in w.gebied.items():
        org, scan = orgs[slug], w.scan[slug]
        pages.append(
            Page(
                gebied.get_absolute_url(), w.of(K.SIGNAAL, K.OORDEEL, organisation=org)
            )
        )
        pages.append(
            Page(
                scan.get_absolute_url(),
                w.of(K.OORDEEL, K.METING, K.METING_NOTE, organisation=org),
            )
        )
        pages.append(
            Page(
                reverse("scans:scan_history", args=[scan.pk]),
                w.of(K.METING, organisation=org),
            )
        )
    for r in w.of(K.SIGNAAL):
        pages.append(Page(r.obj.get_absolute_url(), [r]))
    for r in w.of(K.BRON):
        pages.append(Page(r.obj.get_absolute_url(), [r]))
        pages.append(Page(reverse("visie:bron_download", args=[r.obj.pk]), [r]))
    for r in w.of(K.RAPPORT):
        pages.append(Page(r.obj.get_absolute_url(), [r]))
    for sessie in w.sessies:
        # The session page links to its minutes; the minutes page shows them
        # with the outcomes.
        shown = [r for r in w.of(K.OPBRENGST, K.VERSLAG) if r.obj.sessie == sessie]
        pages.append(Page(sessie.get_absolute_url(), []))
        pages.append(Page(reverse("sessies:verslag_detail", args=[sessie.pk]), shown))
    for kind in (K.OPMERKING, K.BRON, K.OPBRENGST, K.VERSLAG):
        records = w.of(kind)
        meta = records[0].obj._meta
        changelist = f"admin:{meta.app_label}_{meta.model_name}_changelist"
        pages.append(AdminList(reverse(changelist), records, admin=True))
        for r in records:
            change = f"admin:{meta.app_label}_{meta.model_name}_change"
            pages.append(Page(reverse(change, args=[r.obj.pk]), [r], admin=True))
    return pages


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8-sig", "replace")


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _check(page: Page, body: str, status: int, reader, hidden) -> list[str]:
    problems = []
    for record in page.records:
        present = page.marker(record) in body
        should = status == 200 and expected(reader, record)
        if present != should:
            problems.append(
                f"{page.url} ({status}): {record.kind} {record.level} of "
                f"{record.organisation} {'shown' if present else 'missing'}"
            )
    leaked = [r for r in hidden if r.canary in body]
    problems += [
        f"{page.url}: hidden {r.kind} {r.level} of {r.organisation} leaks"
        for r in leaked
    ]
    return problems


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_shows_each_record_exactly_where_the_table_says(world, persona):
    user = world.personas.by_name()[persona]
    reader = reader_of(user)
    hidden = world.hidden_from(user)
    client = _client(user)
    problems = []
    for page in _pages(world):
        if page.admin and persona != "beheerder":
            continue
        response = client.get(page.url)
        problems += _check(page, _body(response), response.status_code, reader, hidden)
    assert not problems, "\n".join(problems)


def test_the_admin_is_closed_to_everyone_but_the_beheerder(world):
    pages = [p for p in _pages(world) if p.admin]
    for persona in PERSONAS:
        if persona == "beheerder":
            continue
        client = _client(world.personas.by_name()[persona])
        for page in pages[:: max(1, len(pages) // 8)]:
            assert client.get(page.url).status_code == 403, (persona, page.url)


def _render_reports(w) -> dict[str, tuple[str, list[Record]]]:
    """Every raad report that shows a classified kind, rendered as a user would
    request it (synchronously), with the records it could show."""
    from portal.rapportage import services
    from portal.rapportage.models import Audience, Rapport

    p = w.personas
    wanted = []
    orgs = {o.slug: o for o in classified.writers(p)}
    for slug, gebied in w.gebied.items():
        shown = w.of(K.SIGNAAL, K.OORDEEL, organisation=orgs[slug])
        wanted.append(({"kind": "gebiedsscan", "gebied": gebied}, shown))
    wanted.append(({"kind": "visie", "subject_pk": w.versie.pk}, w.of(K.OPMERKING)))
    for sessie in w.sessies:
        if sessie.soort == sessie.Soort.RAADSWERKSESSIE:
            shown = [r for r in w.of(K.OPBRENGST, K.VERSLAG) if r.obj.sessie == sessie]
            wanted.append(({"kind": "sessieverslag", "subject_pk": sessie.pk}, shown))
    rendered = {}
    for request, shown in wanted:
        with TestCase.captureOnCommitCallbacks(execute=True):
            rapport = services.rapport_request(
                user=p.griffier, audience=Audience.RAAD, **request
            )
        rapport.refresh_from_db()
        # A session whose minutes the raad may not read has no report at all.
        text = text_of(rapport) if rapport.status == Rapport.Status.KLAAR else ""
        rendered[str(rapport.uid)] = ("".join(text.split()), shown)
    return rendered


def test_every_raad_report_shows_each_record_exactly_where_the_table_says(world):
    """Raad reports are read as the raad: the raadslid's row of the table."""
    problems = []
    hidden = [r for r in world.records if not expected(policy.RAAD, r)]
    for uid, (text, shown) in world.pdfs.items():
        page = Page(uid, shown)
        problems += _check(page, text, 200, policy.RAAD, hidden)
    assert not problems, "\n".join(problems)


def test_the_reports_do_show_what_the_raad_may_read(world):
    """The check above can fail: openbare canaries are in the PDF text."""
    texts = "".join(text for text, _shown in world.pdfs.values())
    openbaar = [r for r in world.records if r.kind in (K.SIGNAAL, K.OORDEEL)]
    openbaar = [r for r in openbaar if expected(policy.RAAD, r)]
    assert openbaar and all(r.canary in texts for r in openbaar)


def test_the_world_covers_every_cell_of_the_table(world):
    """Every kind at every level, authored by every organisation of the cast,
    and every session open to every persona (its text is up to the policy)."""
    from sessies.selectors import sessies_visible_to

    orgs = set(classified.writers(world.personas))
    for kind in K:
        for level in policy.levels_of(kind):
            authors = {r.organisation for r in world.of(kind) if r.level == level}
            assert authors == orgs or kind == K.RAPPORT, (kind, level)
    for persona in PERSONAS:
        user = world.personas.by_name()[persona]
        assert set(sessies_visible_to(user)) >= set(world.sessies), persona

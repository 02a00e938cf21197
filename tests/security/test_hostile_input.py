"""Hostile input to every form of the portal: never a 500, never a half save.

The forms are listed once, in tests/security/endpoints.py. For each one,
hypothesis mixes the valid value of every field with hostile ones: missing
fields, wrong types (lists, files, huge numbers, impossible dates), control
characters, HTML, SQL fragments and 10,000-character strings. After every
request the row count of every table is compared: a refused submission
changes nothing; an accepted one adds exactly the rows the table declares.
"""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import build_personas
from tests.security.endpoints import ENDPOINTS, NO_FORM, Endpoint
from tests.test_access_matrix import _url_names

EXAMPLES = 20
PROFILE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE scans_signaal; --",
    "1 OR 1=1",
    "../../etc/passwd",
    "\x00",
    "a\x00b",
    "９９",
    "-1",
    "0",
    "2026-02-31",
    "31-02-2026",
    "2026-13-01T25:61",
    "0000-00-00",
    "9" * 40,
    "1e309",
    "NaN",
    "Infinity",
    "-0",
    "[]",
    "{}",
    "null",
    "%s%s%n",
    "\u202eevil",
    "😀😀😀",
    " ",
    "",
]
TEXT = st.one_of(
    st.text(max_size=50),
    # 10,000 characters and more: a short pattern repeated.
    st.text(min_size=1, max_size=8, alphabet="aé<>'\";- ").map(
        lambda s: (s * (10_000 // len(s) + 1))[:10_050]
    ),
    st.text(
        alphabet=st.characters(min_codepoint=0, max_codepoint=31),
        min_size=1,
        max_size=40,
    ),
    st.sampled_from(NASTY),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
JUNK_FILE = st.tuples(
    st.sampled_from(
        ["rapport.pdf.exe", "x.php.pdf", "../../etc/passwd", "..\\..\\x.pdf", "a.csv"]
    ),
    st.one_of(
        st.binary(max_size=300),
        st.sampled_from([b"", b"MZ\x90\x00\x03", b"<?php system($_GET[1]); ?>"]),
    ),
)
# A value for one field: missing (None), a hostile string, several values
# where one is expected, or a file where text is expected.
HOSTILE = st.one_of(
    st.none(),
    TEXT,
    st.lists(TEXT.filter(lambda s: len(s) < 100), min_size=2, max_size=3),
    JUNK_FILE,
)
HOSTILE_QUERY = st.one_of(st.none(), TEXT, st.lists(st.sampled_from(NASTY), min_size=2))

_UNCOUNTED_APPS = {"contenttypes", "sessions", "usersessions", "auth"}
# The audit trail records what a page showed or exported, also when the form
# on it was refused: such entries are reads, not part of a (half) save. An
# endpoint that declares audit entries among its writes is held to that.
_AUDIT = "audit.AuditEntry"


def _counted_models():
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed
        and not m._meta.proxy
        and m._meta.app_label not in _UNCOUNTED_APPS
    ]


def row_counts() -> dict[str, int]:
    """The row count of every table of the portal, in one query."""
    models = _counted_models()
    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(
        f"(SELECT COUNT(*) FROM {quote(m._meta.db_table)})" for m in models
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return {m._meta.label: n for m, n in zip(models, row, strict=True)}


def changes(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {k: after[k] - before[k] for k in before if after[k] != before[k]}


def build_world(endpoint: Endpoint) -> dict:
    world = {"personas": build_personas()}
    build = getattr(import_module(endpoint.world), "build", None)
    if build:
        build(world)
    return world


def _names(world: dict) -> dict[str, int]:
    """Placeholders for field names such as reply{opmerking}-text or rol_{welzijn}."""
    names = {k: v.pk for k, v in world.items() if hasattr(v, "pk")}
    p = world["personas"]
    for org in ("woonkracht10", "welzijn", "politie", "koersbekenners"):
        names[org] = getattr(p, org).pk
    return names


def url_of(endpoint: Endpoint, world: dict) -> str:
    return reverse(endpoint.url, kwargs=endpoint.kwargs(world))


def submit(endpoint: Endpoint, world: dict, client: Client, url: str, values: dict):
    """Send the values (None: leave the field out) to the URL."""
    names = _names(world)
    payload = {}
    for name, v in values.items():
        if v is None:
            continue
        if isinstance(v, tuple):
            v = SimpleUploadedFile(v[0], v[1])
        payload[name.format(**names)] = v
    return getattr(client, endpoint.method)(url, payload)


def client_as(endpoint: Endpoint, world: dict) -> Client:
    client = Client()
    user = world["personas"].by_name()[endpoint.persona]
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def valid_values(endpoint: Endpoint, world: dict) -> dict:
    return {name: make(world) for name, make in endpoint.fields.items()}


def check(endpoint: Endpoint, response, diff: dict[str, int]) -> None:
    if _AUDIT not in endpoint.writes:
        diff = {label: n for label, n in diff.items() if label != _AUDIT}
    status = response.status_code
    assert status < 500, f"{endpoint.id}: {status}"
    if not diff:
        return
    assert status == endpoint.success, (
        f"{endpoint.id}: saved {diff} yet answered {status}"
    )
    for label, delta in diff.items():
        allowed = endpoint.writes.get(label)
        assert allowed is not None, f"{endpoint.id}: {label} changed by {delta}"
        ok = delta == allowed if isinstance(allowed, int) else delta in allowed
        assert ok, f"{endpoint.id}: {label} changed by {delta}, expected {allowed}"
    half = {
        label: diff.get(label, 0)
        for label, n in endpoint.writes.items()
        if isinstance(n, int) and diff.get(label, 0) != n
    }
    assert not half, f"{endpoint.id}: half saved: {diff}"


def _errors(response) -> str:
    form = (response.context or {}).get("form")
    return str(form.errors.as_data()) if form is not None else str(response)


@pytest.fixture
def world(endpoint, db):
    return build_world(endpoint)


def _id(endpoint: Endpoint) -> str:
    return endpoint.id


def test_every_url_is_in_the_table_or_has_no_form():
    urls = set(_url_names())
    covered = {e.url for e in ENDPOINTS} | NO_FORM.keys()
    assert not urls - covered, f"forms without hostile-input rows: {urls - covered}"
    stale = covered - urls - {"admin:index"}
    assert not stale, f"rows for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=_id)
def test_the_valid_submission_is_accepted_and_saves_exactly_the_declared_rows(
    endpoint, world
):
    client = client_as(endpoint, world)
    url, values = url_of(endpoint, world), valid_values(endpoint, world)
    before = row_counts()
    response = submit(endpoint, world, client, url, values)
    diff = changes(before, row_counts())
    assert response.status_code == endpoint.success, _errors(response)
    check(endpoint, response, diff)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=_id)
@PROFILE
@given(data=st.data())
def test_hostile_input_is_refused_without_a_500_or_a_half_save(endpoint, world, data):
    hostile = HOSTILE_QUERY if endpoint.method == "get" else HOSTILE
    valid = valid_values(endpoint, world)
    values = {
        name: data.draw(st.one_of(st.just(v), hostile), label=name)
        for name, v in valid.items()
    }
    client = client_as(endpoint, world)
    url = url_of(endpoint, world)
    before = row_counts()
    response = submit(endpoint, world, client, url, values)
    check(endpoint, response, changes(before, row_counts()))

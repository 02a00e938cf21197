"""Cached results are never read after a table they were read from changed."""

import time
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import table_versions as tv
from partners.models import Membership, Organisation, Role
from portal.rapportage.models import Audience, Rapport
from portal.rapportage.services.rapporten import rapport_publish
from scans.models import Gebied, Waarschuwing
from sessies.models import Sessie, Uitnodiging
from tests.rapportage.factories import make_rapport
from tests.scans import factories as f
from tests.sessies.factories import invite, make_sessie


@pytest.fixture(autouse=True)
def _new_process(monkeypatch):
    """As in a process that has computed nothing yet."""
    monkeypatch.setattr(tv, "_tables_seen", {})


def _version(model_or_table) -> str | None:
    table = getattr(getattr(model_or_table, "_meta", None), "db_table", model_or_table)
    return tv._versions([table])[table]


@pytest.mark.parametrize(
    ("sql", "tables"),
    [
        ('INSERT INTO "scans_gebied" ("name") VALUES (%s)', {"scans_gebied"}),
        ('UPDATE "scans_gebied" SET "name" = %s', {"scans_gebied"}),
        ('  delete from "scans_gebied" WHERE 1', {"scans_gebied"}),
        ("INSERT OR IGNORE INTO scans_gebied VALUES (1)", {"scans_gebied"}),
        (
            'TRUNCATE "scans_gebied", "sessies_sessie" CASCADE',
            {"scans_gebied", "sessies_sessie"},
        ),
        ('SELECT "scans_gebied"."id" FROM "scans_gebied"', set()),
        ("SELECT 1", set()),
    ],
)
def test_the_tables_a_statement_writes(sql, tables):
    assert tv.written_tables(sql) == tables


def test_the_tables_a_query_reads_include_joins_and_subqueries(personas):
    sql = str(
        Sessie.objects.filter(
            pk__in=Uitnodiging.objects.filter(user=personas.raadslid).values("sessie")
        )
        .select_related("organisation")
        .query
    )
    assert tv.read_tables(sql) == {
        "sessies_sessie",
        "sessies_uitnodiging",
        "partners_organisation",
    }


def _concrete_models():
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if not m._meta.proxy and m._meta.managed
    ]


@pytest.mark.django_db(transaction=True)
def test_an_update_or_delete_of_any_model_replaces_its_tables_version():
    """Every table, also those of third-party apps and many-to-many links:
    the statements Django writes for them are recognised."""
    unrecognised = []
    for model in _concrete_models():
        table = model._meta.db_table
        pk = model._meta.pk
        before = _version(table)
        # A plain queryset: some models refuse changes through their own.
        rows = QuerySet(model).filter(pk__in=[-1, -2])
        with CaptureQueriesContext(connection) as queries:
            rows.update(**{pk.attname: F(pk.attname)})
            after_update = _version(table)
            rows._raw_delete(connection.alias)
        if not (before != after_update != _version(table)) or [
            tv.written_tables(q["sql"]) for q in queries.captured_queries
        ] != [{table}, {table}]:
            unrecognised.append(table)
    assert unrecognised == []


@pytest.mark.django_db(transaction=True)
def test_saves_bulk_inserts_cascades_and_raw_sql_replace_the_version(personas):
    org = personas.woonkracht10
    v = _version(Organisation)
    org.name = "Woonkracht 10"
    org.save()
    assert _version(Organisation) != v

    v = _version(Membership)
    Membership.objects.bulk_create(
        [Membership(user=personas.raadslid, organisation=org, role=Role.MEDEWERKER)]
    )
    assert _version(Membership) != v

    sessie = make_sessie(personas.griffier, personas.griffie)
    invite(sessie, personas.raadslid)
    v = _version(Uitnodiging)
    sessie.delete()  # the invitation goes with it
    assert _version(Uitnodiging) != v

    v = _version(Gebied)
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{Gebied._meta.db_table}" SET "name" = "name"')
    assert _version(Gebied) != v


@pytest.mark.django_db(transaction=True)
def test_a_transaction_replaces_the_version_when_it_commits(personas):
    org = personas.woonkracht10
    before = _version(Organisation)
    with transaction.atomic():
        Organisation.objects.filter(pk=org.pk).update(name="Eerst")
        with transaction.atomic():
            Organisation.objects.filter(pk=org.pk).update(name="Daarna")
        assert _version(Organisation) == before
    assert _version(Organisation) != before
    before = _version(Organisation)
    with transaction.atomic():
        Organisation.objects.filter(pk=org.pk).update(name="Nooit")
        transaction.set_rollback(True)
    assert _version(Organisation) == before


@pytest.mark.django_db(transaction=True)
def test_a_transaction_that_wrote_reads_its_own_writes(personas):
    def compute():
        return list(Organisation.objects.values_list("name", flat=True))

    tv.cached("names", compute=compute)  # learn the tables
    tv.cached("names", compute=compute)
    with transaction.atomic():
        Organisation.objects.filter(pk=personas.griffie.pk).update(name="Tijdelijk")
        assert "Tijdelijk" in tv.cached("names", compute=compute)
        transaction.set_rollback(True)
    assert "Tijdelijk" not in tv.cached("names", compute=compute)


@pytest.mark.django_db(transaction=True)
def test_a_result_is_kept_until_a_table_it_read_changes(personas):
    calls = []

    def compute():
        calls.append(1)
        return sorted(Organisation.objects.values_list("name", flat=True))

    # The first computation learns which tables it reads; it is kept from then.
    for _ in range(3):
        first = tv.cached("names", compute=compute)
    assert len(calls) == 2
    Sessie.objects.filter(pk=-1).update(title="x")  # not read: still kept
    assert tv.cached("names", compute=compute) == first
    assert len(calls) == 2
    Organisation.objects.filter(pk=personas.griffie.pk).update(name="Griffie Zuid")
    again = tv.cached("names", compute=compute)
    assert len(calls) == 3
    assert "Griffie Zuid" in again
    assert tv.cached("names", compute=compute) == again
    assert len(calls) == 3


@pytest.mark.django_db(transaction=True)
def test_a_result_past_its_own_expiry_is_not_kept(personas):
    calls = []

    def compute():
        calls.append(1)
        return list(Organisation.objects.values_list("pk", flat=True))

    for _ in range(3):
        tv.cached("ids", compute=compute, expires=lambda value: 0)
    assert len(calls) == 3


# The start page: every panel shows a change on the next request. Outside a
# test transaction, as requests run: one that has written reads around the cache.
pytestmark_start = pytest.mark.django_db(transaction=True)


def _start(client, user) -> str:
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client.get(reverse("start")).content.decode()


@pytestmark_start
def test_the_start_page_shows_a_changed_warning_on_the_next_request(client, personas):
    buurt = f.buurt()
    _start(client, personas.medewerker)
    _start(client, personas.medewerker)  # kept from here on
    warning = f.waarschuwing(buurt, personas.woonkracht10)
    assert warning.get_absolute_url() in _start(client, personas.medewerker)
    assert warning.get_absolute_url() not in _start(client, personas.outsider)
    Gebied.objects.filter(pk=buurt.pk).update(name="Kinderdijk-Oost")
    assert "Kinderdijk-Oost" in _start(client, personas.medewerker)
    Waarschuwing.objects.filter(pk=warning.pk).update(acknowledged_at=timezone.now())
    assert warning.get_absolute_url() not in _start(client, personas.medewerker)


@pytestmark_start
def test_the_start_page_shows_changed_sessions_and_invitations(client, personas):
    raadslid = personas.raadslid
    sessie = make_sessie(
        personas.griffier, personas.griffie, title="Werksessie wijkvisie"
    )
    Sessie.objects.filter(pk=sessie.pk).update(openbaar=False)
    _start(client, raadslid)
    assert "Werksessie wijkvisie" not in _start(client, raadslid)
    uitnodiging = invite(sessie, raadslid)
    assert "Werksessie wijkvisie" in _start(client, raadslid)
    Sessie.objects.filter(pk=sessie.pk).update(title="Werksessie centrum")
    assert "Werksessie centrum" in _start(client, raadslid)
    Uitnodiging.objects.filter(pk=uitnodiging.pk).delete()
    assert "Werksessie centrum" not in _start(client, raadslid)


@pytestmark_start
def test_a_session_leaves_the_start_page_when_it_ends(client, personas):
    raadslid = personas.raadslid
    sessie = make_sessie(personas.griffier, personas.griffie, title="Bijna voorbij")
    invite(sessie, raadslid)
    end = timezone.now() + timedelta(seconds=2)
    Sessie.objects.filter(pk=sessie.pk).update(start=end - timedelta(hours=1), end=end)
    _start(client, raadslid)
    assert "Bijna voorbij" in _start(client, raadslid)
    time.sleep(max((end - timezone.now()).total_seconds(), 0) + 0.2)
    assert "Bijna voorbij" not in _start(client, raadslid)


@pytestmark_start
def test_a_published_report_reaches_the_raad_start_page_at_once(client, personas):
    rapport = make_rapport(requested_by=personas.griffier, title="Voortgang najaar")
    _start(client, personas.raadslid)
    assert "Voortgang najaar" not in _start(client, personas.raadslid)
    rapport_publish(rapport=rapport, by=personas.griffier, notify=False)
    assert "Voortgang najaar" in _start(client, personas.raadslid)


@pytestmark_start
def test_a_new_role_is_a_new_reader_on_the_start_page(client, personas):
    rapport = make_rapport(
        requested_by=personas.coordinator,
        audience=Audience.PARTNERS,
        title="Partnerrapport",
        brief=False,
        published_by=personas.coordinator,
    )
    assert Rapport.objects.filter(pk=rapport.pk).exists()
    _start(client, personas.raadslid)
    assert "Partnerrapport" not in _start(client, personas.raadslid)
    Membership.objects.create(
        user=personas.raadslid,
        organisation=personas.welzijn,
        role=Role.MEDEWERKER,
    )
    assert "Partnerrapport" in _start(client, personas.raadslid)

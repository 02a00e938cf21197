"""Every edit form, posted back unchanged by a browser, changes nothing.

The test walks the URLconf through the access rules (tests/<app>/access_rules.py,
the same world and personas as tests/test_access_matrix.py). For every page
whose URL names a record and every persona allowed to open it, it reads the
page's post forms as a browser does (tests/htmlforms.py: a date the browser
cannot read is sent empty, a number with a comma too) and sorts them:

- an *edit* form posts to the page itself (or to the page's save URL) and
  changes the record in the URL: it is posted back exactly as rendered, and
  every row of the database must be as it was;
- an *add* form posts to the page itself but makes something new beneath the
  record (a meting in a scan, an agenda item in a session);
- an *action* posts to a URL that takes only POST (its own access rule says
  so), to a third-party page (sign out), or confirms on its own page the
  action its URL names (CONFIRMS: a mail link that acts only on the button).

A form it cannot sort fails the test, so a new edit page is covered by
adding nothing but its access rule, and a new kind of page makes the author
say what it is.
"""

from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.db import models, transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from tests import htmlforms
from tests.access import Rule
from tests.test_access_matrix import RULES, THIRD_PARTY_PREFIXES, _build_world

#: Pages whose URL names a record and whose form changes that record, beyond
#: the names that say so (…_update, …_edit, …_settings).
EDIT_SUFFIXES = ("_update", "_edit", "_settings")
EDITS = {
    "sessies:aanwezigheid": "who was present at the session",
    "sessies:gast_rsvp": "a guest's answer to the invitation",
}
#: Pages whose URL names a record and whose form adds something beneath it,
#: beyond the names that say so (…_create). Posting one unchanged may add.
ADDS = {
    "scans:csv_import": "measurements from a file, into the round",
    "scans:scan_correct": "a correction of an adopted scan",
    "scans:waarschuwing_detail": "the organisation's note on the warning",
    "sessies:uitnodigen": "invitations to the session",
    "sessies:publiek_aanmelden": "a resident's sign-up for the session",
    "visie:versie_release": "a new frozen version of the document",
    "sessies:verslag_detail": "an amendment a council member proposes",
    # The merge page posts the merged text to the section's edit URL: saving
    # it unchanged is the author accepting the merge, a new revision.
    "visie:sectie_merge": "the merged text as a new revision",
}
#: Pages whose GET asks to confirm what the URL says and whose POST does it
#: (a mail link acts only on the button: mail scanners open links).
CONFIRMS = {
    "sessies:antwoord_link": "the answer the invitation mail's link names",
    "sessies:sessie_cancel": "cancelling the session, with its reason",
    "sessies:sessie_restore": "restoring a cancelled session",
}
#: Pages whose form posts to another page that saves it.
SAVE_URLS = {"visie:sectie_merge": "visie:sectie_edit"}

#: Tables that record a visit, not the data: a sign-in writes a session.
NOT_DATA = {"sessions.session", "admin.logentry"}

_BROWSER_PREFIXES = tuple(f"/{p}" for p in THIRD_PARTY_PREFIXES)


def _filled(world):
    """The world's records with every optional date, time and number set.

    The access rules build records with their required fields only; a round
    trip of an empty deadline proves nothing. Values are chosen to trip a
    careless widget: a day past the 12th, euros with thousands and cents.
    """
    from portal.rapportage.models import Begroting, Uitgave
    from scans.models import Indicator, Signaal, Thema
    from sessies.models import Agendapunt, Antwoord, Uitnodiging, Verslag
    from visie.services import sectie_save

    p = world["personas"]
    actie = world["actie"]
    type(actie).objects.filter(pk=actie.pk).update(
        description="Eerste regel.\nTweede regel.",
        deadline=date(2026, 12, 31),
        voortgang=40,
        budget=Decimal("1234.56"),
    )
    actie.partners.set([p.welzijn])
    actie.themas.set(Thema.objects.all()[:1])
    actie.signalen.set(Signaal.objects.filter(pk=world["signaal"].pk))

    afspraak = world["afspraak"]
    type(afspraak).objects.filter(pk=afspraak.pk).update(
        deadline=date(2026, 12, 31),
        uren=Decimal("7.5"),
        budget=Decimal("1234.56"),
        contactpersoon=p.medewerker,
    )

    mijlpaal = world["mijlpaal"]
    type(mijlpaal).objects.filter(pk=mijlpaal.pk).update(
        description="Bespreking in de raad.",
        start_date=date(2026, 3, 14),
        end_date=date(2026, 7, 31),
    )

    sessie = world["sessie"]
    type(sessie).objects.filter(pk=sessie.pk).update(
        location="Raadzaal",
        online_url="https://teams.example.nl/raad",
        description="Beeldvorming over de visie.\nMet de partners.",
        capacity=40,
    )
    sessie.buurten.set([world["buurt"]])
    Agendapunt.objects.filter(pk=world["agendapunt"].pk).update(
        presenter="Griffier", notes="Welkom.\nVoorstelronde."
    )
    Uitnodiging.objects.filter(pk=world["guest"].pk).update(
        antwoord=Antwoord.AANMELDEN,
        note="Ik kom.\nMet mijn buurvrouw.",
        answered_at=timezone.now() - timedelta(days=1),
    )
    Verslag.objects.filter(sessie=world["verleden"]).update(
        text="Opening.\n\nDe raad bespreekt de visie."
    )
    sectie = world["sectie"]
    sectie_save(
        sectie=sectie,
        user=p.coordinator,
        text="# Buurt\n\nEerste alinea.\n\n- punt een\n- punt twee\n",
        message="",
        base_revisie_id=type(sectie).objects.get(pk=sectie.pk).current_revisie_id,
    )
    begroting = Begroting.objects.create(
        year=2026, amount=Decimal("100000.00"), note="Structureel budget"
    )
    Uitgave.objects.create(
        begroting=begroting,
        soort=Uitgave.Soort.BETALING,
        amount=Decimal("1234.56"),
        date=date(2026, 3, 14),
        description="Buurtbarbecue",
        actie=actie,
    )
    Indicator.objects.update(min_value=Decimal("0.5"), max_value=Decimal("1234.5"))
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the whole module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _filled(_build_world())
        transaction.set_rollback(True)


def _edit_kind(name: str) -> str | None:
    if name in CONFIRMS:
        return "action"
    if name in EDITS or name.endswith(EDIT_SUFFIXES):
        return "edit"
    if name in ADDS or name.endswith("_create"):
        return "add"
    return None


def _target(page_name: str, page_url: str, form) -> tuple[str, str]:
    """(kind, url) of a post form: edit, add, action or unknown."""
    action = form.action or page_url
    path = urlparse(action).path or page_url
    if path.startswith(_BROWSER_PREFIXES):
        return "action", path
    try:
        target = resolve(path)
    except Resolver404:
        return "unknown", path
    target_name = target.view_name
    rule = RULES.get(target_name)
    if rule is not None and rule.method == "post":
        return "action", path
    if target_name == page_name or SAVE_URLS.get(page_name) == target_name:
        return _edit_kind(page_name) or "unknown", path
    return "unknown", path


_NO_KWARGS = Rule.__dataclass_fields__["kwargs"].default


def _pages(*, with_record: bool = True):
    """Every page (with a record in its URL) and the personas that may open it."""
    for name, rule in sorted(RULES.items()):
        if rule.method != "get":
            continue
        if with_record and rule.kwargs is _NO_KWARGS:
            continue
        personas = [p for p, status in rule.expect.items() if status == 200]
        personas = [p for p in personas if p != "anonymous"]
        if personas:
            yield name, personas


def _field_values(instance) -> dict:
    values = {}
    for f in instance._meta.concrete_fields:
        if getattr(f, "auto_now", False):
            continue  # when it was last saved, not what it holds
        values[f.attname] = getattr(instance, f.attname)
    return values


def _snapshot() -> dict:
    """Every row of every table, by primary key."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in NOT_DATA or model._meta.proxy or not model._meta.managed:
            continue
        rows[label] = {
            obj.pk: _field_values(obj) for obj in model._base_manager.order_by("pk")
        }
    return rows


def _content(row: dict, pk_name: str) -> tuple:
    return tuple(sorted((k, repr(v)) for k, v in row.items() if k != pk_name))


def _differences(before: dict, after: dict) -> list[str]:
    found = []
    for label in before:
        old, new = before[label], after[label]
        pk_name = apps.get_model(label)._meta.pk.attname
        # A row deleted and written again with the same content (a service
        # that replaces a record's rows) holds what it held.
        gone = {pk: _content(old[pk], pk_name) for pk in old.keys() - new.keys()}
        came = {pk: _content(new[pk], pk_name) for pk in new.keys() - old.keys()}
        for pk, content in list(gone.items()):
            twin = next((k for k, c in came.items() if c == content), None)
            if twin is not None:
                del gone[pk], came[twin]
        found += [f"{label} {pk} deleted: {old[pk]}" for pk in gone]
        found += [f"{label} {pk} added: {new[pk]}" for pk in came]
        for pk in old.keys() & new.keys():
            changed = {
                k: (old[pk][k], new[pk][k]) for k in old[pk] if old[pk][k] != new[pk][k]
            }
            if changed:
                found.append(f"{label} {pk}: {changed}")
    return found


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _round_trip(client, url, form) -> list[str]:
    """Problems found posting the form back as rendered."""
    with transaction.atomic():
        before = _snapshot()
        response = htmlforms.submit(client, url, form)
        after = _snapshot()
        transaction.set_rollback(True)
    problems = [f"changed {d}" for d in _differences(before, after)]
    if response.status_code not in {302, 303}:
        refused = [
            f"{c.name}: {c.value!r}"
            for page_form in htmlforms.post_forms(response.content.decode())
            for c in page_form.controls
            if c.sent
        ]
        problems.append(
            f"the unchanged form was not accepted ({response.status_code}); "
            f"{_errors(response)} — sent back: {refused[:3]}…"
        )
    return problems


def _errors(response) -> str:
    form = (response.context or {}).get("form")
    return repr(dict(form.errors)) if form is not None else "no form in the page"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name, personas", list(_pages()), ids=[name for name, _ in _pages()]
)
def test_an_unchanged_edit_form_changes_nothing(world, url_name, personas):
    rule = RULES[url_name]
    url = reverse(url_name, kwargs=rule.kwargs(world))
    users = world["personas"].by_name()
    failures = []
    for persona in personas:
        client = _client(users[persona])
        response = client.get(f"{url}?{rule.query}" if rule.query else url)
        assert response.status_code == 200, f"{persona}: {response.status_code}"
        if not response["Content-Type"].startswith("text/html"):
            continue  # a download, not a page
        for form in htmlforms.post_forms(response.content.decode()):
            kind, target = _target(url_name, url, form)
            if kind == "unknown":
                failures.append(
                    f"{persona}: a post form to {target} that is no edit, add or "
                    "action: name it in EDITS or ADDS in tests/test_round_trip.py"
                )
            elif kind == "edit":
                failures += [
                    f"{persona}: {p}" for p in _round_trip(client, target, form)
                ]
    assert not failures, f"{url_name}:\n" + "\n".join(failures)


def _is_temporal_or_number(control) -> bool:
    return control.type in {"date", "time", "datetime-local", "number"} or (
        control.element.get("inputmode") in {"decimal", "numeric"}
    )


def _is_decimal_number_input(control) -> bool:
    # Django renders a decimal field as <input type="number" step="0.01">;
    # that input refuses 7,5. An integer has no step.
    return control.type == "number" and control.element.get("step") not in {
        None,
        "1",
    }


@pytest.fixture(scope="module")
def every_page(world):
    """Every page of the URLconf, as its first allowed persona sees it."""
    users = world["personas"].by_name()
    pages = {}
    for url_name, personas in _pages(with_record=False):
        rule = RULES[url_name]
        url = reverse(url_name, kwargs=rule.kwargs(world))
        response = _client(users[personas[0]]).get(
            f"{url}?{rule.query}" if rule.query else url
        )
        if response["Content-Type"].startswith("text/html"):
            pages[url_name] = response.content.decode()
    return pages


@pytest.mark.django_db
def test_the_walk_sees_every_date_time_and_number_of_an_edit_form_filled(
    every_page,
):
    """A round trip of an empty field proves nothing: the world fills them."""
    empty = [
        f"{url_name}: {control.name}"
        for url_name, page in every_page.items()
        if _edit_kind(url_name) == "edit"
        for form in htmlforms.post_forms(page)
        for control in form.controls
        if _is_temporal_or_number(control) and not control.element.get("value")
    ]
    assert not empty, (
        "give these a value in _filled() so their round trip is checked: "
        + ", ".join(empty)
    )


@pytest.mark.django_db
def test_no_page_asks_for_a_decimal_in_an_input_that_refuses_a_comma(every_page):
    found = [
        f"{url_name}: {control.name}"
        for url_name, page in every_page.items()
        for form in htmlforms.forms_in(page)
        for control in form.controls
        if _is_decimal_number_input(control)
    ]
    assert not found, f"use core.fields.DutchDecimalField for: {found}"


def test_the_browser_model_drops_what_a_browser_cannot_read():
    page = """<form method=post>
      <input type=date name=d1 value=2026-12-31>
      <input type=date name=d2 value=31-12-2026>
      <input type=datetime-local name=t1 value="2026-03-28T19:30">
      <input type=datetime-local name=t2 value="28-03-2026 19:30">
      <input type=number name=n1 value=1234.56>
      <input type=number name=n2 value="1234,56">
      <input type=text name=s value="1.234,56">
      <input type=checkbox name=c1 value=a checked><input type=checkbox name=c2>
      <select name=one><option value=x>X<option value=y>Y</select>
      <textarea name=txt>
regel 1
regel 2</textarea>
      <input name=off value=x disabled>
      <button name=knop value=opslaan>Opslaan</button><button name=ander>Nee</button>
    </form>"""
    (form,) = htmlforms.forms_in(page)
    assert form.submission() == [
        ("d1", "2026-12-31"),
        ("d2", ""),
        ("t1", "2026-03-28T19:30"),
        ("t2", ""),
        ("n1", "1234.56"),
        ("n2", ""),
        ("s", "1.234,56"),
        ("c1", "a"),
        ("one", "x"),
        ("txt", "regel 1\r\nregel 2"),
        ("knop", "opslaan"),
    ]


def test_a_datetime_with_seconds_is_kept_by_the_browser_model():
    assert htmlforms.sanitize("datetime-local", "2026-03-28 19:30:15.250") == (
        "2026-03-28T19:30:15.250"
    )
    assert htmlforms.sanitize("datetime-local", "2026-03-28T19:30:15.250123") == ""


def _admin_with_decimals():
    """Admin pages that show a decimal field, in their own form or an inline."""
    from django.contrib import admin

    labels = []
    for model, model_admin in admin.site._registry.items():
        shown = [model, *(inline.model for inline in model_admin.inlines)]
        if any(
            isinstance(f, models.DecimalField)
            for m in shown
            for f in m._meta.concrete_fields
        ):
            labels.append(model._meta.label_lower)
    return sorted(labels)


@pytest.mark.django_db
@pytest.mark.parametrize("label", _admin_with_decimals())
def test_an_unchanged_admin_form_with_amounts_changes_nothing(world, label):
    model = apps.get_model(label)
    obj = model._base_manager.order_by("pk").first()
    assert obj is not None, f"give the world a {label} in _filled()"
    url = reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
        args=[obj.pk],
    )
    client = _client(world["personas"].beheerder)
    page = client.get(url).content.decode()
    form_id = f"{model._meta.model_name}_form"
    (form,) = [f for f in htmlforms.post_forms(page) if f.element.get("id") == form_id]
    assert not [c for c in form.controls if _is_decimal_number_input(c)]
    problems = _round_trip(client, url, form)
    assert not problems, "\n".join(problems)


#: Money and measurements on edit pages: (page, persona, record in the world,
#: field, typed, saved). The admin's amounts are typed the same way.
AMOUNTS = [
    ("scans:actie_update", "medewerker", "actie", "budget", "2.500,75", "2500.75"),
    ("visie:afspraak_edit", "coordinator", "afspraak", "budget", "2500.75", "2500.75"),
    ("visie:afspraak_edit", "coordinator", "afspraak", "uren", "1.234,5", "1234.5"),
]


def _typed_into(client, url, name, typed, form_id=None):
    page = client.get(url).content.decode()
    (form,) = [
        f
        for f in htmlforms.post_forms(page)
        if any(c.name == name for c in f.controls)
        and (form_id is None or f.element.get("id") == form_id)
    ]
    for control in form.controls:
        if control.name == name:
            control.value = typed
    return htmlforms.submit(client, url, form)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name, persona, key, name, typed, saved", AMOUNTS)
def test_a_dutch_amount_typed_into_a_money_field_is_saved(
    world, url_name, persona, key, name, typed, saved
):
    record = world[key]
    url = reverse(url_name, kwargs=RULES[url_name].kwargs(world))
    client = _client(world["personas"].by_name()[persona])
    response = _typed_into(client, url, name, typed)
    assert response.status_code == 302, _errors(response)
    record.refresh_from_db()
    assert getattr(record, name) == Decimal(saved)


@pytest.mark.django_db
@pytest.mark.parametrize("model_name", ["begroting", "uitgave"])
def test_a_dutch_amount_typed_into_the_admin_is_saved(world, model_name):
    model = apps.get_model("rapportage", model_name)
    record = model.objects.first()
    url = reverse(f"admin:rapportage_{model_name}_change", args=[record.pk])
    client = _client(world["personas"].beheerder)
    response = _typed_into(
        client, url, "amount", "2.500,75", form_id=f"{model_name}_form"
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.amount == Decimal("2500.75")

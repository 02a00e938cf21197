"""The IDOR sweep: every object URL, every id of another organisation's objects.

Generated from the URLconf: every URL with an object id in it (`pk`, `*_pk`,
`uid`) is requested by every persona with the id of every object in the world
that belongs to another organisation and that the persona may not read. The
answer is 403 or 404 (the login page for an anonymous visitor), and no text
of any record hidden from the persona is in the response. A new page with an
id is covered without a new test; the rule that tells which model an id
belongs to is read from the page's access rule (tests/<app>/access_rules.py).

Gebied codes, document and organisation slugs name things every signed-in
partner may see, and draft revisions are read by every drafter in a section's
history; they are not swept. Which records a persona may not read is
core.policy's table; for sessions, warnings, invitations, drafts and reports,
the owning app's documented rule (written out below).
"""

import uuid
from dataclasses import dataclass
from itertools import count

import pytest
from django.db import transaction
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from partners.selectors import organisation_ids_of
from tests.conftest import PERSONA_NAMES
from tests.security import classified
from tests.security.classified import expected
from tests.test_access_matrix import RULES, THIRD_PARTY_PREFIXES, _build_world

pytestmark = pytest.mark.django_db

ID_KWARGS = ("pk", "uid")


def _is_id(kwarg: str) -> bool:
    return kwarg in ID_KWARGS or kwarg.endswith("_pk")


def object_urls(resolver=None, prefix="", namespace=""):
    """(url name, kwarg names) of every portal URL that takes an object id."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from object_urls(entry, route, ns)
        elif isinstance(entry, URLPattern) and not route.startswith(
            THIRD_PARTY_PREFIXES
        ):
            kwargs = set(entry.pattern.converters)
            if any(_is_id(k) for k in kwargs):
                yield f"{namespace}{entry.name}", kwargs


# --- which model an id in a URL belongs to ---------------------------------


class _Probe:
    """Stands in for the world while an access rule builds its kwargs: every
    id it reads becomes a token that remembers the model it came from."""

    def __init__(self, real, tokens):
        self._real, self._tokens = real, tokens

    def __getitem__(self, key):
        return _Probe(self._real[key], self._tokens)

    def __getattr__(self, name):
        real = self._real
        if isinstance(real, Model):
            if name in ("pk", "id", "uid"):
                return self._tokens.issue(type(real), name)
            if name.endswith("_id"):
                field = real._meta.get_field(name[: -len("_id")])
                return self._tokens.issue(field.related_model, "pk")
        value = getattr(real, name)
        return _Probe(value, self._tokens) if isinstance(value, Model) else value


class _Tokens:
    def __init__(self):
        self.models, self._n = {}, count(10**9)

    def issue(self, model, attr):
        token = uuid.uuid4() if attr == "uid" else next(self._n)
        self.models[token] = model
        return token


def models_of(rule, world) -> dict[str, type[Model] | None]:
    """For each id kwarg of the rule's URL: the model its id belongs to."""
    tokens = _Tokens()
    probed = rule.kwargs(_Probe(world, tokens))
    return {k: tokens.models.get(v) for k, v in probed.items() if _is_id(k)}


# --- the world: objects of every organisation ------------------------------


@dataclass
class Owned:
    obj: Model
    texts: list[str]
    hidden_from: set[str]  # persona names that may not read the object


def _extra(world) -> list[Owned]:
    """Objects of each organisation that are not classified by level."""
    from django.utils import timezone

    from partners import services as partner_services
    from scans.models import Waarschuwing
    from tests.sessies.factories import make_sessie

    p = world["personas"]
    by_name = {n: u for n, u in p.by_name().items() if u is not None}
    owned = []

    def members_of(org):
        return {n for n, u in by_name.items() if org.pk in organisation_ids_of(u)}

    for org, writer in classified.writers(p).items():
        if not org.is_partner_side and org != p.koersbekenners:
            continue
        text = classified.canary("sessie")
        sessie = make_sessie(
            writer,
            org,
            soort="partneroverleg",
            title=f"Overleg {text}",
            description=text,
            start=timezone.now() + timezone.timedelta(days=20),
        )
        # A partner meeting: its organisation, and the beheerder who plans
        # nothing but sees every session (scheduling is structure).
        hidden = set(by_name) - members_of(org) - {"beheerder"}
        owned.append(Owned(sessie, [text], hidden | {"anonymous"}))
        warning = Waarschuwing.objects.create(
            regel="actie_te_laat",
            sleutel=f"sweep-{org.slug}",
            organisation=org,
            gebied=world["buurt"],
            details={"deadline": "2026-01-01"},
        )
        owned.append(
            Owned(warning, [], (set(by_name) - members_of(org)) | {"anonymous"})
        )
        if org.is_partner_side:
            invitation, _token = partner_services.invitation_create(
                invited_by=p.beheerder,
                email=f"nieuw-{org.slug}@sweep.test",
                organisation=org,
                role="medewerker",
            )
            coordinators = {n for n in members_of(org) if n == "coordinator"}
            visible = coordinators | {"beheerder"}
            owned.append(Owned(invitation, [], set(PERSONA_NAMES) - visible))
    return owned


@pytest.fixture(scope="module")
def sweep(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = _build_world()
            records = classified.build(world["personas"])
            yield world, records, _extra(world)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _foreign(persona, user, records, extra) -> tuple[list, list[str]]:
    """The objects of other organisations hidden from the persona, and every
    text the persona may not read."""
    from partners.selectors import reader_of

    reader = reader_of(user)
    objects, texts = [], []
    by_object: dict[tuple, list] = {}
    for record in records.records:
        by_object.setdefault((type(record.obj), record.obj.pk), []).append(record)
    for (_model, _pk), recs in by_object.items():
        hidden = [r for r in recs if not expected(reader, r)]
        texts += [r.canary for r in hidden]
        own = any(r.organisation_id in reader.organisation_ids for r in recs)
        if len(hidden) == len(recs) and not own:
            objects.append(recs[0].obj)
    for item in extra:
        if persona in item.hidden_from:
            objects.append(item.obj)
            texts += item.texts
    return objects, texts


def _value(obj, kwarg):
    return obj.uid if kwarg == "uid" else obj.pk


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_no_object_of_another_organisation_opens_by_its_id(sweep, persona):
    world, records, extra = sweep
    user = world["personas"].by_name()[persona]
    objects, texts = _foreign(persona, user, records, extra)
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    problems, requested = [], 0
    for name, kwargs in sorted(object_urls()):
        rule = RULES[name]
        base = rule.kwargs(world)
        for kwarg, model in models_of(rule, world).items():
            for obj in objects:
                if model is not None and not isinstance(obj, model):
                    continue
                if model is None and kwarg == "uid" and not hasattr(obj, "uid"):
                    continue
                url = reverse(name, kwargs={**base, kwarg: _value(obj, kwarg)})
                response = getattr(client, rule.method)(url, {})
                requested += 1
                body = b"".join(
                    response.streaming_content
                    if getattr(response, "streaming", False)
                    else [response.content]
                ).decode("utf-8", "replace")
                allowed = {302} if user is None else {403, 404}
                if response.status_code not in allowed:
                    problems.append(
                        f"{url} ({type(obj).__name__}): {response.status_code}"
                    )
                leaked = [t for t in texts if t in body]
                if leaked:
                    problems.append(f"{url}: text of hidden records {leaked[:3]}")
    assert requested, "the sweep requested nothing"
    assert not problems, "\n".join(problems)


def test_every_object_url_names_the_model_of_its_ids(sweep):
    """A URL whose ids the sweep cannot place would be tried with every id."""
    world, _records, _extra_objects = sweep
    unknown = [
        f"{name}:{kwarg}"
        for name, _kwargs in object_urls()
        for kwarg, model in models_of(RULES[name], world).items()
        if model is None
    ]
    assert not unknown


def test_the_sweep_covers_the_kinds_of_objects_with_a_page(sweep):
    """Signalen, comments, bronnen, reports, sessions, warnings and invitations
    all have URLs with their id; each is swept. (Draft revisions are not
    another organisation's secret: every drafter reads them in the history.)"""
    world, _records, _extra_objects = sweep
    swept = {
        model.__name__
        for name, _kwargs in object_urls()
        for model in models_of(RULES[name], world).values()
    }
    assert {
        "Signaal",
        "Opmerking",
        "Bron",
        "Rapport",
        "Sessie",
        "Waarschuwing",
        "Invitation",
    } <= swept

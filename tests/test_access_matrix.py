"""Every URL of the portal, checked for an anonymous visitor and every role."""

from importlib import import_module

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PERSONA_NAMES, build_personas

RULE_MODULES = [
    "tests.partners.access_rules",
    "tests.audit.access_rules",
    "tests.scans.access_rules",
    "tests.visie.access_rules",
    "tests.sessies.access_rules",
    "tests.rapportage.access_rules",
    "tests.archief.access_rules",
    "tests.zoeken.access_rules",
]

# Third-party pages with their own tests upstream; the portal adds no rules there.
THIRD_PARTY_PREFIXES = ("accounts/", "beheer/")
THIRD_PARTY_CHECKED = {"admin:index"}


def _modules():
    modules = []
    for name in RULE_MODULES:
        try:
            modules.append(import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return modules


def _rules():
    rules = {}
    for module in _modules():
        overlap = rules.keys() & module.RULES.keys()
        assert not overlap, f"rules declared twice: {overlap}"
        rules.update(module.RULES)
    return rules


def _url_names(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from _url_names(entry, route, ns)
        elif isinstance(entry, URLPattern):
            if route.startswith(THIRD_PARTY_PREFIXES):
                continue
            assert entry.name, f"URL pattern {route!r} has no name"
            yield f"{namespace}{entry.name}"


RULES = _rules()


def test_every_url_of_the_portal_has_an_access_rule():
    missing = sorted(set(_url_names()) - RULES.keys())
    assert not missing, f"URLs without a rule in tests/<app>/access_rules.py: {missing}"


def test_no_rule_names_a_url_that_does_not_exist():
    stale = sorted(RULES.keys() - set(_url_names()) - THIRD_PARTY_CHECKED)
    assert not stale, f"rules for URLs that no longer exist: {stale}"


def _build_world():
    world = {"personas": build_personas()}
    for module in _modules():
        build = getattr(module, "build", None)
        if build:
            build(world)
    return world


def _request(rule, world, user):
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse(name_of(rule), kwargs=rule.kwargs(world))
    if rule.query:
        url = f"{url}?{rule.query}"
    call = getattr(client, rule.method)
    return call(url, rule.data(world))


def name_of(rule):
    return rule.extra["name"]


for _name, _rule in RULES.items():
    _rule.extra["name"] = _name


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(RULES))
def test_each_role_gets_the_expected_response(url_name, django_db_blocker):
    rule = RULES[url_name]
    failures = []
    world = None
    for persona in PERSONA_NAMES:
        if world is None or rule.fresh_world:
            if world is not None:
                _flush()
            world = _build_world()
        user = world["personas"].by_name()[persona]
        response = _request(rule, world, user)
        expected = rule.expect[persona]
        if response.status_code != expected:
            failures.append(
                f"{persona}: expected {expected}, got {response.status_code}"
            )
    assert not failures, f"{url_name}: " + "; ".join(failures)


def _flush():
    """Remove the world of the previous persona (inside the test transaction)."""
    from django.apps import apps

    for model in reversed(apps.get_models()):
        if model._meta.app_label in {"contenttypes", "auth", "sessions"}:
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        model._base_manager.all().delete()

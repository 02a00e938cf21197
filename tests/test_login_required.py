"""Every page needs a signed-in user, except the few that are public on purpose."""

from django.urls import URLPattern, URLResolver, get_resolver

#: Reached from an e-mail or a calendar without an account, or by the load balancer.
PUBLIC = {
    "health",
    "partners:invitation_accept",
    "sessies:gast_rsvp",
    "sessies:antwoord_link",
    "sessies:publiek_aanmelden",
    "sessies:feed",
}
#: allauth's own pages and the admin decide this themselves.
THIRD_PARTY_PREFIXES = ("accounts/", "beheer/")


def _views(resolver=None, prefix="", namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(THIRD_PARTY_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _views(entry, route, ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", entry.callback


def test_only_the_named_public_pages_are_open_without_login():
    public = {
        name
        for name, view in _views()
        if getattr(view, "login_required", True) is False
    }
    assert public == PUBLIC


def test_an_anonymous_visitor_of_a_page_is_sent_to_the_login(client):
    response = client.get("/gebieden/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/gebieden/")


def test_the_login_page_itself_is_open(client):
    assert client.get("/accounts/login/").status_code == 200


def test_the_health_check_answers_without_login(client, db):
    assert client.get("/gezondheid/").json() == {"status": "ok"}

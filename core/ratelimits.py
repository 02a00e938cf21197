"""Named rate limits for endpoints that can be abused, in one place.

Use as ``@ratelimit(key=..., rate=RATES["invitation_send"], method="POST")``
from django_ratelimit; a blocked request gets the Dutch 429 page.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

RATES = {
    # A coördinator sends a handful of invitations, not hundreds.
    "invitation_send": "30/h",
    # Guessing invitation, RSVP or feed tokens.
    "token_page": "30/m",
    # Downloads of reports and sources.
    "download": "120/m",
    # Residents signing up for a public participation session: a household
    # signs up a few people, not dozens.
    "public_signup": "10/h",
}


def client_ip(request: HttpRequest) -> str:
    """The client's address, as the nearest of our trusted proxies saw it.

    Behind nginx every request comes from the proxy's address; counting that
    address would make one person's flood lock everybody out. Each trusted
    proxy appends the address it saw to X-Forwarded-For, so with
    TRUSTED_PROXY_COUNT proxies the client is that many entries from the
    right; entries further left are whatever the client claimed. allauth's
    login limits read the same setting (ALLAUTH_TRUSTED_PROXY_COUNT).
    """
    count = settings.TRUSTED_PROXY_COUNT
    hops = [
        hop.strip()
        for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if hop.strip()
    ]
    if count and len(hops) >= count:
        return hops[-count]
    address = request.META.get("REMOTE_ADDR")
    if not address:
        # gunicorn on a Unix socket: only the proxy's header can tell.
        raise ImproperlyConfigured(
            "No client address: set TRUSTED_PROXY_COUNT when gunicorn listens "
            "on a Unix socket behind a proxy."
        )
    return address

"""Named rate limits for endpoints that can be abused, in one place.

Use as ``@ratelimit(key=..., rate=RATES["invitation_send"], method="POST")``
from django_ratelimit; a blocked request gets the Dutch 429 page.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
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


@dataclass(frozen=True)
class Backoff:
    """Growing waits after failed attempts, per account *and* source.

    Failures for one account from one address make that address wait
    longer and longer before it may try that account again: nothing for the
    first ``free`` failures, then ``base`` seconds, doubling up to ``cap``.
    Another address is not affected, so a stranger who guesses passwords for
    a raadslid cannot lock the raadslid out. The count is forgotten after
    ``forget`` seconds without a failure, and at a successful login.
    Counters live in the cache (Redis in production).
    """

    name: str
    free: int
    base: int
    cap: int
    forget: int

    def _key(self, account: str, source: str) -> str:
        digest = hashlib.sha256(f"{account.strip().lower()}|{source}".encode())
        return f"backoff:{self.name}:{digest.hexdigest()}"

    def wait(self, account: str, source: str, *, now: float | None = None) -> int:
        """Seconds this source must still wait before trying this account."""
        state = cache.get(self._key(account, source)) or {}
        now = time.time() if now is None else now
        return max(0, int(state.get("until", 0) - now + 0.999))

    def failed(self, account: str, source: str, *, now: float | None = None) -> int:
        """Count a failure; returns the wait it brings."""
        key = self._key(account, source)
        now = time.time() if now is None else now
        failures = (cache.get(key) or {}).get("failures", 0) + 1
        delay = 0
        if failures > self.free:
            delay = min(self.cap, self.base * 2 ** (failures - self.free - 1))
        cache.set(key, {"failures": failures, "until": now + delay}, self.forget)
        return delay

    def succeeded(self, account: str, source: str) -> None:
        cache.delete(self._key(account, source))


def login_backoff() -> Backoff:
    """The back-off of the login form (settings.LOGIN_BACKOFF)."""
    return Backoff(name="login", **settings.LOGIN_BACKOFF)

"""Named rate limits for endpoints that can be abused, in one place.

Use as ``@ratelimit(key=..., rate=RATES["invitation_send"], method="POST")``
from django_ratelimit; a blocked request gets the Dutch 429 page.
"""

RATES = {
    # A coördinator sends a handful of invitations, not hundreds.
    "invitation_send": "30/h",
    # Guessing invitation, RSVP or feed tokens.
    "token_page": "30/m",
    # Downloads of reports and sources.
    "download": "120/m",
}

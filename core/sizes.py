"""The upload limit, stated one way everywhere.

One setting, ``UPLOAD_MAX_BYTES`` (from ``UPLOAD_MAX_MB``), and one way of
writing a size: the form's help text, the error on the file, the check in
the browser before sending and the 413 page all say "10 MB";
deploy/nginx-limits.envsh writes nginx's page and body limit from the same
number.
"""

from django.conf import settings
from django.utils import formats

MB = 1024 * 1024


def format_size(size: int) -> str:
    """A size as the portal writes it: 10 MB, 10,5 MB, 900 kB, 100 bytes."""
    for unit, factor in (("MB", MB), ("kB", 1024)):
        if size >= factor:
            amount = size / factor
            places = 0 if amount == int(amount) else 1
            return f"{formats.number_format(amount, places)}\xa0{unit}"
    return f"{size}\xa0bytes"


def upload_limit() -> int:
    """The largest file a form accepts, in bytes."""
    return settings.UPLOAD_MAX_BYTES


def upload_limit_text() -> str:
    return format_size(upload_limit())

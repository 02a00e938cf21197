"""The path of a record's page without a full `reverse()` for every row.

A list of 50 acties links each row to its page, and `reverse()` walks the
URL resolver each time (some 15 µs). A page path with one argument is the
same text around that argument every time: it is reversed once per URL name,
URLconf and script prefix with a stand-in argument, and the real argument is
put in its place. Only for Django's int, str, slug and uuid converters, and
only an argument that the converter accepts and `reverse()` would not quote;
anything else goes through `reverse()` itself, so the result is always what
`reverse()` returns (tests/test_paths.py).
"""

import re
import uuid

from django.conf import settings
from django.urls import (
    NoReverseMatch,
    get_script_prefix,
    get_urlconf,
    resolve,
    reverse,
)

# Stand-ins, tried in turn: the first is accepted by the int, str and slug
# converters, the second by the uuid converter.
_STAND_INS = ("7391846025", "73918460-2573-4918-8460-257391846025")
# What each converter accepts, narrowed to text that `reverse()` leaves as is.
_ACCEPTS = {
    "int": re.compile(r"[0-9]+"),
    "str": re.compile(r"[-A-Za-z0-9_.~]+"),
    "slug": re.compile(r"[-A-Za-z0-9_]+"),
    "uuid": re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
}
_CONVERTER = re.compile(r"<(?:(\w+):)?\w+>")
_kept: dict[tuple, tuple[str, str, re.Pattern] | None] = {}
_fixed: dict[tuple, str | None] = {}


def fixed_path(viewname: str) -> str:
    """`reverse(viewname)` for a page without arguments, kept per URLconf.

    Raises NoReverseMatch as `reverse()` does (the navigation leaves out an
    entry whose app is not installed).
    """
    key = (viewname, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    try:
        path = _fixed[key]
    except KeyError:
        try:
            path = reverse(viewname)
        except NoReverseMatch:
            path = None
        _fixed[key] = path
    if path is None:
        raise NoReverseMatch(f"Reverse for '{viewname}' not found.")
    return path


def record_path(viewname: str, value: int | str | uuid.UUID) -> str:
    """`reverse(viewname, args=[value])` for a page with one argument."""
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    elif isinstance(value, str):
        text = value
    elif isinstance(value, uuid.UUID):
        text = str(value)
    else:
        return reverse(viewname, args=[value])
    parts = _parts(viewname)
    if parts is None or not parts[2].fullmatch(text):
        return reverse(viewname, args=[value])
    return f"{parts[0]}{text}{parts[1]}"


def _parts(viewname: str) -> tuple[str, str, re.Pattern] | None:
    """The text before and after the argument, and what the argument may be."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    prefix = get_script_prefix()
    key = (viewname, urlconf, prefix)
    try:
        return _kept[key]
    except KeyError:
        pass
    _kept[key] = parts = _find_parts(viewname, urlconf, prefix)
    return parts


def _find_parts(viewname, urlconf, prefix) -> tuple[str, str, re.Pattern] | None:
    for stand_in in _STAND_INS:
        try:
            path = reverse(viewname, urlconf=urlconf, args=[stand_in])
        except NoReverseMatch:
            continue
        break
    else:
        return None
    head, found, tail = path.partition(stand_in)
    if not found or stand_in in tail or not path.startswith(prefix):
        return None
    match = resolve("/" + path[len(prefix) :], urlconf=urlconf)
    if match.view_name != viewname:
        return None
    converters = _CONVERTER.findall(match.route)
    if len(converters) != 1:
        return None
    accepts = _ACCEPTS.get(converters[0] or "str")
    return (head, tail, accepts) if accepts else None

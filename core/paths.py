"""The path of a record's page without a full `reverse()` for every row.

A list of 50 acties links each row to its page, and `reverse()` walks the
URL resolver each time (some 15 µs). A page path with one argument is the
same text around that argument every time: it is reversed once per URL name,
URLconf and script prefix with a stand-in argument, and the real argument is
put in its place. Only for Django's int, str and slug converters, and only
an argument that the converter accepts and `reverse()` would not quote;
anything else goes through `reverse()` itself, so the result is always what
`reverse()` returns (tests/test_paths.py).
"""

import re

from django.conf import settings
from django.urls import (
    NoReverseMatch,
    get_script_prefix,
    get_urlconf,
    resolve,
    reverse,
)

# A stand-in that every one of the converters below accepts.
_STAND_IN = "7391846025"
# What each converter accepts, narrowed to text that `reverse()` leaves as is.
_ACCEPTS = {
    "int": re.compile(r"[0-9]+"),
    "str": re.compile(r"[-A-Za-z0-9_.~]+"),
    "slug": re.compile(r"[-A-Za-z0-9_]+"),
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


def record_path(viewname: str, value: int | str) -> str:
    """`reverse(viewname, args=[value])` for a page with one argument."""
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    elif isinstance(value, str):
        text = value
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
    path = reverse(viewname, urlconf=urlconf, args=[_STAND_IN])
    head, found, tail = path.partition(_STAND_IN)
    if not found or _STAND_IN in tail or not path.startswith(prefix):
        return None
    match = resolve("/" + path[len(prefix) :], urlconf=urlconf)
    if match.view_name != viewname:
        return None
    converters = _CONVERTER.findall(match.route)
    if len(converters) != 1:
        return None
    accepts = _ACCEPTS.get(converters[0] or "str")
    return (head, tail, accepts) if accepts else None

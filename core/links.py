"""Links that open: a page links to a record only when its reader may open it.

Each app registers, for every model with a page of its own, the predicate its
detail view applies (`register(Model, predicate)` in the app's `ready()`).
Templates ask through `{% link_to obj %}` (core/templatetags/links.py): a link
when the predicate holds, the record's name as plain text otherwise. A model
without a registered predicate is an error, not an open door.
"""

from collections.abc import Callable
from typing import Any

from django.db import models

Opener = Callable[[Any, models.Model], bool]

_openers: dict[str, Opener] = {}


def register(model: type[models.Model], predicate: Opener) -> None:
    """`predicate(user, obj)` is true when `obj.get_absolute_url()` opens for user."""
    _openers[model._meta.label] = predicate


def may_open(user, obj: models.Model) -> bool:
    try:
        predicate = _openers[obj._meta.label]
    except KeyError:
        raise LookupError(f"no link rule registered for {obj._meta.label}") from None
    return bool(predicate(user, obj))


def registered() -> dict[str, Opener]:
    return dict(_openers)

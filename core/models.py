"""Behaviour shared by the apps' models."""

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_LABELS = "_display_labels"


def _labels(field: models.Field) -> dict:
    """{value: label} of a field's choices, built once per field.

    The labels stay lazy, so each call still translates into the language of
    the request; only the dictionary is kept. Choices are fixed when the
    models load.
    """
    labels = field.__dict__.get(_LABELS)
    if labels is None:
        labels = dict(make_hashable(field.flatchoices))
        field.__dict__[_LABELS] = labels
    return labels


class ChoicesDisplayMixin:
    """`get_FOO_display()` without rebuilding the choices on every call.

    Django builds a dictionary of a field's choices each time a label is
    asked for; a list of 25 signalen asks for some fifty.
    """

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(
            _labels(field).get(make_hashable(value), value), strings_only=True
        )

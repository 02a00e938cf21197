"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

#: The range of the databases' bigint primary keys.
_PK_RANGE = range(-(2**63), 2**63)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing ids no database column can hold.

    A number beyond 64 bits in a multiple choice reaches the database in an
    `IN` list, where SQLite raises OverflowError and PostgreSQL an operator
    error: a 500 instead of a form error. Such a value is simply not a valid
    choice.
    """

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        meta = self.queryset.model._meta
        field = meta.pk if key == "pk" else meta.get_field(key)
        if isinstance(field, models.IntegerField | models.AutoField):
            for pk in value:
                try:
                    number = int(str(pk).strip())
                except ValueError:
                    number = None
                if number is None or number not in _PK_RANGE:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)

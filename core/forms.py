"""Form bases shared by the apps."""

from django import forms
from django.forms.forms import DeclarativeFieldsMetaclass
from django.forms.models import fields_for_model, model_to_dict


class _ModelFieldsMetaclass(DeclarativeFieldsMetaclass):
    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and getattr(meta, "model", None) is not None:
            declared = [k for k, v in attrs.items() if isinstance(v, forms.Field)]
            generated = fields_for_model(
                meta.model,
                fields=meta.fields,
                exclude=declared,
                widgets=getattr(meta, "widgets", None),
                labels=getattr(meta, "labels", None),
                help_texts=getattr(meta, "help_texts", None),
                field_classes=getattr(meta, "field_classes", None),
            )
            for field_name, field in generated.items():
                if field is not None:
                    attrs.setdefault(field_name, field)
            attrs.setdefault("field_order", list(meta.fields))
        return super().__new__(mcs, name, bases, attrs)


class ModelFieldsForm(forms.Form, metaclass=_ModelFieldsMetaclass):
    """A form with a model's fields (labels, widgets, choices) and no instance.

    The form checks what the person typed; the app's service builds the record
    and runs the model's validation against the real state. An `instance`
    fills the initial values when a record is edited, and a time the person
    left as it was shown comes back as the record's own value: an input shows
    a time to the second at most, a record may hold microseconds.

        class Meta:
            model = Meting
            fields = ["indicator", "value"]
    """

    def __init__(self, *args, instance=None, initial=None, **kwargs):
        self.instance = instance
        if instance is not None:
            initial = {
                **model_to_dict(instance, fields=list(self.base_fields)),
                **(initial or {}),
            }
        super().__init__(*args, initial=initial, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.instance is not None:
            changed = set(self.changed_data)
            for name, field in self.fields.items():
                if (
                    isinstance(field, forms.DateTimeField | forms.TimeField)
                    and name in cleaned
                    and name not in changed
                    and name in self.initial
                ):
                    cleaned[name] = self.initial[name]
        return cleaned

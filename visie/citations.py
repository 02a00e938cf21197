"""The kinds of evidence a section can cite, and which of them may be shown.

Bronnen always exist. Scan findings (gebiedsscans, signalen, acties) are cited
when the scans app provides those models; a kind whose model is not
installed is simply not offered. Session outcomes are not cited from here:
the sessies app links its Opbrengst to a Sectie and the section page shows
them through the reverse relation.

A section is read by every partner, so it cites only what every partner may
read (core.policy.PARTNER: openbaar and partners, never one organisation's
text); each reader then sees the cited items the policy lets them read.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from core import policy


@dataclass(frozen=True)
class Kind:
    key: str
    model_label: str
    label: str
    #: Relations the object's label (__str__) follows, loaded in the same query.
    related: tuple[str, ...] = ()

    def model(self) -> type[Model] | None:
        try:
            return apps.get_model(self.model_label)
        except LookupError:
            return None

    def readable(self, reader: policy.Reader) -> QuerySet | None:
        """The citable objects of this kind that `reader` may read."""
        qs = self.citable()
        if qs is None or policy.kind_of(qs.model) is None:
            return qs
        return qs.filter(policy.q_for(qs.model, reader))

    def citable(self) -> QuerySet | None:
        """The objects that may be cited: what every partner may read."""
        model = self.model()
        if model is None:
            return None
        qs = model._default_manager.all()
        field_names = {f.name for f in model._meta.get_fields()}
        related = [name for name in self.related if name in field_names]
        if related:
            qs = qs.select_related(*related)
        if policy.kind_of(model) is not None:
            qs = qs.filter(policy.q_for(model, policy.PARTNER))
        return qs


KINDS = [
    Kind("bron", "visie.Bron", _("Source documents")),
    Kind("gebiedsscan", "scans.Gebiedsscan", _("Area scans"), ("gebied", "ronde")),
    Kind("signaal", "scans.Signaal", _("Signals"), ("gebied",)),
    Kind("actie", "scans.Actie", _("Actions")),
]


def available_kinds() -> list[Kind]:
    return [k for k in KINDS if k.model() is not None]


def kind_by_key(key: str) -> Kind | None:
    return next((k for k in available_kinds() if k.key == key), None)


def kind_for_content_type(content_type: ContentType) -> Kind | None:
    label = f"{content_type.app_label}.{content_type.model}"
    return next((k for k in available_kinds() if k.model_label.lower() == label), None)


def is_citable(obj: Model) -> bool:
    label = obj._meta.label
    kind = next((k for k in available_kinds() if k.model_label == label), None)
    if kind is None:
        return False
    qs = kind.citable()
    return qs is not None and qs.filter(pk=obj.pk).exists()


#: How many of the newest objects of each kind the citation form offers.
CHOICE_LIMIT = 200


def choices() -> list[tuple[str, list[tuple[str, str]]]]:
    groups = []
    for kind in available_kinds():
        qs = kind.citable()
        model = kind.model()
        ordering = ["title"] if model is apps.get_model("visie.Bron") else ["-pk"]
        options = [
            (f"{kind.key}:{o.pk}", str(o))
            for o in qs.order_by(*ordering)[:CHOICE_LIMIT]
        ]
        if options:
            groups.append((str(kind.label), options))
    return groups


def resolve(value: str) -> Model | None:
    key, _sep, pk = value.partition(":")
    kind = kind_by_key(key)
    if kind is None or not pk.isdigit():
        return None
    return kind.citable().filter(pk=int(pk)).first()

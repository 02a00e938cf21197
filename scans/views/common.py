from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.urls import reverse

from scans import permissions
from scans.models import Gebied
from scans.services.index import band


class ViewGebiedenMixin(LoginRequiredMixin, UserPassesTestMixin):
    def test_func(self) -> bool:
        return permissions.can_view_gebieden(self.request.user)


class RecordMixin(LoginRequiredMixin, UserPassesTestMixin):
    def test_func(self) -> bool:
        return permissions.can_record(self.request.user)


def feature(gebied: Gebied, **properties) -> dict | None:
    if not gebied.geometry:
        return None
    return {
        "type": "Feature",
        "geometry": gebied.geometry,
        "properties": {
            "code": gebied.code,
            "name": gebied.name,
            "level": gebied.level,
            "url": reverse("scans:gebied_detail", kwargs={"code": gebied.code}),
            **properties,
        },
    }


def feature_collection(gebieden, extra=None) -> dict:
    """GeoJSON for the map; extra(gebied) adds properties such as an index."""
    features = []
    for g in gebieden:
        f = feature(g, **(extra(g) if extra else {}))
        if f:
            features.append(f)
    return {"type": "FeatureCollection", "features": features}


def index_properties(value: float | None) -> dict:
    b = band(value)
    return {
        "index": value,
        "band": b[0] if b else "",
        "bandLabel": b[1] if b else "",
    }


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form (fields it names, else the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)

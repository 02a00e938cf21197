"""A BSN is refused in every free-text field of every form, on every page.

Generated, so a new form or field is covered without a new test:

- every form class in the forms modules of the portal's packages is built
  with a BSN in each of its free-text fields (core.privacy.free_text_fields:
  every text field unless the form names it in ``unguarded_fields``);
- every form page of tests/security/endpoints.py is posted with the valid
  values and a BSN in one free-text field at a time: the field list comes
  from the forms the page actually binds. The answer is the Dutch message,
  never a 500, and no table changes;
- every form class with free-text fields must be bound by one of those pages;
- every model admin's form and inline refuses a BSN in its text fields;
- every text column of the CSV import of metingen refuses a BSN.
"""

import importlib
import pkgutil
from inspect import getmembers, isclass

import pytest
from django import forms
from django.db import transaction
from django.test import Client

from core.privacy import free_text_fields
from scans.models import Signaal
from scans.services import csv_import
from tests.security.endpoints import ENDPOINTS, Endpoint
from tests.security.test_hostile_input import (
    _AUDIT,
    _names,
    build_world,
    changes,
    client_as,
    row_counts,
    url_of,
    valid_values,
)

pytestmark = pytest.mark.django_db

BSN_TEXT = "Melding van bewoner 111222333"
BSN_MESSAGE = "burgerservicenummer (BSN)"
PACKAGES = ["core", "partners", "scans", "visie", "sessies", "portal"]

#: Fields deliberately left to other checks. Adding one here is a decision.
UNGUARDED = {
    ("scans.forms.StraatclusterForm", "geometry"): "GeoJSON shape",
    ("scans.forms.SignaalForm", "point"): "coordinates",
    ("sessies.forms.UitnodigenForm", "gasten"): "guest e-mail addresses",
    ("partners.forms.AcceptInvitationForm", "full_name"): "the user's own name",
    ("portal.rapportage.forms.RapportSearchForm", "q"): "search term, not stored",
    ("portal.audittrail.forms.AuditFilterForm", "actor"): "search term, not stored",
    ("portal.zoeken.forms.SearchForm", "q"): "search term, not stored",
}

#: Forms whose page is not in tests/security/endpoints.py, with the test that
#: posts them. The BSN check of their fields is tested above like any other.
BOUND_ELSEWHERE = {
    "portal.archief.forms.ArchiefExportForm": "tests/archief/test_export.py",
}


def _form_modules():
    for package in PACKAGES:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            last = info.name.rsplit(".", 1)[-1]
            if last == "forms" or ".forms." in info.name:
                yield importlib.import_module(info.name)


def form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for module in _form_modules():
        for _name, cls in getmembers(module, isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, forms.BaseForm):
                found.append(cls)
    return sorted(found, key=_label)


def _label(cls) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _kwargs(cls, personas) -> dict:
    """Constructor arguments of the forms that need them."""
    p = personas
    if cls.__name__ == "AgendapuntForm":
        from tests.sessies.factories import make_sessie

        return {"sessie": make_sessie(p.griffier, p.griffie)}
    return {
        "ActieForm": {"signalen": Signaal.objects.none()},
        "OndertekeningForm": {"organisations": [p.woonkracht10]},
        "AfspraakForm": {"organisations": [p.woonkracht10, p.welzijn]},
        "SessieForm": {"user": p.griffier},
        "AanwezigheidForm": {"uitnodigingen": []},
        "RapportRequestForm": {"user": p.griffier},
        "InvitationForm": {"user": p.coordinator},
        "AcceptInvitationForm": {"email": "nieuw@woonkracht10.test"},
        "AuditFilterForm": {"object_types": []},
        "ActivateTOTPForm": {"user": p.medewerker},
        "AuthenticateForm": {"user": p.medewerker},
        "ReauthenticateForm": {"user": p.medewerker},
    }.get(cls.__name__, {})


def _build(cls, personas, data=None):
    kwargs = _kwargs(cls, personas)
    try:
        return cls(data, **kwargs)
    except TypeError as exc:
        pytest.fail(
            f"{_label(cls)} needs constructor arguments: add them to _kwargs ({exc})"
        )


def test_the_forms_modules_are_found():
    labels = {_label(c) for c in form_classes()}
    assert "scans.forms.MetingForm" in labels
    assert "visie.forms.SectieEditForm" in labels
    assert "portal.audittrail.forms.AuditFilterForm" in labels


def test_only_the_listed_fields_are_left_unguarded(personas):
    declared = set()
    for cls in form_classes():
        form = _build(cls, personas)
        for name in getattr(form, "unguarded_fields", ()):
            declared.add((_label(cls), name))
    assert declared == set(UNGUARDED)


@pytest.mark.parametrize("cls", form_classes(), ids=_label)
def test_every_free_text_field_of_a_form_refuses_a_bsn(cls, personas):
    fields = free_text_fields(_build(cls, personas))
    if not fields:
        pytest.skip("no free-text fields")
    form = _build(cls, personas, {name: BSN_TEXT for name in fields})
    form.is_valid()
    errors = form.errors.as_data()
    for name in fields:
        codes = [e.code for e in errors.get(name, [])]
        assert "bsn" in codes, f"{_label(cls)}.{name} let a BSN through: {codes}"
        assert BSN_MESSAGE in " ".join(form.errors[name])


def _bound_forms(endpoint: Endpoint, world: dict, monkeypatch) -> list:
    """The forms a valid submission binds, found by letting it run and undoing it."""
    bound = []
    original = forms.BaseForm.full_clean

    def spy(form):
        original(form)
        if form.is_bound:
            bound.append(form)

    monkeypatch.setattr(forms.BaseForm, "full_clean", spy)
    client = client_as(endpoint, world)
    try:
        with transaction.atomic():
            _post(endpoint, world, client, valid_values(endpoint, world))
            transaction.set_rollback(True)
    finally:
        monkeypatch.setattr(forms.BaseForm, "full_clean", original)
    return bound


def _post(endpoint: Endpoint, world: dict, client: Client, values: dict):
    from django.core.files.uploadedfile import SimpleUploadedFile

    names = _names(world)
    payload = {}
    for name, v in values.items():
        if v is None:
            continue
        if isinstance(v, tuple):
            v = SimpleUploadedFile(v[0], v[1])
        payload[name.format(**names)] = v
    return client.post(url_of(endpoint, world), payload, follow=True)


def _free_text_names(bound) -> list[str]:
    return sorted({f.add_prefix(n) for f in bound for n in free_text_fields(f)})


POSTS = [e for e in ENDPOINTS if e.method == "post"]


@pytest.mark.parametrize("endpoint", POSTS, ids=lambda e: e.id)
def test_a_bsn_typed_on_any_page_is_refused_and_nothing_is_saved(endpoint, monkeypatch):
    world = build_world(endpoint)
    names = _free_text_names(_bound_forms(endpoint, world, monkeypatch))
    if not names:
        pytest.skip("the page binds no free-text field")
    for name in names:
        values = valid_values(endpoint, world)
        values = {k.format(**_names(world)): v for k, v in values.items()}
        values[name] = BSN_TEXT
        before = row_counts()
        response = _post(endpoint, world, client_as(endpoint, world), values)
        diff = changes(before, row_counts())
        diff.pop(_AUDIT, None)
        assert response.status_code < 500, f"{endpoint.id} {name}"
        assert BSN_MESSAGE in response.content.decode(), (
            f"{endpoint.id}: no BSN message for {name}"
        )
        assert not diff, f"{endpoint.id}: a BSN in {name} saved {diff}"


def _clear():
    """Remove the personas (in the test transaction): each page builds its own."""
    from django.apps import apps

    for model in reversed(apps.get_models()):
        if model._meta.app_label in {"contenttypes", "auth", "sessions"}:
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        model._base_manager.all().delete()


def test_every_form_with_free_text_is_used_by_a_page_in_the_table(
    personas, monkeypatch
):
    classes = form_classes()
    # A base form counts through the forms built on it.
    concrete = [
        c for c in classes if not any(o is not c and issubclass(o, c) for o in classes)
    ]
    wanted = {
        _label(cls) for cls in concrete if free_text_fields(_build(cls, personas))
    } - set(BOUND_ELSEWHERE)
    _clear()
    seen = set()
    for endpoint in POSTS:
        with transaction.atomic():
            world = build_world(endpoint)
            seen |= {
                _label(type(f)) for f in _bound_forms(endpoint, world, monkeypatch)
            }
            transaction.set_rollback(True)
    missing = sorted(wanted - seen)
    assert not missing, (
        f"forms with free text that no page in tests/security/endpoints.py "
        f"binds: {missing}"
    )


def _bsn_fitting(field) -> str:
    """The BSN text, or the bare number where a short field takes no more."""
    if field.max_length and field.max_length < len(BSN_TEXT):
        return "111222333"
    return BSN_TEXT


def _admins():
    from django.contrib import admin

    found = []
    for model, model_admin in admin.site._registry.items():
        found.append((model._meta.label, model_admin, None))
        for inline in model_admin.inlines:
            found.append(
                (
                    f"{model._meta.label} > {inline.model._meta.label}",
                    model_admin,
                    inline,
                )
            )
    return sorted(found, key=lambda entry: entry[0])


@pytest.mark.parametrize(
    ("label", "model_admin", "inline"), _admins(), ids=[a[0] for a in _admins()]
)
def test_every_admin_form_refuses_a_bsn_in_its_text_fields(
    label, model_admin, inline, beheerder, rf
):
    request = rf.get("/beheer/")
    request.user = beheerder
    obj = model_admin.model()
    if inline is None:
        form_class = model_admin.get_form(request, obj, change=True)
    else:
        instance = next(
            i
            for i in model_admin.get_inline_instances(request, obj)
            if isinstance(i, inline)
        )
        form_class = instance.get_formset(request, obj).form
    empty = form_class()
    fields = free_text_fields(empty)
    if not fields:
        pytest.skip("no free-text field")
    form = form_class({name: _bsn_fitting(empty.fields[name]) for name in fields})
    form.is_valid()
    errors = form.errors.as_data()
    for name in fields:
        codes = [e.code for e in errors.get(name, [])]
        assert "bsn" in codes, f"{label}.{name} let a BSN through: {codes}"


#: Columns of the metingen import that hold codes, numbers and dates.
CSV_STRUCTURED = {"gebied", "indicator", "waarde", "datum", "respondenten"}


@pytest.mark.parametrize(
    "column", sorted(set(csv_import.COLUMNS) - CSV_STRUCTURED), ids=str
)
def test_every_text_column_of_the_csv_import_refuses_a_bsn(column):
    from tests.scans import factories as f

    buurt, indicator, ronde = f.buurt(2), f.indicator(), f.ronde()
    header = ["gebied", "indicator", "waarde", column]
    row = [buurt.code, indicator.code, "7,5", "Bewoner 111222333"]
    result = csv_import.parse(f"{';'.join(header)}\n{';'.join(row)}\n", ronde=ronde)
    assert not result.is_valid
    assert any(BSN_MESSAGE in e for e in result.rows[0].errors), column

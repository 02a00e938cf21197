"""A complete, self-describing archive of the portal for the municipal archive.

The zip holds one JSON file per model (Django's serialisation format), a
manifest describing every model and field, and every published report PDF
with its SHA-256 checked against the hash stored when it was rendered.
Secrets (password hashes, token hashes, TOTP secrets) are left out.

This is the one place where the classification policy is set aside: the
archive holds every organisation's text, organisatie-level included. So an
export needs a reason, and its audit entry names, per organisation, how many
records of each kind and level left the portal (ADR 0600, ADR 0602).
"""

import hashlib
import json
import zipfile
from typing import IO

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core import policy
from core.audit.services import Action, record
from partners.models import Organisation
from portal.rapportage.models import Rapport

APP_LABELS = ("partners", "scans", "visie", "sessies", "rapportage", "audit")
SECRET_MARKERS = ("password", "token", "secret")


def archived_models():
    """Every model of the apps, except those that say they are no record of
    the gemeente (`archived = False`, such as a raadslid's private notes)."""
    for label in APP_LABELS:
        for model in apps.get_app_config(label).get_models():
            if getattr(model, "archived", True):
                yield model


def _is_secret(name: str) -> bool:
    return any(marker in name for marker in SECRET_MARKERS)


def _describe(model) -> dict:
    fields = [
        {
            "name": field.name,
            "verbose_name": str(getattr(field, "verbose_name", field.name)),
            "type": field.get_internal_type(),
            "related_model": field.related_model._meta.label_lower
            if field.related_model
            else None,
        }
        for field in model._meta.get_fields()
        if field.concrete and not _is_secret(field.name)
    ]
    return {
        "model": model._meta.label_lower,
        "verbose_name": str(model._meta.verbose_name),
        "file": f"records/{model._meta.label_lower}.json",
        "fields": fields,
    }


def classified_counts() -> dict[str, dict[str, dict[str, int]]]:
    """Per organisation, per kind of record, per level: how many records.

    The models that declare a row of the policy (`policy_kind`) are counted;
    their history tables hold copies of the same records.
    """
    counts: dict[str, dict[str, dict[str, int]]] = {}
    names = dict(Organisation.objects.values_list("pk", "name"))
    for model in archived_models():
        kind = policy.kind_of(model)
        if kind is None:
            continue
        organisation = model.policy_organisation
        rows = (
            model._base_manager.values(organisation, "rubricering")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in rows:
            name = names.get(row[organisation], "(geen organisatie)")
            per_kind = counts.setdefault(name, {}).setdefault(str(kind), {})
            per_kind[row["rubricering"]] = (
                per_kind.get(row["rubricering"], 0) + row["n"]
            )
    return dict(sorted(counts.items()))


def write_archive(target: IO[bytes], *, reden: str, actor=None, request=None) -> dict:
    """Write the zip to `target`; return the manifest. The export is audited."""
    reden = " ".join((reden or "").split())
    if not reden:
        raise ValidationError({"reden": _("Give the reason for this export.")})
    manifest = {
        "title": f"Archief Buurtaanpak {settings.GEMEENTE_NAAM}",
        "gemeente": settings.GEMEENTE_CODE,
        "created_at": timezone.now().isoformat(),
        "format": "Django JSON serialisation, one file per model",
        "models": [],
        "documents": [],
    }
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for model in archived_models():
            description = _describe(model)
            names = [f["name"] for f in description["fields"] if f["name"] != "id"]
            queryset = model._base_manager.order_by("pk")
            description["count"] = queryset.count()
            archive.writestr(
                description["file"],
                serializers.serialize("json", queryset.iterator(), fields=names),
            )
            manifest["models"].append(description)
        for rapport in Rapport.objects.published().exclude(file="").order_by("pk"):
            try:
                with rapport.file.open("rb") as handle:
                    data = handle.read()
            except FileNotFoundError:
                manifest["documents"].append(
                    {"rapport": rapport.pk, "missing": True, "sha256": rapport.sha256}
                )
                continue
            actual = hashlib.sha256(data).hexdigest()
            path = f"documents/rapport-{rapport.pk}.pdf"
            archive.writestr(path, data)
            manifest["documents"].append(
                {
                    "rapport": rapport.pk,
                    "title": rapport.title,
                    "file": path,
                    "sha256": actual,
                    "sha256_recorded": rapport.sha256,
                    "sha256_ok": actual == rapport.sha256,
                }
            )
        archive.writestr(
            "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False)
        )
    record(
        actor=actor,
        action=Action.EXPORT,
        object_type="archief.export",
        label=f"Archiefexport: {reden}"[:255],
        classification=policy.most_restricted(policy.LEVELS),
        request=request,
        details={
            "reden": reden,
            "models": len(manifest["models"]),
            "documents": len(manifest["documents"]),
            "per_organisatie": classified_counts(),
        },
    )
    return manifest

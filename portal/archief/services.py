"""A complete, self-describing archive of the portal for the municipal archive.

The zip holds one JSON file per model (Django's serialisation format), a
manifest describing every model and field, and every published report PDF
with its SHA-256 checked against the hash stored when it was rendered.
Secrets (password hashes, token hashes, TOTP secrets) are left out.
"""

import hashlib
import json
import zipfile
from typing import IO

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.utils import timezone

from core.audit.services import Action, record
from portal.rapportage.models import Rapport

APP_LABELS = ("partners", "scans", "visie", "sessies", "rapportage", "audit")
SECRET_MARKERS = ("password", "token", "secret")


def archived_models():
    for label in APP_LABELS:
        yield from apps.get_app_config(label).get_models()


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


def write_archive(target: IO[bytes], *, actor=None, request=None) -> dict:
    """Write the zip to `target`; return the manifest. The export is audited."""
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
        label="Archiefexport",
        request=request,
        details={
            "models": len(manifest["models"]),
            "documents": len(manifest["documents"]),
        },
    )
    return manifest

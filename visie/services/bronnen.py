"""Source documents and the citations that point at evidence."""

import hashlib
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from core import policy
from core.privacy import check_fields
from core.sizes import format_size
from partners.models import User
from partners.selectors import reader_of
from visie import citations, permissions
from visie.models import Bron, Citatie, Sectie

#: Sniffed content type -> the file name extensions that may carry it.
ALLOWED_TYPES = {
    "application/pdf": {".pdf"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
        ".docx"
    },
    "application/vnd.oasis.opendocument.text": {".odt"},
    "image/png": {".png"},
    "image/jpeg": {".jpg", ".jpeg"},
    "image/gif": {".gif"},
    "image/webp": {".webp"},
}


def sniff_upload(upload: UploadedFile) -> str:
    """The content type of an upload, judged by its bytes, not by its name."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": format_size(upload.size), "limit": format_size(limit)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime == "application/zip" and PurePath(upload.name).suffix.lower() in {
        ".docx",
        ".odt",
    }:
        mime = _office_type(upload)
    extension = PurePath(upload.name or "").suffix.lower()
    if mime not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "This file is not a PDF, Word (DOCX), OpenDocument (ODT) or image "
                "file, whatever its name says. Upload one of those."
            ),
            code="type",
        )
    if extension not in ALLOWED_TYPES[mime]:
        raise ValidationError(
            _("The file name ends in “%(ext)s” but the file is of another type.")
            % {"ext": extension or "—"},
            code="extension",
        )
    return mime


def _office_type(upload: UploadedFile) -> str:
    """filetype reads only the first bytes; an office file is a zip with a tell."""
    import zipfile

    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype == "application/vnd.oasis.opendocument.text":
                    return mimetype
            if "word/document.xml" in names:
                return (
                    "application/vnd.openxmlformats-officedocument."
                    "wordprocessingml.document"
                )
    except (zipfile.BadZipFile, OSError, UnicodeError):
        return ""
    finally:
        upload.seek(0)
    return ""


def bron_create(
    *,
    user: User,
    title: str,
    soort: str,
    publisher: str = "",
    published_on=None,
    url: str = "",
    description: str = "",
    rubricering: str,
    upload: UploadedFile | None = None,
    personal_data_confirmed: bool = False,
) -> Bron:
    """Add a source; its level covers the title, the description and the file."""
    if not permissions.can_manage_bronnen(user):
        raise PermissionDenied
    check_fields(
        {"title": title, "publisher": publisher, "description": description},
        confirmed=personal_data_confirmed,
    )
    if not url and upload is None:
        raise ValidationError(_("Give a web address, upload a file, or both."))
    organisation = permissions.acting_organisation(user)
    policy.check_writable(
        reader_of(user),
        policy.Kind.BRON,
        rubricering,
        organisation.pk if organisation else None,
    )
    bron = Bron(
        title=title.strip(),
        soort=soort,
        publisher=publisher.strip(),
        published_on=published_on,
        url=url,
        description=description.strip(),
        rubricering=rubricering,
        organisation=organisation,
        added_by=user,
    )
    if upload is not None:
        bron.content_type = sniff_upload(upload)
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        bron.sha256 = digest.hexdigest()
        bron.size = upload.size
        bron.filename = get_valid_filename(PurePath(upload.name).name)[:255]
    bron.full_clean(exclude=["file"])
    if upload is not None:
        # The stored name is random so it reveals nothing and cannot collide.
        extension = PurePath(bron.filename).suffix.lower()
        bron.file.save(f"{bron.sha256[:16]}{extension}", upload, save=False)
    bron.save()
    return bron


def citatie_create(
    *,
    sectie: Sectie,
    user: User,
    target: Model,
    toelichting: str = "",
    personal_data_confirmed: bool = False,
) -> Citatie:
    if not permissions.can_edit_sectie(user, sectie):
        raise PermissionDenied
    check_fields({"toelichting": toelichting}, confirmed=personal_data_confirmed)
    if not citations.is_citable(target):
        raise ValidationError(_("This item cannot be cited."))
    from django.contrib.contenttypes.models import ContentType

    citatie = Citatie(
        sectie=sectie,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        toelichting=toelichting.strip(),
        added_by=user,
    )
    citatie.full_clean(exclude=["sectie", "content_type"])
    try:
        with transaction.atomic():
            citatie.save()
    except IntegrityError:
        raise ValidationError(_("This section already cites that item.")) from None
    return citatie


def citatie_delete(*, citatie: Citatie, user: User) -> None:
    if not permissions.can_edit_sectie(user, citatie.sectie):
        raise PermissionDenied
    citatie.delete()

"""File hand-ins: where a group's PDF is stored, how an upload is checked, how it is served.

PDFs live in the private storage (core.storage, outside MEDIA_ROOT), under random names; the
group's own file name is kept in the row and given back only as the download's name.
"""

import unicodedata
import uuid

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename

from assignments.pdf import NotAPdf, check_pdf
from core.storage import private_storage

FILE_NAME_MAX_LENGTH = 200


def get_private_storage():
    return private_storage


def hand_in_path(instance, filename):
    """A name no one can guess or collide with; the group's own file name is kept apart."""
    return f"hand-ins/{uuid.uuid4().hex}.pdf"


def check_upload(upload):
    """Refuse an upload over HAND_IN_MAX_BYTES or that is not a PDF, saying why."""
    limit = settings.HAND_IN_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"This file is {filesizeformat(upload.size)}; a hand-in may be at most "
            f"{filesizeformat(limit)}.",
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        check_pdf(data)
    except NotAPdf as error:
        raise ValidationError(str(error), code="not_pdf") from error


def download_name(name):
    """The group's file name, made safe for a header: NFKC, no path, ends in .pdf."""
    name = unicodedata.normalize("NFKC", name).replace("\\", "/").rsplit("/", 1)[-1]
    try:
        stem = get_valid_filename(name.removesuffix(".pdf").removesuffix(".PDF"))
    except SuspiciousFileOperation:  # nothing usable left, e.g. ".."
        stem = "hand-in"
    return f"{stem[: FILE_NAME_MAX_LENGTH - 4]}.pdf"


def file_response(stored_file, name):
    """The PDF as a download: attachment, nosniff, a sandbox, never cached by proxies."""
    response = FileResponse(
        stored_file.open("rb"),
        as_attachment=True,
        filename=download_name(name),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
